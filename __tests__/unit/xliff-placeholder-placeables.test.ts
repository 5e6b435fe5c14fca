/**
 * An XLIFF segment's placeholders (`{{x}}`, `{x}`, `${x}`, `$t(key)`, printf's `%s`: xliff-printf-placeables.test.ts)
 * are placeables to the TM, as its inline codes are (xliff-placeholders.ts): no word in the score, in the band or in
 * the analysis' counts.
 */
import { type Candidate, analyzeXliff, countText, parseXliff, pretranslateXliffFile } from '../../src/formats';
import {
  pairSourcePlaceholders,
  placeholderLookups,
  placeholderScore,
  protectPlaceholders,
} from '../../src/formats/xliff-placeholders';
import { P, memoryTm, xliff12, xliffFile } from '../helpers/xliff-fixtures';

const WELCOME = 'مرحبا بكم في موقعنا الجديد';

describe('holding an XLIFF text’s placeholders as placeables', () => {
  it('numbers them after the text’s inline codes, printf ones too, leaving %% as written', () => {
    const held = protectPlaceholders(`${P(0)}مرحبا {{name}}${P(1)} و%s و${'${who}'} و$t(app.name) 50%% {0}`);
    expect(held).toEqual({
      text: `${P(0)}مرحبا ${P(2)}${P(1)} و${P(3)} و${P(4)} و${P(5)} 50%% ${P(6)}`,
      placeholders: ['{{name}}', '%s', '${who}', '$t(app.name)', '{0}'],
      base: 2,
    });
    expect(protectPlaceholders('بلا شيء 50%%')).toEqual({ text: 'بلا شيء 50%%', placeholders: [], base: 0 });
  });

  it('pairs a TM source’s placeholders with the segment’s: the same text first, else in order', () => {
    const held = protectPlaceholders('أرسل {{name}} الملف %s إلى {{team}}');
    expect(pairSourcePlaceholders('أرسل {{team}} الملف %s إلى {{user}}', held)).toBe(
      `أرسل ${P(2)} الملف ${P(1)} إلى ${P(0)}`,
    );
    expect(pairSourcePlaceholders('أرسل %d الملف %s إلى {{user}}', held)).toBe(
      `أرسل ${P(0)} الملف ${P(1)} إلى ${P(2)}`,
    );
    // A placeable the TM's source holds as a code (renumbered onto the segment's) is not paired again.
    expect(pairSourcePlaceholders(`أرسل ${P(0)} الملف %s إلى {{user}}`, held)).toBe(
      `أرسل ${P(0)} الملف ${P(1)} إلى ${P(2)}`,
    );
  });

  it('scores a unit that is the segment but for its placeholders’ text 100, any other as the TM did', () => {
    const held = protectPlaceholders(`${WELCOME} {{name}}`);
    const candidate = (sourceText: string, score = 80): Candidate => ({
      score,
      sourceText,
      targetText: 'x',
      unitId: 'u',
    });
    expect(placeholderScore(held, candidate(`${WELCOME} %s`))).toBe(100);
    expect(placeholderScore(held, candidate(`${WELCOME} {{user}}`))).toBe(100);
    expect(placeholderScore(held, candidate(`${WELCOME} الآن %s`))).toBe(80);
    // A unit with a code the segment lacks is never the segment (tm-codes.ts).
    const tmOnly = { unpaired: 1, text: [], unplaced: 0 };
    expect(placeholderScore(held, { ...candidate(`${WELCOME} %s`), tmOnly })).toBe(80);
  });
});

