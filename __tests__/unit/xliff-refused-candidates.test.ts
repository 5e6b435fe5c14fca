/**
 * The two reasons an XLIFF candidate is neither written nor suggested, together: it would lose a number of the
 * source (xliff-printf.ts, `placeables-missing` with `lost`) or lack the source's text where its unit has a code
 * (tm-codes.ts, `unmappable`). A segment left without a candidate is reported after the best refused one (the
 * candidates sorted by the TM's score).
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
/** Its `%d` stands where the query has two numbers among other words: they would be lost. */
const LOSES: Candidate = { score: 80, sourceText: 'لمدة %d أيام', targetText: 'for %d days', unitId: 'number' };
const GOOD: Candidate = { score: 76, sourceText: QUERY, targetText: 'for 5 or 6 days', unitId: 'good' };

const run = (candidates: Candidate[], maxAlternatives = 3) =>
  pretranslateXliffFile(xliff12(xliffFile('ar', 'en', QUERY)), memoryTm({ [QUERY]: { en: candidates } }), {
    min: 60,
    maxAlternatives,
  });

describe('an XLIFF segment whose candidates are refused for a lost number or an unplaced code', () => {
  it('is unmappable when the best refused candidate has an unplaced code, whatever the others lose', async () => {
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
      'placeables-missing': 0,
      unmappable: 1,
      empty: 0,
    });
  });

  it('is placeables-missing, with the numbers, when the best refused candidate would lose them', async () => {
    const { output, report } = await run([{ ...LOSES, score: 95 }, UNPLACED]);
    expect(output).not.toContain('<target');
    expect(report.segments[0]).toMatchObject({
      status: 'placeables-missing',
      tmScore: 95,
      matchUnitId: 'number',
      lost: ['5', '6'],
      alternatives: 0,
    });
    expect(report.totals).toMatchObject({ 'placeables-missing': 1, unmappable: 0 });
  });

  it('is unmappable, without lost, when one candidate is refused for both', async () => {
    const both: Candidate = { ...LOSES, unitId: 'both', tmOnly: { unpaired: 1, text: [], unplaced: 1 } };
    const { report } = await run([both]);
    expect(report.segments[0]).toMatchObject({ status: 'unmappable', matchUnitId: 'both' });
    expect(report.segments[0]).not.toHaveProperty('lost');
  });

  it('writes the next candidate: the refused ones take no place among those weighed', async () => {
    const { output, report } = await run([UNPLACED, LOSES, GOOD], 0);
    expect(output).toContain('<target state="needs-review-translation" state-qualifier="fuzzy-match">for 5 or 6 days');
    expect(output).not.toContain('for %d days');
    expect(output).not.toContain('for 5 or 6</');
    expect(report.segments[0]).toMatchObject({ status: 'filled', score: 76, matchUnitId: 'good', alternatives: 0 });
    expect(Object.keys(report.totals)).toEqual([...SEGMENT_STATUSES]);
  });
});
