/**
 * A TMX whose inline codes the DTD refuses as they came (bpt/ept without i, it without pos), imported over HTTP:
 * the TM's export is DTD-valid, and importing that export gives the same units back.
 */
import { createTestContext, type TestContext } from '../helpers/context';
import { dtdErrors } from '../helpers/tmx';
import { allUnits, exportTmx, importDone, TMX_FOOT, TMX_HEAD } from '../helpers/tm-import';

jest.setTimeout(60_000);

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ seed: false });
});
afterAll(() => ctx.close());

const tu = (ar: string, en: string, zh: string) =>
  `<tu><tuv xml:lang="ar"><seg>${ar}</seg></tuv><tuv xml:lang="en"><seg>${en}</seg></tuv>` +
  `<tuv xml:lang="zh"><seg>${zh}</seg></tuv></tu>\n`;

const FILE =
  TMX_HEAD +
  tu(
    'اضغط <bpt>&lt;b&gt;</bpt>هنا<ept>&lt;/b&gt;</ept> <it>&lt;i&gt;</it>الآن',
    'Press <bpt type="bold">&lt;b&gt;</bpt>here<ept>&lt;/b&gt;</ept> <it>&lt;i&gt;</it>now',
    '现在<it pos="middle">&lt;i&gt;</it>按<bpt>&lt;b&gt;</bpt>这里<ept>&lt;/b&gt;</ept>',
  ) +
  tu(
    '<ept>&lt;/a&gt;</ept>نص <bpt i="1">&lt;u&gt;</bpt>مسطر<ept i="1">&lt;/u&gt;</ept> <bpt>&lt;s&gt;</bpt>',
    '<ept>&lt;/a&gt;</ept>Text <bpt i="1">&lt;u&gt;</bpt>underlined<ept i="1">&lt;/u&gt;</ept> <it x="9">{\\b}</it>',
    '<it>&lt;/a&gt;</it>文本',
  ) +
  TMX_FOOT;

describe('importing a TMX with bpt and ept without i and it without pos', () => {
  it('exports TMX the DTD accepts, with every code kept as a code', async () => {
    expect(dtdErrors(FILE)).not.toBe('');
    const job = await importDone(ctx.app, 'codes', FILE);
    expect(job.units).toMatchObject({ read: 2, staged: 2, written: 2 });
    const exported = await exportTmx(ctx.app, 'codes');
    expect(dtdErrors(exported)).toBe('');
    expect(exported).toContain('<bpt i="1" type="bold">&lt;b&gt;</bpt>here<ept i="1">&lt;/b&gt;</ept>');
    expect(exported).toContain('<it pos="begin">&lt;s&gt;</it>');
    expect(exported).toContain('<it pos="end">&lt;/a&gt;</it>');
    expect(exported).toContain('<ph x="9">{\\b}</ph>');
    const units = await allUnits(ctx.app, 'codes');
    const counts = units.map((u) => Object.values(u.codes ?? {}).map((codes) => codes.length));
    // ar, en, zh: every code of the file is still one code (none dropped for being invalid).
    expect(counts.sort()).toEqual([
      [3, 3, 3],
      [4, 4, 1],
    ]);
  });

  it('gives the same units when its export is imported again, into a fresh TM or into itself', async () => {
    const exported = await exportTmx(ctx.app, 'codes');
    await importDone(ctx.app, 'codes-again', exported);
    expect(await allUnits(ctx.app, 'codes-again')).toEqual(await allUnits(ctx.app, 'codes'));
    const again = await importDone(ctx.app, 'codes', exported);
    expect(again.units).toMatchObject({ staged: 2, written: 0, unchanged: 2 });
  });
});
