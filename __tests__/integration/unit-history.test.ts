/**
 * A unit's history as the wire formats tell it (MyMemory's matches, the TMX export) once mizan has written a unit a
 * TMX brought: the write's time and author replace the file's `changedate`/`changeid`, its `creationdate`/
 * `creationid` stay, and a target `tuv`'s own metadata answers for that target.
 */
import type { RequestListener } from 'node:http';
import request from 'supertest';
import { createTestContext, withKey, type TestContext } from '../helpers/context';
import { AR, EN, ZH } from '../helpers/document-texts';
import { allUnits, exportTmx, importDone, TMX_FOOT, TMX_HEAD, type UnitBody } from '../helpers/tm-import';
import { setUnitFields } from '../helpers/unit-records';

jest.setTimeout(30_000);

let ctx: TestContext;
/** The app sending a write key named "reviewer-amal". */
let amal: RequestListener;

beforeAll(async () => {
  ctx = await createTestContext({ seed: false });
  amal = withKey(ctx.rawApp, (await ctx.access.create('write', 'reviewer-amal')).key);
});
afterAll(() => ctx.close());

const ar = 'هذه جملة تحمل بيانات وصفية كاملة للاختبار';
const tmxOf = (en: string) =>
  TMX_HEAD +
  '<tu tuid="meta-1" creationdate="20220101T000000Z" creationid="alice" changedate="20220102T030405Z" ' +
  'changeid="bob">' +
  `<tuv xml:lang="ar"><seg>${ar}</seg></tuv>` +
  `<tuv xml:lang="en"><seg>${en}</seg></tuv>` +
  '<tuv xml:lang="zh" creationid="carol" changedate="20230101T000000Z"><seg>这句话带有完整的测试元数据</seg></tuv>' +
  '</tu>\n' +
  TMX_FOOT;
const original = 'This sentence carries full metadata for testing';
const corrected = 'This sentence carries corrected metadata for testing purposes';

/** The MyMemory match of the Arabic, asked for `tgt`. */
async function myMemory(tm: string, tgt: string) {
  const res = await request(ctx.app)
    .get('/get')
    .query({ q: ar, langpair: `ar|${tgt}` })
    .expect(200);
  expect(tm).toBe('main'); // MyMemory asks the default TM only
  return res.body.matches[0] as Record<string, unknown>;
}

/** `YYYY-MM-DD hh:mm:ss` (MyMemory) of a time, and `YYYYMMDDThhmmssZ` (TMX). */
const myMemoryDate = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
const tmxDate = (ms: number) =>
  myMemoryDate(ms)
    .replace(/[- :]/g, '')
    .replace(/^(\d{8})/, '$1T') + 'Z';
/** The seconds of [from, to], each as `format` writes it. */
const secondsBetween = (from: number, to: number, format: (ms: number) => string) => {
  const out: string[] = [];
  for (let s = Math.floor(from / 1000); s <= Math.floor(to / 1000); s++) out.push(format(s * 1000));
  return out;
};

