/**
 * lua/unit-history.lua, on the suite's Redis: the change a mizan write records in a unit's TMX metadata, as JSON of
 * the shape service/unit-fields.ts writes (attributes in the DTD's order, formats/tmx-model.ts TU_ATTRS).
 */
import fs from 'node:fs';
import path from 'node:path';
import { TU_ATTRS } from '../../src/formats/tmx-model';
import type { RedisClient } from '../../src/store';
import { changeArgs } from '../../src/store/change-stamp';
import { luaFieldList } from '../../src/store/unit-record';
import { testRedis } from '../helpers/context';

let redis: RedisClient;
beforeAll(async () => {
  redis = await testRedis();
});
afterAll(() => redis.disconnect());

const lua = (name: string) => fs.readFileSync(path.join(__dirname, '../../src/store/lua', `${name}.lua`), 'utf8');
const PRELUDE = `${luaFieldList()}\n${lua('unit-record')}\n${lua('unit-history')}\n`;
const [STAMP, BY] = changeArgs(Date.UTC(2026, 11, 6, 2, 17, 53), 'reviewer "amal" / نور');

/** A record's `tmx` and `tuv:<lang>` after touchHistory, the languages `langs` changed. */
async function touched(fields: Record<string, string>, langs: string[]): Promise<Record<string, string>> {
  const body =
    'local rec = cjson.decode(ARGV[1]); local langs = {}\n' +
    'for _, l in ipairs(cjson.decode(ARGV[2])) do langs[l] = true end\n' +
    "touchHistory(rec, langs, ARGV[3], ARGV[4]); return { rec.tmx or '', rec['tuv:en'] or '', rec['tuv:zh'] or '' }";
  const [tmx, en, zh] = (await redis.call(
    'EVAL',
    PRELUDE + body,
    0,
    JSON.stringify(fields),
    JSON.stringify(langs),
    STAMP,
    BY,
  )) as string[];
  return { tmx: tmx!, 'tuv:en': en!, 'tuv:zh': zh! };
}

const CHANGE = { changedate: '20261206T021753Z', changeid: 'reviewer "amal" / نور' };

describe("a mizan write in a unit's TMX history", () => {
  it('replaces the tu change, keeps the rest in the DTD order, as JSON.stringify writes it', async () => {
    const tmx = JSON.stringify({
      tuid: 'a"}b',
      attrs: {
        usagecount: '3',
        creationdate: '20220101T000000Z',
        creationid: 'alice',
        changedate: 'x',
        changeid: 'bob',
      },
      props: [['x-note', '"attrs":{']],
      document: 'd',
    });
    const out = await touched({ tmx }, ['en']);
    const attrs = { usagecount: '3', creationdate: '20220101T000000Z', creationid: 'alice', ...CHANGE };
    expect(out.tmx).toBe(JSON.stringify({ ...JSON.parse(tmx), attrs }));
  });

  it('adds the change where the tu named none: after tuid, in an attrs object of its own when needed', async () => {
    const attrs = { creationid: 'alice', 'o-tmf': 'x' };
    expect((await touched({ tmx: JSON.stringify({ tuid: '7', attrs }) }, ['en'])).tmx).toBe(
      JSON.stringify({ tuid: '7', attrs: { creationid: 'alice', ...CHANGE, 'o-tmf': 'x' } }),
    );
    expect((await touched({ tmx: JSON.stringify({ tuid: 'x\\"', notes: ['n'] }) }, ['en'])).tmx).toBe(
      JSON.stringify({ tuid: 'x\\"', attrs: CHANGE, notes: ['n'] }),
    );
    expect((await touched({ tmx: JSON.stringify({ props: [['a', 'b']] }) }, ['en'])).tmx).toBe(
      JSON.stringify({ attrs: CHANGE, props: [['a', 'b']] }),
    );
  });

  it("changes a tuv only when its language changed and it names a change of its own; a plain unit's nothing", async () => {
    const zh = JSON.stringify({ tag: 'zh-CN', attrs: { creationid: 'carol', changedate: '20230101T000000Z' } });
    const en = JSON.stringify({ attrs: { creationid: 'dan' } });
    expect(await touched({ 'tuv:en': en, 'tuv:zh': zh }, ['en'])).toEqual({ tmx: '', 'tuv:en': en, 'tuv:zh': zh });
    expect((await touched({ 'tuv:zh': zh }, ['zh']))['tuv:zh']).toBe(
      JSON.stringify({ tag: 'zh-CN', attrs: { creationid: 'carol', ...CHANGE } }),
    );
    expect(await touched({}, ['en', 'zh'])).toEqual({ tmx: '', 'tuv:en': '', 'tuv:zh': '' });
  });

  it('leaves JSON of another shape as it is', async () => {
    const odd = '{"attrs":{"changedate":1}}';
    expect((await touched({ tmx: odd }, ['en'])).tmx).toBe(odd);
  });

  it('orders attributes as formats/tmx-model.ts TU_ATTRS does', () => {
    const list = /local TU_ATTRS = \{([^}]*)\}/.exec(lua('unit-history'))![1]!;
    expect([...list.matchAll(/'([^']+)'/g)].map((m) => m[1])).toEqual([...TU_ATTRS]);
  });
});
