import { createTestContext, type TestContext } from '../helpers/context';
import {
  allUnits,
  exportTmx as exportTmxOf,
  importDone,
  TMX_FOOT as FOOT,
  TMX_HEAD as HEAD,
} from '../helpers/tm-import';

// Several whole import jobs a test (a worker thread each): on a loaded machine that outlasts 5 s.
jest.setTimeout(30_000);

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ seed: false });
});
afterAll(() => ctx.close());

const importTmx = (tm: string, body: string) => importDone(ctx.app, tm, body);
const exportTmx = (tm: string) => exportTmxOf(ctx.app, tm);

const AR = ['يلتزم الطرفان بالاتفاق', 'تعزيز التعاون بين البلدين'];

/** ar–en with every kind of metadata: tuid, creationdate, a prop, a note, and xml:lang="ar-SA". */
const BI_EN =
  HEAD +
  AR.map(
    (ar, i) =>
      `<tu tuid="t${i + 1}" creationdate="20240102T030405Z"><prop type="client">ACME</prop><note>checked</note>` +
      `<tuv xml:lang="ar-SA"><seg>${ar}</seg></tuv><tuv xml:lang="en"><seg>English ${i + 1}</seg></tuv></tu>\n`,
  ).join('') +
  FOOT;
/** ar–zh with no metadata at all. */
const BI_ZH =
  HEAD +
  AR.map(
    (ar, i) => `<tu><tuv xml:lang="ar"><seg>${ar}</seg></tuv><tuv xml:lang="zh"><seg>中文${i + 1}</seg></tuv></tu>\n`,
  ).join('') +
  FOOT;

describe('a second bilingual file for the same Arabic', () => {
  it('adds its language and keeps the first file’s metadata (tuid, props, notes, dates, the Arabic’s tag)', async () => {
    await importTmx('bi', BI_EN);
    const zh = await importTmx('bi', BI_ZH);
    expect(zh).toMatchObject({ units: { staged: 2, written: 2, unchanged: 0 } });
    const units = await allUnits(ctx.app, 'bi');
    expect(units).toHaveLength(2);
    for (const unit of units) {
      const i = AR.indexOf(unit.ar);
      expect(unit).toMatchObject({ en: `English ${i + 1}`, zh: `中文${i + 1}` });
      expect(unit.tmx).toEqual({
        tuid: `t${i + 1}`,
        attrs: { creationdate: '20240102T030405Z' },
        props: [['client', 'ACME']],
        notes: ['checked'],
      });
      expect(unit.tuv?.ar).toEqual({ tag: 'ar-SA' });
    }
    const tmx = await exportTmx('bi');
    expect(tmx).toContain('tuid="t1"');
    expect(tmx).toContain('<prop type="client">ACME</prop>');
    expect(tmx).toContain('xml:lang="ar-SA"');
  });

  it('reports the units it extended with a language, though each file alone merged nothing', async () => {
    await importTmx('count-ext', BI_EN);
    const zh = await importTmx('count-ext', BI_ZH);
    expect(zh.merge).toEqual({ extended: 2, conflicts: { en: 0, zh: 0 } });
  });

  it('changes nothing when either file is imported again', async () => {
    await importTmx('again', BI_EN);
    await importTmx('again', BI_ZH);
    const before = await allUnits(ctx.app, 'again');
    for (const file of [BI_EN, BI_ZH]) {
      const job = await importTmx('again', file);
      expect(job).toMatchObject({ units: { written: 0, unchanged: 2 } });
      expect(job.merge).toEqual({ extended: 0, conflicts: { en: 0, zh: 0 } });
    }
    expect(await allUnits(ctx.app, 'again')).toEqual(before);
  });

  it('lets what a later file says win, counts the texts it replaced, and keeps what it does not say', async () => {
    await importTmx('wins', BI_EN);
    await importTmx('wins', BI_ZH);
    const later =
      HEAD +
      `<tu tuid="n1"><tuv xml:lang="ar"><seg>${AR[0]}</seg></tuv><tuv xml:lang="en"><seg>New English</seg></tuv>` +
      `<tuv xml:lang="zh"><seg>中文1</seg></tuv></tu>\n` +
      FOOT;
    const job = await importTmx('wins', later);
    expect(job).toMatchObject({ units: { written: 1 } });
    expect(job.merge).toEqual({ extended: 0, conflicts: { en: 1, zh: 0 } });
    const unit = (await allUnits(ctx.app, 'wins')).find((u) => u.ar === AR[0])!;
    expect(unit).toMatchObject({ en: 'New English', zh: '中文1', tmx: { tuid: 'n1' } });
    expect(unit.tuv?.ar).toEqual({ tag: 'ar-SA' });
  });

  it('round-trips: the export imported elsewhere gives the same units, and imported again changes nothing', async () => {
    await importTmx('trip', BI_EN);
    await importTmx('trip', BI_ZH);
    const exported = await exportTmx('trip');
    await importTmx('trip-copy', exported);
    expect(await allUnits(ctx.app, 'trip-copy')).toEqual(await allUnits(ctx.app, 'trip'));
    const again = await importTmx('trip', exported);
    expect(again).toMatchObject({ units: { written: 0, unchanged: 2 } });
  });
});