describe('looking an XLIFF segment with placeholders up', () => {
  const query = (text: string, min = 75) => ({
    text,
    src: 'ar' as const,
    context: { tgt: 'en' as const, min, limit: 4 },
  });

  it('asks with the placeholders as placeables at a lowered min and as written, and writes them back', async () => {
    const tm = memoryTm({
      [`${WELCOME} ${P(0)}`]: {
        en: [{ score: 97, targetText: `Welcome to our new site${P(0)}`, sourceText: `${WELCOME}${P(0)}`, unitId: 'c' }],
      },
      [`${WELCOME} {{name}}`]: { en: [{ score: 83, targetText: 'Welcome to our new site', unitId: 'w' }] },
    });
    const { batch } = placeholderLookups(tm);
    const [found] = await batch([query(`${WELCOME} {{name}}`, 90)]);
    expect(tm.calls.map((c) => [c.text, c.context.min])).toEqual([
      [`${WELCOME} ${P(0)}`, 83], // 5 words of the 6 the matcher reads: a unit with the placeholder named otherwise
      [`${WELCOME} {{name}}`, 90],
    ]);
    expect(found).toEqual([
      { score: 97, targetText: 'Welcome to our new site{{name}}', sourceText: `${WELCOME}{{name}}`, unitId: 'c' },
    ]);
  });

  it('takes a unit found both ways once, at its better score; leaves out what falls below min', async () => {
    const as = (score: number, sourceText: string, unitId = 'u'): Candidate => ({
      score,
      targetText: sourceText,
      sourceText,
      unitId,
    });
    const tm = memoryTm({
      [`${WELCOME} ${P(0)}`]: { en: [as(90, `${WELCOME} الآن ${P(0)}`), as(60, `${WELCOME} الآن %s`, 'v')] },
      [`${WELCOME} {{name}}`]: { en: [as(83, `${WELCOME} {{user}}`)] },
    });
    const { batch } = placeholderLookups(tm);
    const [found] = await batch([query(`${WELCOME} {{name}}`)]);
    // The unit as written is the segment but for its placeholder's name: 100, over the protected form's 90.
    expect(found).toEqual([as(100, `${WELCOME} {{user}}`)]);
  });

  it('leaves out a number-adapted unit found as written whose placeholders are not the segment’s', async () => {
    const adapted = (sourceText: string, unitId: string): Candidate => ({
      score: 98,
      targetText: 'T',
      sourceText,
      unitId,
      adapted: true,
    });
    const tm = memoryTm({
      'بعد 5 أيام {0}': { en: [adapted('بعد 6 أيام {1}', 'renamed'), adapted('بعد 6 أيام {0}', 'kept')] },
    });
    const { batch } = placeholderLookups(tm);
    const [found] = await batch([query('بعد 5 أيام {0}')]);
    expect(found!.map((c) => c.unitId)).toEqual(['kept']);
  });

  it('does not look a segment of placeholders alone up, nor one without any twice', async () => {
    const tm = memoryTm({});
    const { batch } = placeholderLookups(tm);
    expect(await batch([query('{{name}} ${x} %s'), query('تم حفظ الملف 50%%')])).toEqual([[], []]);
    expect(tm.calls.map((c) => c.text)).toEqual(['تم حفظ الملف 50%%']);
  });
});

describe('pretranslating and analyzing a segment with placeholders', () => {
  const tm = () =>
    memoryTm({
      [`${WELCOME} ${P(0)}`]: { en: [{ score: 97, targetText: 'Welcome to our new site', unitId: 'w' }] },
    });

  it('counts no placeholder as a word or as characters, as no inline code is', () => {
    for (const form of ['{{name}}', '{name}', '${name}', '$t(site.name)'])
      expect(countText(`${WELCOME} ${form}`)).toEqual(countText(`${WELCOME} ${P(0)}`));
    expect(countText('{{name}} ${x}')).toEqual({ words: 0, characters: 0 });
  });

  it('fills it from the unit that lacks the placeholder, which the target gets back, and bands it so', async () => {
    const input = xliff12(xliffFile('ar', 'en', `${WELCOME} {{name}}`));
    const { output, report } = await pretranslateXliffFile(input, tm());
    expect(output).toContain('>Welcome to our new site {{name}}</target>');
    expect(report.segments[0]).toMatchObject({ status: 'placeables', score: 96, tmScore: 97, band: '95-99' });
    const analysis = await analyzeXliff(parseXliff(input), tm());
    expect(analysis.rows.find((r) => r.band === '95-99')).toEqual({
      band: '95-99',
      segments: 1,
      ...countText(WELCOME),
    });
  });

  it('leaves a segment of placeholders alone as it leaves one of codes alone: empty, not analyzed', async () => {
    const input = xliff12(xliffFile('ar', 'en', '{{name}}'));
    const { report } = await pretranslateXliffFile(input, tm());
    expect(report.segments[0]!.status).toBe('empty');
    expect((await analyzeXliff(parseXliff(input), tm())).total).toEqual({ segments: 0, words: 0, characters: 0 });
  });
});
