/**
 * An XLIFF segment's printf placeholders (`%s`, `%d`, `%1$s`, `%(name)s`, `%@`: what po2xliff writes for gettext) are
 * placeables to the TM, as its inline codes and i18next-style placeholders are (xliff-placeholders.ts): no word in
 * the score, the band or the analysis' counts. `%%` is a literal percent sign: text.
 */
import {
  type Candidate,
  analyzeXliff,
  countText,
  parseXliff,
  pretranslateI18next,
  pretranslateXliffFile,
} from '../../src/formats';
import { plainText } from '../../src/formats/xliff-lookup';
import { placeholderLookups, placeholderScore, protectPlaceholders } from '../../src/formats/xliff-placeholders';
import { P, memoryTm, xliff12, xliffFile } from '../helpers/xliff-fixtures';

const candidate = (sourceText: string, score = 80, extra: Partial<Candidate> = {}): Candidate => ({
  score,
  sourceText,
  targetText: 'x',
  unitId: 'u',
  ...extra,
});

describe('holding an XLIFF text’s printf placeholders as placeables', () => {
  it('numbers each after the text’s codes, in order, and leaves %% as written', () => {
    expect(protectPlaceholders(`${P(0)}%1$s قام بتحديث %2$s`)).toEqual({
      text: `${P(0)}${P(1)} قام بتحديث ${P(2)}`,
      placeholders: ['%1$s', '%2$s'],
      base: 1,
    });
    expect(protectPlaceholders('خصم 50%% على %(item)s من %@').placeholders).toEqual(['%(item)s', '%@']);
    expect(protectPlaceholders('خصم 50%% على %(item)s').text).toBe(`خصم 50%% على ${P(0)}`);
  });

  it('scores a unit that differs only by the placeholder 100: another printf, i18next-style or positional one', () => {
    expect(placeholderScore(protectPlaceholders('مرحبا %s'), candidate('مرحبا {name}'))).toBe(100);
    expect(placeholderScore(protectPlaceholders('تم حفظ %d ملفات'), candidate('تم حفظ %s ملفات'))).toBe(100);
    const updated = protectPlaceholders('%1$s قام بتحديث %2$s');
    expect(placeholderScore(updated, candidate('{0} قام بتحديث {1}'))).toBe(100);
    // The arguments the other way round: another text, scored as the TM scored it.
    expect(placeholderScore(updated, candidate('%2$s قام بتحديث %1$s'))).toBe(80);
  });
});

describe('looking a segment with printf placeholders up', () => {
  const query = (text: string, min = 75) => ({
    text,
    src: 'ar' as const,
    context: { tgt: 'en' as const, min, limit: 4 },
  });

  it('asks with them as placeables at a lowered min and as written, and writes them back', async () => {
    const tm = memoryTm({
      [`تم حفظ ${P(0)} ملفات`]: {
        en: [{ score: 98, sourceText: 'تم حفظ ملفات', targetText: 'Files saved', unitId: 'plain' }],
      },
      [`${P(0)} قام بتحديث ${P(1)}`]: {
        en: [{ score: 97, sourceText: `${P(0)} قام ${P(1)}`, targetText: `${P(0)} updated ${P(1)}`, unitId: 'c' }],
      },
    });
    const { batch } = placeholderLookups(tm);
    const [saved, updated] = await batch([query('تم حفظ %d ملفات'), query('%1$s قام بتحديث %2$s')]);
    expect(tm.calls.map((c) => c.text)).toEqual([
      `تم حفظ ${P(0)} ملفات`,
      'تم حفظ %d ملفات',
      `${P(0)} قام بتحديث ${P(1)}`,
      '%1$s قام بتحديث %2$s',
    ]);
    // Lowered to what a unit with the placeholders named otherwise scores (its words over the matcher's: 3 of 4,
    // 2 of 6, not below 50), never above min.
    expect(tm.calls.map((c) => c.context.min)).toEqual([75, 75, 50, 75]);
    expect(saved!.map((c) => [c.unitId, c.score])).toEqual([['plain', 98]]);
    expect(updated).toEqual([{ score: 97, sourceText: '%1$s قام %2$s', targetText: '%1$s updated %2$s', unitId: 'c' }]);
  });

  it('leaves out a number-adapted unit found as written whose positional placeholders are not the segment’s', async () => {
    const adapted = (sourceText: string, unitId: string) => candidate(sourceText, 98, { unitId, adapted: true });
    const tm = memoryTm({
      'بعد 5 أيام %1$s': { en: [adapted('بعد 6 أيام %2$s', 'renamed'), adapted('بعد 6 أيام %1$s', 'kept')] },
    });
    const [found] = await placeholderLookups(tm).batch([query('بعد 5 أيام %1$s')]);
    expect(found!.map((c) => c.unitId)).toEqual(['kept']);
  });

  it('does not look up a segment of printf placeholders alone; one with %% only is text, looked up as written', async () => {
    const tm = memoryTm({});
    await placeholderLookups(tm).batch([query('%s %d'), query('خصم 50%% اليوم')]);
    expect(tm.calls.map((c) => c.text)).toEqual(['خصم 50%% اليوم']);
    expect(plainText('%s %1$d %(name)s')).toBe('');
    expect(plainText('%% %s')).toBe('%%');
  });
});