describe('a unit a TMX brought, then edited through the API', () => {
  let unitId: string;
  let before: number;
  let after: number;

  beforeAll(async () => {
    await importDone(ctx.app, 'main', tmxOf(original));
    const unit = (await allUnits(ctx.app, 'main'))[0]!;
    expect(unit.en).toBe(original);
    const listed = await request(ctx.app).get('/api/v1/tms/main/units').expect(200);
    unitId = listed.body.units[0].unitId as string;
  });

  it('answers MyMemory with the TMX dates and authors while mizan has not changed it', async () => {
    expect(await myMemory('main', 'en')).toMatchObject({
      translation: original,
      'created-by': 'alice',
      'last-updated-by': 'bob',
      'create-date': '2022-01-01 00:00:00',
      'last-update-date': '2022-01-02 03:04:05',
    });
  });

  it("answers for a target with that target tuv's own author and date", async () => {
    expect(await myMemory('main', 'zh-CN')).toMatchObject({
      'created-by': 'carol',
      'last-updated-by': 'bob',
      'create-date': '2022-01-01 00:00:00',
      'last-update-date': '2023-01-01 00:00:00',
    });
  });

  it("reports the edit's time and the key's name, and keeps the creation the TMX gave", async () => {
    before = Date.now();
    await request(amal).patch(`/api/v1/units/${unitId}`).send({ en: corrected }).expect(200);
    after = Date.now();
    const match = await myMemory('main', 'en');
    expect(match).toMatchObject({
      translation: corrected,
      'created-by': 'alice',
      'last-updated-by': 'reviewer-amal',
      'create-date': '2022-01-01 00:00:00',
    });
    expect(secondsBetween(before, after, myMemoryDate)).toContain(match['last-update-date']);
    // The zh tuv was not edited: its own date still answers for zh; the tu's last change is the edit's.
    expect(await myMemory('main', 'zh-CN')).toMatchObject({
      'created-by': 'carol',
      'last-updated-by': 'reviewer-amal',
      'last-update-date': '2023-01-01 00:00:00',
    });
  });

  it("exports the edit as the tu's changedate and changeid, creationdate and creationid kept", async () => {
    const tmx = await exportTmx(ctx.app, 'main');
    const tu = /<tu tuid="meta-1"[^>]*>/.exec(tmx)![0];
    expect(tu).toContain('creationdate="20220101T000000Z" creationid="alice"');
    expect(tu).toContain('changeid="reviewer-amal"');
    const changed = /changedate="([^"]+)"/.exec(tu)![1];
    expect(secondsBetween(before, after, tmxDate)).toContain(changed);
    expect(tmx).toContain('<tuv xml:lang="zh" creationid="carol" changedate="20230101T000000Z">');
  });

  it("keeps the edit's dates through an export and a re-import elsewhere", async () => {
    const tmx = await exportTmx(ctx.app, 'main');
    await importDone(ctx.app, 'copy', tmx);
    expect(await allUnits(ctx.app, 'copy')).toEqual(await allUnits(ctx.app, 'main'));
    const body = (text: string) => text.replace(/<header [^>]*>/, '');
    expect(body(await exportTmx(ctx.app, 'copy'))).toBe(body(tmx));
  });

  it('is left as it was by a write that changes nothing', async () => {
    const fresh = await createTestContext({ seed: false, prefix: `${ctx.config.keyPrefix}fresh:` });
    try {
      await importDone(fresh.app, 'main', tmxOf(original));
      const id = (await request(fresh.app).get('/api/v1/tms/main/units').expect(200)).body.units[0].unitId as string;
      await request(fresh.app).patch(`/api/v1/units/${id}`).send({ en: original }).expect(200);
      const res = await request(fresh.app).get('/get').query({ q: ar, langpair: 'ar|en' }).expect(200);
      expect(res.body.matches[0]).toMatchObject({
        'last-updated-by': 'bob',
        'last-update-date': '2022-01-02 03:04:05',
      });
    } finally {
      await fresh.close();
    }
  });
});

describe('document rows a TMX gave metadata, then corrected', () => {
  it("take the correction's time and the key's name where their text changed, and only there", async () => {
    const doc = (await request(ctx.app).post('/api/v1/documents').send({ tm: 'docs', ar: AR, en: EN, zh: ZH }))
      .body as { id: string; segments: { unitId: string }[] };
    const tmx = JSON.stringify({ attrs: { creationid: 'alice', changedate: '20220102T030405Z', changeid: 'bob' } });
    const [kept, moved] = [doc.segments[0]!.unitId, doc.segments[1]!.unitId];
    for (const id of [kept, moved]) await setUnitFields(ctx.redis, ctx.keys.unit('docs', id), { tmx });
    const before = Date.now();
    await request(amal)
      .patch(`/api/v1/documents/${doc.id}/alignment`)
      .query({ tm: 'docs' })
      .send({ ops: [{ op: 'move', row: 1, lang: 'zh', to: 'next' }] })
      .expect(200);
    const after = Date.now();
    const units = (await request(ctx.app).get('/api/v1/tms/docs/units').query({ limit: 100 }).expect(200)).body
      .units as (UnitBody & { unitId: string })[];
    const attrsOf = (id: string) =>
      (units.find((u) => u.unitId === id)?.tmx as { attrs: Record<string, string> }).attrs;
    expect(attrsOf(kept)).toEqual(JSON.parse(tmx).attrs);
    expect(attrsOf(moved)).toMatchObject({ creationid: 'alice', changeid: 'reviewer-amal' });
    expect(secondsBetween(before, after, tmxDate)).toContain(attrsOf(moved).changedate);
  });
});
