import { i18nextCandidates, placeableScore, retrievalMin } from '../../src/formats/i18next-lookup';
import { P, memoryTm } from '../helpers/xliff-fixtures';

describe('looking an i18next text up in both the forms a unit may hold its placeables', () => {
  it('counts a unit that is the text but for how it holds its placeables as identical', () => {
    const query = `مرحبا ${P(0)}، أهلا بك`;
    const unit = (sourceText: string, score = 83) => ({ score, targetText: '', sourceText, unitId: 'u' });
    expect(placeableScore(['{{user}}'], query, unit('مرحبا {{user}}، أهلا بك'))).toBe(100);
    expect(placeableScore(['{{user}}'], query, unit('مرحبا {{name}}، أهلا بك'))).toBe(100);
    expect(placeableScore(['{{user}}'], query, unit(`  مرحبا ${P(0)}، أهلا بك `))).toBe(100);
    // Another word, or a placeable of another kind, is a fuzzy match: the matcher's score stands.
    expect(placeableScore(['{{user}}'], query, unit('مرحبا {{name}}، أهلا بكم'))).toBe(83);
    expect(placeableScore(['{{user}}'], query, unit('مرحبا <0>، أهلا بك'))).toBe(83);
    expect(placeableScore(['{{user}}'], query, { score: 83, targetText: '', unitId: 'u' })).toBe(83);
  });

  it('lowers min for the codes form to what a unit with every placeable renamed scores, not below 50', () => {
    const value = 'مرحبا {{user}}، أهلا بك في الموقع';
    expect(retrievalMin(value, `مرحبا ${P(0)}، أهلا بك في الموقع`, 95)).toBe(83);
    expect(retrievalMin(value, `مرحبا ${P(0)}، أهلا بك في الموقع`, 75)).toBe(75);
    expect(retrievalMin('{{a}} {{b}} {{c}} نعم', `${P(0)} ${P(1)} ${P(2)} نعم`, 90)).toBe(50);
    expect(retrievalMin('{{name}}', P(0), 90)).toBeUndefined();
  });

  it('takes each unit once at its better score, leaving out the literal form’s number-adapted candidates', async () => {
    const value = '<0>انقر هنا</0> للمتابعة';
    const coded = `${P(0)}انقر هنا${P(1)} للمتابعة`;
    const tm = memoryTm({
      [coded]: {
        en: [
          {
            score: 60,
            targetText: '<1>Click here</1> to go on',
            sourceText: '<1>انقر هنا</1> للمتابعة',
            unitId: 'tags',
          },
          {
            score: 80,
            targetText: `${P(0)}Click${P(1)} to go on`,
            sourceText: `${P(0)}انقر${P(1)} للمتابعة`,
            unitId: 'c',
          },
          { score: 55, targetText: 'Click to go', sourceText: 'انقر للذهاب', unitId: 'low' },
        ],
      },
      [value]: {
        en: [
          // The matcher read <1> as the number 1 and wrote the query's 0 into the target: left out.
          { score: 96, targetText: '<0>Click here</0> to go on', unitId: 'tags', adapted: true },
          { score: 85, targetText: 'Click here to go on', sourceText: 'انقر هنا للمتابعة', unitId: 'plain' },
          { score: 75, targetText: `Click to go on`, sourceText: 'انقر للمتابعة', unitId: 'c' },
        ],
      },
    });
    const found = await i18nextCandidates(tm, 'ar', 'en', 75)(value);
    expect(found.map((c) => [c.unitId, c.score, c.targetText])).toEqual([
      ['tags', 100, '<1>Click here</1> to go on'],
      ['plain', 85, 'Click here to go on'],
      ['c', 80, `${P(0)}Click${P(1)} to go on`],
    ]);
    expect(tm.calls.map((c) => [c.text, c.context.min])).toEqual([
      [coded, 60],
      [value, 75],
    ]);
  });

  it('looks a text without placeables up once, as it is, and each text once however often it comes', async () => {
    const tm = memoryTm({ نعم: { en: [{ score: 100, targetText: 'Yes', unitId: 'y' }] } });
    const candidates = i18nextCandidates(tm, 'ar', 'en', 75);
    expect(await candidates('نعم')).toEqual([{ score: 100, targetText: 'Yes', unitId: 'y' }]);
    await candidates('نعم');
    expect(tm.calls.map((c) => c.text)).toEqual(['نعم']);
  });
});
