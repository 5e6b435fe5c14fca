/**
 * The i18next route applies `min` to the score a draft is reported with, after its repairs (a placeable appended,
 * renamed, put at a number's place, the source's text put in), as the XLIFF route applies it (xliff-best.ts): a
 * draft reported 74 is not written for `min=75`. It applied `min` to the TM's score, so it wrote such a draft.
 */
import { pretranslateI18next, pretranslateXliffFile, type Candidate } from '../../src/formats';
import { P, memoryTm, xliff12, xliffFile } from '../helpers/xliff-fixtures';

const unit = (score: number, sourceText: string, targetText: string, unitId: string): Candidate => ({
  score,
  sourceText,
  targetText,
  unitId,
});

const SENT = 'أرسل {{name}} رسالة إلى الفريق إلى {{team}}';
const QUERY = `أرسل ${P(0)} رسالة إلى الفريق إلى ${P(1)}`;
// The unit lacks both placeables: two appended, 76 → 74.
const BARE = unit(76, 'أرسل أحمد رسالة إلى الفريق', 'Ahmed sent a message to the team', 'bare');
// The unit has both: no repair, 75 stays 75.
const WHOLE = unit(75, 'أرسل {{name}} رسالة إلى {{team}}', 'Send {{name}} a message to {{team}}', 'whole');

describe('an i18next candidate whose repairs take it below min', () => {
  it('is not written for min=75, and the key is no-match, as for a key the TM has nothing ≥ min for', async () => {
    const { bundles, report } = await pretranslateI18next({ sent: SENT }, memoryTm({ [QUERY]: { en: [BARE] } }), {
      to: ['en'],
      min: 75,
    });
    expect(bundles.en).toEqual({});
    expect(report.keys).toEqual([{ lang: 'en', key: 'sent', status: 'no-match' }]);
  });

  it('is written at its repaired score for min=70', async () => {
    const { bundles, report } = await pretranslateI18next({ sent: SENT }, memoryTm({ [QUERY]: { en: [BARE] } }), {
      to: ['en'],
      min: 70,
    });
    expect(bundles.en).toEqual({ sent: 'Ahmed sent a message to the team {{name}} {{team}}' });
    expect(report.keys[0]).toMatchObject({ status: 'placeables-appended', score: 74, tmScore: 76 });
  });

  it('gives way to the next one that stays ≥ min after its repairs: the best after repairs is written', async () => {
    const tm = memoryTm({ [QUERY]: { en: [BARE, WHOLE] } });
    const { bundles, report } = await pretranslateI18next({ sent: SENT }, tm, { to: ['en'], min: 75 });
    expect(bundles.en).toEqual({ sent: 'Send {{name}} a message to {{team}}' });
    expect(report.keys[0]).toMatchObject({ status: 'filled', score: 75, unitId: 'whole' });
  });

  it('leaves out a refused one below min after its repairs, as XLIFF does: no-match, not unmappable', async () => {
    // {{name}} renamed to {{user}} (76 → 75); {{button}} has no place in the source: refused, reported at 75.
    const click = unit(76, 'انقر {{name}} {{button}}', 'Click {{name}} {{button}}', 'click');
    const tm = memoryTm({ [`أغلق ${P(0)} النافذة`]: { en: [click] } });
    const at = async (min: number) =>
      (await pretranslateI18next({ close: 'أغلق {{user}} النافذة' }, tm, { to: ['en'], min })).report.keys[0];
    expect(await at(75)).toMatchObject({ status: 'unmappable', score: 75, tmScore: 76, unitId: 'click' });
    expect(await at(76)).toEqual({ lang: 'en', key: 'close', status: 'no-match' });
  });

  it('is treated as the XLIFF route treats it for the same segment: neither writes it at min=75', async () => {
    const xliff = xliff12(xliffFile('ar', 'en', SENT));
    const tm = () => memoryTm({ [QUERY]: { en: [BARE] } });
    const at = async (min: number) => ({
      xliff: (await pretranslateXliffFile(xliff, tm(), { tgt: 'en', min })).report.segments[0],
      i18next: (await pretranslateI18next({ sent: SENT }, tm(), { to: ['en'], min })).report.keys[0],
    });
    const strict = await at(75);
    expect(strict.xliff).toMatchObject({ status: 'no-match' });
    expect(strict.i18next).toMatchObject({ status: 'no-match' });
    const loose = await at(70);
    expect(loose.xliff).toMatchObject({ status: 'placeables', score: 74 });
    expect(loose.i18next).toMatchObject({ status: 'placeables-appended', score: 74 });
  });

  it('leaves out an ICU branch whose draft its repairs take below min: the message is icu-incomplete', async () => {
    const tm = memoryTm({
      'لديك رسالة واحدة': { en: [unit(100, 'لديك رسالة واحدة', 'You have one message', 'one')] },
      [`لديك ${P(0)} رسالة`]: { en: [unit(75, 'لديك رسائل', 'You have messages', 'many')] },
    });
    const { bundles, report } = await pretranslateI18next(
      { inbox: '{n, plural, one {لديك رسالة واحدة} other {لديك # رسالة}}' },
      tm,
      { to: ['en'], min: 75 },
    );
    expect(bundles.en).toEqual({});
    expect(report.keys[0]).toMatchObject({ status: 'icu-incomplete' });
    expect(report.keys[0]!.icu!.branches).toEqual([
      expect.objectContaining({ branch: 'n=one', status: 'filled' }),
      expect.objectContaining({ branch: 'n=other', status: 'no-match' }),
    ]);
  });
});
