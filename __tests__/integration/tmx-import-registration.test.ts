/**
 * Traditional Chinese kept apart on an Arabic-only unit instead of dropped; and a TM registered only by an import
 * that commits units: a failed, cancelled or all-skipped import leaves the TM list as it was.
 */
import request from 'supertest';
import { createTestContext, type TestContext } from '../helpers/context';
import {
  allUnits,
  bilingualTu as pair,
  importTmx,
  tmChecksum,
  TMX_FOOT as FOOT,
  TMX_HEAD as HEAD,
} from '../helpers/tm-import';
import { dtdErrors } from '../helpers/tmx';

jest.setTimeout(30_000);

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ seed: false });
});
afterAll(() => ctx.close());

const ONLY_TW =
  HEAD +
  pair('افتتح المعرض الدولي للكتاب أبوابه اليوم.', 'zh-TW', '國際書展今天開幕。', 'tw1') +
  pair('انخفضت درجات الحرارة ليلا.', 'zh-Hant-TW', '夜間氣溫下降。', 'tw4') +
  FOOT;
const tmNames = async () =>
  ((await request(ctx.app).get('/api/v1/tms').expect(200)).body as { tms: { name: string }[] }).tms.map((t) => t.name);
const exportTmx = async (tm: string, query: Record<string, string> = {}) =>
  (
    await request(ctx.app)
      .get(`/api/v1/tms/${tm}/export`)
      .query({ format: 'tmx', ...query })
      .expect(200)
  ).text;

describe('a tu with Arabic and only Traditional Chinese', () => {
  it('is kept as an Arabic-only unit with its Traditional Chinese apart, exported with apart=1', async () => {
    const job = await importTmx(ctx.app, 'tw', ONLY_TW);
    expect(job).toMatchObject({ status: 'done', units: { read: 2, staged: 2, written: 2 } });
    expect(job.skipped['no-target']).toBe(0);
    expect(job.languages).toMatchObject({ ar: 2, 'zh-Hant': 2 });
    const units = await allUnits(ctx.app, 'tw');
    expect(units.map((u) => [u.ar, u.en, u.zh, u.apart?.map((a) => [a.tag, a.text, a.reason])])).toEqual([
      ['افتتح المعرض الدولي للكتاب أبوابه اليوم.', '', '', [['zh-TW', '國際書展今天開幕。', 'traditional']]],
      ['انخفضت درجات الحرارة ليلا.', '', '', [['zh-Hant-TW', '夜間氣溫下降。', 'traditional']]],
    ]);
    const withApart = await exportTmx('tw', { apart: '1' });
    expect(withApart).toContain('<tuv xml:lang="zh-TW"><seg>國際書展今天開幕。</seg></tuv>');
    expect(dtdErrors(withApart)).toBe('');
    expect(await exportTmx('tw')).not.toContain('<tu ');
    const again = await importTmx(ctx.app, 'tw', withApart);
    expect(again.units).toMatchObject({ staged: 2, written: 0, unchanged: 2 });
  });

  it('after an ar–en tu of the same Arabic adds its Traditional Chinese to that unit', async () => {
    const ar = 'افتتح المعرض الدولي للكتاب أبوابه اليوم.';
    const job = await importTmx(
      ctx.app,
      'tw-en',
      HEAD + pair(ar, 'en', 'The book fair opened today.') + ONLY_TW.slice(HEAD.length),
    );
    expect(job.units).toMatchObject({ read: 3, staged: 2, written: 2 });
    expect(job.merge.extended).toBe(1);
    const [unit] = (await allUnits(ctx.app, 'tw-en')).filter((u) => u.ar === ar);
    expect(unit).toMatchObject({
      en: 'The book fair opened today.',
      apart: [expect.objectContaining({ tag: 'zh-TW' })],
    });
  });

  it('but with another language (ar–fr) is still skipped and counted', async () => {
    const file =
      HEAD + [0, 1, 2].map((i) => pair(`جملة عربية رقم ${i}`, 'fr-FR', `phrase française ${i}`)).join('') + FOOT;
    const before = await tmChecksum(ctx.redis, ctx.keys, 'fr');
    const job = await importTmx(ctx.app, 'fr', file);
    expect(job).toMatchObject({ status: 'done', units: { read: 3, staged: 0, written: 0 } });
    expect(job.skipped['no-target']).toBe(3);
    expect(await tmNames()).not.toContain('fr');
    expect(await tmChecksum(ctx.redis, ctx.keys, 'fr')).toBe(before);
  });
});

describe('an import that writes nothing', () => {
  it('creates no TM when it fails, is cancelled or skips every tu', async () => {
    const before = await tmNames();
    const failed = await importTmx(ctx.app, 'never-failed', HEAD + '<tu><tuv xml:lang="ar"><seg>نص</seg></tuv>');
    expect(failed.status).toBe('failed');
    await expect(
      ctx.tm.imports.run('never-cancelled', [Buffer.from(ONLY_TW)], { signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ code: 'JOB_CANCELLED' });
    const skipped = await importTmx(ctx.app, 'never-skipped', HEAD + pair('نص عربي', 'fr', 'texte') + FOOT);
    expect(skipped).toMatchObject({ status: 'done', units: { written: 0 } });
    expect(await tmNames()).toEqual(before);
    for (const tm of ['never-failed', 'never-cancelled', 'never-skipped'])
      expect(await ctx.redis.sismember(ctx.keys.tms(), tm)).toBe(0);
  });

  it('over an existing TM whose units are all unchanged leaves it listed as it was', async () => {
    await importTmx(ctx.app, 'kept', HEAD + pair('نص باق', 'en', 'A kept text') + FOOT);
    const checksum = await tmChecksum(ctx.redis, ctx.keys, 'kept');
    const job = await importTmx(ctx.app, 'kept', HEAD + pair('نص باق', 'en', 'A kept text') + FOOT);
    expect(job.units).toMatchObject({ written: 0, unchanged: 1 });
    expect(await tmChecksum(ctx.redis, ctx.keys, 'kept')).toBe(checksum);
    expect(await tmNames()).toContain('kept');
  });
});
