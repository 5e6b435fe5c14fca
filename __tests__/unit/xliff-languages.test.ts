/**
 * A 1.2 file whose `<file>` elements declare different target languages: without `tgt`, each file is pretranslated
 * (and analyzed) in its own; with `tgt`, a file that declares another is refused.
 */
import { analyzeXliff, parseXliff, pretranslateXliffFile } from '../../src/formats';
import { memoryTm, xliff12, xliffFile } from '../helpers/xliff-fixtures';

const CONSENSUS = {
  ar: 'وقد توصل الجانبان إلى توافق واسع حول تعزيز التعاون العملي.',
  en: 'The two sides reached broad consensus on strengthening practical cooperation.',
  zh: '双方就加强务实合作达成广泛共识。',
};
const tm = () =>
  memoryTm({
    [CONSENSUS.ar]: {
      en: [{ score: 100, targetText: CONSENSUS.en, unitId: 'c' }],
      zh: [{ score: 100, targetText: CONSENSUS.zh, unitId: 'c' }],
    },
  });

const file = (src: string, tgt: string | undefined) => xliffFile(src, tgt, CONSENSUS.ar);
const xliff = xliff12;
const enZh = xliff(file('ar', 'en'), file('ar', 'zh-CN'));

describe('a 1.2 file whose <file> elements declare different target languages', () => {
  it('is pretranslated file by file into each one’s own target when the request names none', async () => {
    const lookup = tm();
    const { output, report } = await pretranslateXliffFile(enZh, lookup, {});
    expect(report).toMatchObject({ src: 'ar', tgt: 'en', targets: ['en', 'zh'] });
    expect(report.totals).toMatchObject({ filled: 2 });
    expect(parseXliff(output).segments.map((s) => s.target?.text)).toEqual([CONSENSUS.en, CONSENSUS.zh]);
    expect(lookup.calls.map((c) => c.context.tgt)).toEqual(['en', 'zh']);
  });

  it('is analyzed file by file in each one’s own target', async () => {
    const lookup = tm();
    const analysis = await analyzeXliff(parseXliff(enZh), lookup, {});
    expect(analysis).toMatchObject({ tgt: 'en', targets: ['en', 'zh'] });
    expect(lookup.calls.map((c) => c.context.tgt)).toEqual(['en', 'zh']);
    // The same sentence into another language is no repetition.
    expect(analysis.rows.find((r) => r.band === '100')?.segments).toBe(2);
    expect(analysis.rows.find((r) => r.band === 'repetition')?.segments).toBe(0);
  });

  it('is refused when the request names a target one of its files contradicts', async () => {
    await expect(pretranslateXliffFile(enZh, tm(), { tgt: 'en' })).rejects.toMatchObject({
      code: 'XLIFF_LANGUAGE_MISMATCH',
      params: { attribute: 'target-language', value: 'zh-CN', expected: 'en' },
    });
  });

  it('needs tgt for a file without target-language among them, and has one report language when they agree', async () => {
    await expect(
      pretranslateXliffFile(xliff(file('ar', 'en'), file('ar', 'zh'), file('ar', undefined)), tm(), {}),
    ).rejects.toMatchObject({ code: 'FIELD_MISSING', params: { param: 'tgt' } });
    const agreeing = await pretranslateXliffFile(xliff(file('ar', 'en'), file('ar', undefined)), tm(), {});
    expect(agreeing.report.tgt).toBe('en');
    expect(agreeing.report.targets).toBeUndefined();
    expect(agreeing.report.totals).toMatchObject({ filled: 2 });
  });
});

describe('a 1.2 file whose <file> elements declare different source languages', () => {
  it('is refused with its own code, naming both, unless src names the source', async () => {
    const mixed = xliff(file('ar', 'en'), file('zh', 'en'));
    await expect(pretranslateXliffFile(mixed, tm(), {})).rejects.toMatchObject({
      code: 'XLIFF_LANGUAGES_DIFFER',
      params: { attribute: 'source-language', value: 'zh', other: 'ar' },
    });
    const { report } = await pretranslateXliffFile(mixed, tm(), { src: 'ar' });
    expect(report.totals).toMatchObject({ filled: 2 });
  });
});
