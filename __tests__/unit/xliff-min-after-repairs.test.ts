/**
 * `min` and the analysis bands use the score a segment's target is written with: the TM's, less one point per repair
 * (a code or placeholder the TM's target lacked). A target the file itself labels 71 is not written for `min=75`,
 * and the analysis counts the segment in the band of that written score, never in the band of the TM's.
 */
import { analyzeXliff, parseXliff, pretranslateXliffFile } from '../../src/formats';
import { P, memoryTm } from '../helpers/xliff-fixtures';

const RIYADH = {
  ar: 'زار الوفد مدينة الرياض لمدة <sc id="3"/>ثلاثة<ec startRef="3"/> أيام.',
  query: `زار الوفد مدينة الرياض لمدة ${P(0)}ثلاثة${P(1)} أيام.`,
  en: 'The delegation visited Riyadh for three days.',
};

const xliff20 = (source: string) => `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar" trgLang="en">
  <file id="f1">
    <unit id="u4">
      <segment id="s6"><source>${source}</source></segment>
    </unit>
  </file>
</xliff>
`;
const bandOf = (analysis: Awaited<ReturnType<typeof analyzeXliff>>) =>
  analysis.rows.filter((r) => r.segments > 0).map((r) => r.band);

describe('a TM candidate whose repairs take it below min', () => {
  // The TM's target lacks both codes of the segment: two repairs, 76 → 74.
  const tm = () => memoryTm({ [RIYADH.query]: { en: [{ score: 76, targetText: RIYADH.en, unitId: 'r' }] } });

  it('is not written for min=75, and the segment is no-match', async () => {
    const input = xliff20(RIYADH.ar);
    const { output, report } = await pretranslateXliffFile(input, tm(), { min: 75 });
    expect(report.segments[0]).toMatchObject({ status: 'no-match' });
    expect(report.totals['no-match']).toBe(1);
    expect(output).toBe(input);
  });

  it('is written at its repaired score for min=70, and analyzed in that score’s band', async () => {
    const input = xliff20(RIYADH.ar);
    const { output, report } = await pretranslateXliffFile(input, tm(), { min: 70 });
    expect(report.segments[0]).toMatchObject({ status: 'placeables', score: 74, tmScore: 76, band: '50-74' });
    expect(output).toContain('similarity="74"');
    expect(bandOf(await analyzeXliff(parseXliff(input), tm()))).toEqual(['50-74']);
  });
});

describe('the band of a segment whose best TM candidate needs repairs', () => {
  it('is the band of the candidate written: a 94 that needs none before a 95 that loses two points', async () => {
    const tm = memoryTm({
      [RIYADH.query]: {
        en: [
          { score: 95, targetText: RIYADH.en, unitId: 'bare' },
          { score: 94, targetText: `The delegation visited Riyadh for ${P(0)}three${P(1)} days.`, unitId: 'coded' },
        ],
      },
    });
    const input = xliff20(RIYADH.ar);
    const { report } = await pretranslateXliffFile(input, tm, {});
    expect(report.segments[0]).toMatchObject({ status: 'filled', score: 94, band: '85-94', matchUnitId: 'coded' });
    expect(bandOf(await analyzeXliff(parseXliff(input), tm))).toEqual(['85-94']);
  });
});

describe('a suggestion whose repairs take it below min', () => {
  it('is left out (1.2 alt-trans), the target written as before', async () => {
    const tm = memoryTm({
      [RIYADH.query]: {
        en: [
          { score: 90, targetText: `The delegation visited Riyadh for ${P(0)}three${P(1)} days.`, unitId: 'coded' },
          { score: 76, targetText: RIYADH.en, unitId: 'bare' },
        ],
      },
    });
    const input = `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="x" source-language="ar" target-language="en" datatype="plaintext"><body>
<trans-unit id="1"><source>زار الوفد مدينة الرياض لمدة <g id="1">ثلاثة</g> أيام.</source></trans-unit>
</body></file></xliff>
`;
    const { output, report } = await pretranslateXliffFile(input, tm, { min: 75 });
    expect(report.segments[0]).toMatchObject({ status: 'filled', score: 90, alternatives: 0 });
    expect(output).not.toContain('<alt-trans');
    const lower = await pretranslateXliffFile(input, tm, { min: 70 });
    expect(lower.output).toContain('<alt-trans match-quality="74" origin="mizan">');
  });
});

describe('a segment whose every candidate would lack the source’s text at a TM placeholder', () => {
  it('is left unfilled by pretranslation and analyzed as no match, the band of what is written', async () => {
    const tm = memoryTm({
      'بقي 7 أيام على الموعد': {
        en: [{ score: 80, targetText: '%d days remain', sourceText: 'تبقى %d يوما', unitId: 'd' }],
      },
    });
    const input = xliff20('بقي 7 أيام على الموعد');
    const { report } = await pretranslateXliffFile(input, tm, { min: 60 });
    expect(report.segments[0]).toMatchObject({ status: 'unmappable', matchUnitId: 'd' });
    expect(bandOf(await analyzeXliff(parseXliff(input), tm))).toEqual(['no-match']);
  });
});
