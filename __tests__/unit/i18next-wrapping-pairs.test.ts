/**
 * A pair the TM's target lacks that wraps the whole source (a Trans `<1>…</1>`, an XLIFF `<g>`, `<pc>` or
 * `<bpt>`…`<ept>` around all its text) wraps the whole draft, in both routes: the whole text is the link or the bold,
 * and an empty pair after it (`… <1></1>`, `…<g id="1"></g>`, what both wrote) would leave it plain. A pair around
 * part of the source is still put in as an empty pair at the end, for a reviewer to move.
 */
import { pretranslateI18next, pretranslateXliffFile } from '../../src/formats';
import { appendPlaceables } from '../../src/formats/i18next-complete';
import { DEFAULT_SYNTAX } from '../../src/formats/i18next-syntax';
import { P, memoryTm, xliff12, xliffFile } from '../helpers/xliff-fixtures';

const CONSENSUS = {
  ar: 'وقد توصل الجانبان إلى توافق واسع حول تعزيز التعاون العملي.',
  en: 'The two sides reached broad consensus on strengthening practical cooperation.',
};
const REVIEW = '<target state="needs-review-translation" state-qualifier="fuzzy-match">';

describe('a Trans pair the draft lacks that wraps the whole source', () => {
  const append = (value: string, missing: string[], source: string) =>
    appendPlaceables(source, value, missing, DEFAULT_SYNTAX);

  it('wraps the whole draft, outside its outer whitespace', () => {
    expect(append('Read the terms', ['<1>', '</1>'], '<1>اقرأ الشروط</1>')).toBe('<1>Read the terms</1>');
    expect(append(' Read the terms ', ['<1>', '</1>'], '  <1>اقرأ الشروط</1> ')).toBe(' <1>Read the terms</1> ');
  });

  it('holds the placeables appended inside it, and wraps with the pairs inside it that the draft lacks too', () => {
    expect(append('Sent', ['<0>', '{{name}}', '</0>'], '<0>أرسل {{name}}</0>')).toBe('<0>Sent {{name}}</0>');
    expect(append('Read', ['<0>', '<1>', '</1>', '</0>'], ' <0> <1>اقرأ</1></0>')).toBe('<0><1>Read</1></0>');
  });

  it('is put in as an empty pair at the end as before when it wraps only part of the source', () => {
    const missing = ['<0>', '</0>', '<1>', '</1>'];
    expect(append('A and B', missing, '<0>أ</0> و<1>ب</1>')).toBe('A and B <0></0> <1></1>');
    // The same tag twice: the first <1> is closed before the end, so neither pair wraps the whole.
    expect(append('A and B', ['<1>', '</1>'], '<1>أ</1> و<1>ب</1>')).toBe('A and B <1></1>');
    // Text after the pair: it does not wrap the whole.
    expect(append('Click here.', ['<1>', '</1>'], '<1>انقر هنا</1>.')).toBe('Click here. <1></1>');
  });
});

describe('a pair the TM’s target lacks that wraps the whole source, in both routes', () => {
  const tm = () =>
    memoryTm({
      [`${P(0)}${CONSENSUS.ar}${P(1)}`]: { en: [{ score: 97, targetText: CONSENSUS.en, unitId: 'c' }] },
    });
  const oneSegment = (source: string) => xliff12(xliffFile('ar', 'en', source));

  it('i18next: wraps the whole draft, two points off, reported with the pair for a reviewer to check', async () => {
    const { bundles, report } = await pretranslateI18next({ link: `<1>${CONSENSUS.ar}</1>` }, tm(), { to: ['en'] });
    expect(bundles.en).toEqual({ link: `<1>${CONSENSUS.en}</1>` });
    expect(report.keys[0]).toMatchObject({
      status: 'placeables-appended',
      score: 95,
      tmScore: 97,
      appended: ['<1>', '</1>'],
      placeables: { status: 'ok' },
    });
  });

  it('XLIFF 1.2: a <g> wraps the whole target, as the i18next draft', async () => {
    const { output, report } = await pretranslateXliffFile(oneSegment(`<g id="1">${CONSENSUS.ar}</g>`), tm(), {
      tgt: 'en',
    });
    expect(output).toContain(`${REVIEW}<g id="1">${CONSENSUS.en}</g></target>`);
    expect(report.segments[0]).toMatchObject({ status: 'placeables', score: 95, repaired: { codes: [0, 1] } });
  });

  it('XLIFF 1.2: so does a <bpt>/<ept> span around the whole source', async () => {
    const bold = (text: string) => `<bpt id="1">&lt;b&gt;</bpt>${text}<ept id="1">&lt;/b&gt;</ept>`;
    const { output } = await pretranslateXliffFile(oneSegment(bold(CONSENSUS.ar)), tm(), { tgt: 'en' });
    expect(output).toContain(`${REVIEW}${bold(CONSENSUS.en)}</target>`);
  });

  it('XLIFF 2.0: a <pc> wraps the whole target', async () => {
    const input = `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar" trgLang="en">
  <file id="f1">
    <unit id="u1"><segment id="s1"><source><pc id="1">${CONSENSUS.ar}</pc></source></segment></unit>
  </file>
</xliff>
`;
    const { output } = await pretranslateXliffFile(input, tm(), {});
    expect(output).toContain(`<target><pc id="1">${CONSENSUS.en}</pc></target>`);
  });

  it('both routes write the same draft for the same segment and unit', async () => {
    const { output } = await pretranslateXliffFile(oneSegment(`<g id="1">${CONSENSUS.ar}</g>`), tm(), { tgt: 'en' });
    const i18next = await pretranslateI18next({ link: `<1>${CONSENSUS.ar}</1>` }, tm(), { to: ['en'] });
    const draft = (i18next.bundles.en!.link as string).replace('<1>', '<g id="1">').replace('</1>', '</g>');
    expect(output).toContain(`${REVIEW}${draft}</target>`);
  });
});
