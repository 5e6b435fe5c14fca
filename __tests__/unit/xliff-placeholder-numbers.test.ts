/**
 * A TM unit with a placeholder (`%d`, `{0}`, `%1$s`) where the file's source has a number: the number goes in the
 * placeholder's place in the target (one repair) — with the words around it when the source has more there — or,
 * when where the placeholder stands cannot be told, the candidate is not written (reported `unmappable`): the
 * number is never dropped.
 */
import { pretranslateXliffFile } from '../../src/formats';
import { completePrintf } from '../../src/formats/xliff-printf';
import { memoryTm, xliff12, xliffFile } from '../helpers/xliff-fixtures';

const QUERY = 'زار الوفد مدينة الرياض لمدة 5 أيام.';
const TM_SOURCE = 'زار الوفد %s مدينة الرياض لمدة %d أيام.';
const TM_TARGET = 'The delegation %s visited Riyadh for %d days.';

describe('a number of the source where the TM’s unit has a placeholder', () => {
  it('takes the placeholder’s place in the target; a placeholder that stood for nothing is left out', () => {
    expect(completePrintf(QUERY, TM_TARGET, TM_SOURCE)).toEqual({
      text: 'The delegation visited Riyadh for 5 days.',
      added: [],
      changed: ['%s→', '%d→5'],
    });
  });

  it('is written in Latin digits when the source has Arabic-Indic ones, for any placeholder syntax', () => {
    expect(
      completePrintf('حذف ١٢ ملفا من المجلد', 'Deleted {0} files from the folder', 'حذف {0} ملفا من المجلد'),
    ).toEqual({ text: 'Deleted 12 files from the folder', added: [], changed: ['{0}→12'] });
    expect(completePrintf('من 3 إلى 9 يوليو', 'from %1$s to %2$s July', 'من %1$s إلى %2$s يوليو').text).toBe(
      'from 3 to 9 July',
    );
    expect(completePrintf('为期5天的访问', 'a visit of %d days', '为期%d天的访问').text).toBe('a visit of 5 days');
  });

  it('is not guessed: the source’s words come with the number, and a number the TM cannot place is unplaced', () => {
    // The source holds more than a number where the TM has `%d`: all of it goes in, for review.
    expect(completePrintf('لمدة 5 أو 6 أيام', 'for %d days', 'لمدة %d أيام')).toEqual({
      text: 'for 5 أو 6 days',
      added: [],
      changed: ['%d→5 أو 6'],
    });
    // The TM's words around `%d` are not in the query: where 7 goes cannot be told.
    const elsewhere = completePrintf('بقي 7 أيام على الموعد', '%d days remain', 'تبقى %d يوما');
    expect(elsewhere).toMatchObject({ unplaced: ['%d'] });
    // The placeholder stood for nothing; the query's number is the TM source's own.
    expect(completePrintf('حذف الملف 7', 'Deleted %s file 7', 'حذف %s الملف 7')).toEqual({
      text: 'Deleted file 7',
      added: [],
      changed: ['%s→'],
    });
  });
});

const tm = (extra: { targetText: string; sourceText: string; score: number }[] = []) =>
  memoryTm({
    [QUERY]: {
      en: [
        { score: 71, targetText: TM_TARGET, sourceText: TM_SOURCE, unitId: 'po' },
        ...extra.map((c, i) => ({ ...c, unitId: `x${i}` })),
      ],
    },
    'بقي 7 أيام على الموعد': {
      en: [{ score: 80, targetText: '%d days remain', sourceText: 'تبقى %d يوما', unitId: 'd' }],
    },
  });

describe('pretranslating against a TM unit with a placeholder where the file has a number', () => {
  it('1.2: writes the source’s number in the target and the report, one point off per repair', async () => {
    const { output, report } = await pretranslateXliffFile(xliff12(xliffFile('ar', 'en', QUERY)), tm(), {
      min: 60,
    });
    expect(output).toContain(
      '<target state="needs-review-translation" state-qualifier="fuzzy-match">' +
        'The delegation visited Riyadh for 5 days.</target>',
    );
    expect(report.segments[0]).toMatchObject({
      status: 'placeables',
      score: 69,
      tmScore: 71,
      repaired: { codes: [], printf: ['%s→', '%d→5'] },
    });
  });

  it('2.x: the same in the target and its mtc:match', async () => {
    const input = `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar" trgLang="en">
  <file id="f"><unit id="u"><segment id="s"><source>${QUERY}</source></segment></unit></file>
</xliff>
`;
    const { output } = await pretranslateXliffFile(input, tm(), { min: 60 });
    expect(output).toContain('<target>The delegation visited Riyadh for 5 days.</target>');
    expect(output).toMatch(
      /similarity="69"[^>]*><source>[^<]*<\/source><target>The delegation visited Riyadh for 5 days/,
    );
  });

  it('writes neither target nor suggestion whose placeholder cannot be placed, and says why', async () => {
    const { output, report } = await pretranslateXliffFile(
      xliff12(xliffFile('ar', 'en', 'بقي 7 أيام على الموعد')),
      tm(),
      { min: 60 },
    );
    expect(output).not.toContain('<target');
    expect(output).not.toContain('alt-trans');
    expect(report.segments[0]).toMatchObject({ status: 'unmappable', score: 80, matchUnitId: 'd', alternatives: 0 });
    expect(report.segments[0]).not.toHaveProperty('lost');
    expect(report.totals).toMatchObject({ unmappable: 1, filled: 0, placeables: 0 });
  });

  it('falls back on the next candidate when the best’s placeholder cannot be placed', async () => {
    const { output, report } = await pretranslateXliffFile(
      xliff12(xliffFile('ar', 'en', QUERY)),
      memoryTm({
        [QUERY]: {
          en: [
            { score: 80, targetText: '%d days remain', sourceText: 'تبقى %d يوما', unitId: 'lossy' },
            { score: 71, targetText: TM_TARGET, sourceText: TM_SOURCE, unitId: 'po' },
          ],
        },
      }),
      { min: 60 },
    );
    expect(output).toContain('The delegation visited Riyadh for 5 days.</target>');
    expect(output).not.toContain('days remain');
    expect(report.segments[0]).toMatchObject({ status: 'placeables', matchUnitId: 'po', alternatives: 0 });
  });
});
