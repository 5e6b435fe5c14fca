/**
 * An XLIFF candidate is neither written nor suggested when it would lack the source's text where its unit has a
 * code (tm-codes.ts) or a printf placeholder (xliff-printf.ts) whose place in the source cannot be told: one
 * reason, `unmappable`, whichever it is. A segment left without a candidate is reported after the best refused one
 * (the candidates sorted by the TM's score).
 */
import { type Candidate, pretranslateXliffFile } from '../../src/formats';
import { SEGMENT_STATUSES } from '../../src/formats/pretranslate';
import { memoryTm, xliff12, xliffFile } from '../helpers/xliff-fixtures';

const QUERY = 'لمدة 5 أو 6 أيام';
/** Its code stands where the query's text cannot be told. */
const UNPLACED: Candidate = {
  score: 90,
  sourceText: 'لمدة 5 أو 6 ساعات',
  targetText: 'for 5 or 6',
  unitId: 'code',
  tmOnly: { unpaired: 1, text: [], unplaced: 1 },
};
/** Its `%d` stands after a word the query lacks: where it is in the query cannot be told. */
const LOSES: Candidate = { score: 80, sourceText: 'طوال %d ساعات', targetText: 'for %d hours', unitId: 'number' };
const GOOD: Candidate = { score: 76, sourceText: QUERY, targetText: 'for 5 or 6 days', unitId: 'good' };

const run = (candidates: Candidate[], maxAlternatives = 3) =>
  pretranslateXliffFile(xliff12(xliffFile('ar', 'en', QUERY)), memoryTm({ [QUERY]: { en: candidates } }), {
    min: 60,
    maxAlternatives,
  });

describe('an XLIFF segment whose candidates are refused for an unplaced code or placeholder', () => {
  it('is unmappable when the best refused candidate has an unplaced code', async () => {
    const { output, report } = await run([UNPLACED, LOSES]);
    expect(output).not.toContain('<target');
    expect(output).not.toContain('alt-trans');
    expect(report.segments[0]).toEqual({
      index: 0,
      unitId: '1',
      status: 'unmappable',
      score: 90,
      matchUnitId: 'code',
      alternatives: 0,
    });
    expect(report.totals).toEqual({
      filled: 0,
      confirmed: 0,
      'no-match': 0,
      placeables: 0,
      unmappable: 1,
      empty: 0,
    });
  });

  it('is unmappable, with the best refused candidate’s score and unit, when its placeholder is unplaced', async () => {
    const { output, report } = await run([{ ...LOSES, score: 95 }, UNPLACED]);
    expect(output).not.toContain('<target');
    expect(report.segments[0]).toEqual({
      index: 0,
      unitId: '1',
      status: 'unmappable',
      score: 95,
      matchUnitId: 'number',
      alternatives: 0,
    });
    expect(report.totals).toMatchObject({ unmappable: 1, filled: 0 });
  });

  it('is unmappable when one candidate is refused for both', async () => {
    const both: Candidate = { ...LOSES, unitId: 'both', tmOnly: { unpaired: 1, text: [], unplaced: 1 } };
    const { report } = await run([both]);
    expect(report.segments[0]).toMatchObject({ status: 'unmappable', matchUnitId: 'both' });
  });

  it('writes the next candidate: the refused ones take no place among those weighed', async () => {
    const { output, report } = await run([UNPLACED, LOSES, GOOD], 0);
    expect(output).toContain('<target state="needs-review-translation" state-qualifier="fuzzy-match">for 5 or 6 days');
    expect(output).not.toContain('for %d hours');
    expect(output).not.toContain('for 5 or 6</');
    expect(report.segments[0]).toMatchObject({ status: 'filled', score: 76, matchUnitId: 'good', alternatives: 0 });
    expect(Object.keys(report.totals)).toEqual([...SEGMENT_STATUSES]);
  });
});