describe('pretranslating and analyzing a segment with printf placeholders', () => {
  const tm = () =>
    memoryTm({
      [`مرحبا ${P(0)}`]: { en: [{ score: 98, sourceText: 'مرحبا', targetText: 'Hello', unitId: 'h' }] },
    });

  it('counts no printf placeholder as a word or as characters, and %% as text', () => {
    expect(countText('%1$s قام بتحديث %2$s')).toEqual(countText('قام بتحديث'));
    expect(countText('تم حفظ %d ملفات')).toEqual(countText(`تم حفظ ${P(0)} ملفات`));
    expect(countText('خصم 50%% على %(item)s')).toEqual(countText('خصم 50%% على'));
    expect(countText('خصم 50%% على').characters).toBe(countText('خصم 50 على').characters + 2);
    expect(countText('%s %@')).toEqual({ words: 0, characters: 0 });
  });

  it('fills it from the unit that lacks the placeholder, which the target gets back, and bands it so', async () => {
    const input = xliff12(xliffFile('ar', 'en', 'مرحبا %s'));
    const { output, report } = await pretranslateXliffFile(input, tm());
    expect(output).toContain('>Hello %s</target>');
    expect(report.segments[0]).toMatchObject({ status: 'placeables', score: 97, tmScore: 98, band: '95-99' });
    const analysis = await analyzeXliff(parseXliff(input), tm());
    expect(analysis.rows.find((r) => r.band === '95-99')).toEqual({
      band: '95-99',
      segments: 1,
      ...countText('مرحبا'),
    });
  });

  it('leaves a segment of printf placeholders alone as one of codes alone: empty, not analyzed', async () => {
    const input = xliff12(xliffFile('ar', 'en', '%1$s %2$s'));
    const { report } = await pretranslateXliffFile(input, tm());
    expect(report.segments[0]!.status).toBe('empty');
    expect((await analyzeXliff(parseXliff(input), tm())).total).toEqual({ segments: 0, words: 0, characters: 0 });
  });
});

describe('the i18next route, whose check keeps a value’s printf placeholders as XLIFF’s does (DESIGN.md)', () => {
  it('sends a value’s %s to the matcher as a placeable first, as XLIFF sends a segment’s, then as written', async () => {
    const tm = memoryTm({});
    await pretranslateI18next({ click: 'انقر %s الآن' }, tm, { to: ['en'], min: 75 });
    expect(tm.calls.map((c) => c.text)).toEqual([`انقر ${P(0)} الآن`, 'انقر %s الآن']);
  });
});
