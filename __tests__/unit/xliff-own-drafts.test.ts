/**
 * Which targets are mizan's own drafts, refreshed by a second run: only what mizan's own marks say it wrote, under a
 * state that does not confirm it — never a text because it equals one of the TM's candidates. A translator's text is
 * very often one of them (the TM is made of confirmed translations, and a translator takes a suggestion as it is).
 * A second run on the first's output, the TM unchanged, gives the same bytes, with and without overwrite.
 */
import { pretranslateXliffFile } from '../../src/formats';
import { fixture, memoryTm } from '../helpers/xliff-fixtures';

const CANCEL = 'إلغاء';
const SAVE = 'حفظ التغييرات';
const CONSENSUS = 'وقد توصل الجانبان إلى توافق واسع حول تعزيز التعاون';

const tm = (better = false) =>
  memoryTm({
    [CANCEL]: { en: [{ score: 100, targetText: 'Cancel', unitId: 'cancel' }] },
    [SAVE]: {
      en: [
        { score: 100, targetText: 'Save changes', unitId: 'save' },
        { score: 80, targetText: 'Save', sourceText: 'حفظ', unitId: 'save-short' },
      ],
    },
    [CONSENSUS]: {
      en: [
        ...(better ? [{ score: 100, targetText: 'Both sides agreed broadly.', unitId: 'better' }] : []),
        { score: 90, targetText: 'Both agreed.', unitId: 'agreed' },
        { score: 85, targetText: 'They agreed.', unitId: 'they' },
      ],
    },
  });

/** A 1.2 `seg-source` unit: mid 1 empty, mid 2 a translator's text (one of the TM's candidates). */
const segmented = (unitAttrs: string, targetAttrs: string, second = 'Save') => `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="ui" source-language="ar" target-language="en" datatype="plaintext">
  <body>
   <trans-unit id="1"${unitAttrs}>
    <source>${CONSENSUS} ${SAVE}</source>
    <seg-source><mrk mtype="seg" mid="1">${CONSENSUS}</mrk> <mrk mtype="seg" mid="2">${SAVE}</mrk></seg-source>
    <target${targetAttrs}><mrk mtype="seg" mid="1"/> <mrk mtype="seg" mid="2">${second}</mrk></target>
   </trans-unit>
  </body>
 </file>
</xliff>
`;

const statuses = (report: { segments: Array<{ segmentId?: string; status: string }> }) =>
  report.segments.map((s) => [s.segmentId, s.status]);

const twice = async (input: string, options: { overwrite?: boolean } = {}, second = tm()) => {
  const run1 = await pretranslateXliffFile(input, tm(), { tgt: 'en', ...options });
  const run2 = await pretranslateXliffFile(run1.output, second, { tgt: 'en', ...options });
  return { run1, run2 };
};

describe('a 1.2 seg-source segment a translator wrote or confirmed, its text one of the TM’s candidates', () => {
  it.each([
    ['approved="yes"', ' approved="yes"', ''],
    ['signed-off', '', ' state="signed-off"'],
    ['final', '', ' state="final"'],
    ['translated', '', ' state="translated"'],
    ['no state', '', ''],
  ])('is kept on the first run and on the second, byte for byte (%s)', async (_, unitAttrs, targetAttrs) => {
    const { run1, run2 } = await twice(segmented(unitAttrs, targetAttrs));
    expect(statuses(run1.report)).toEqual([
      ['1', 'filled'],
      ['2', 'confirmed'],
    ]);
    expect(run1.output).toContain('<mrk mtype="seg" mid="1">Both agreed.</mrk> <mrk mtype="seg" mid="2">Save</mrk>');
    // mizan's fuzzy fill puts the unit in review; the translator's segment is still theirs on the next run.
    expect(statuses(run2.report)).toEqual([
      ['1', 'filled'],
      ['2', 'confirmed'],
    ]);
    expect(run2.output).toBe(run1.output);
  });

  it('is kept when the translator took one of mizan’s suggestions and left the unit in review', async () => {
    const run1 = await pretranslateXliffFile(segmented('', ''), tm(), { tgt: 'en' });
    // The translator takes the 85 suggestion for mid 1, and does not touch the state.
    const taken = run1.output.replace(
      '<mrk mtype="seg" mid="1">Both agreed.</mrk>',
      '<mrk mtype="seg" mid="1">They agreed.</mrk>',
    );
    expect(taken).not.toBe(run1.output);
    const run2 = await pretranslateXliffFile(taken, tm(true), { tgt: 'en' });
    expect(statuses(run2.report)).toEqual([
      ['1', 'confirmed'],
      ['2', 'confirmed'],
    ]);
    expect(run2.output).toBe(taken);
  });

  it('is kept when mizan’s record of its fill is there but the text is no longer the one it wrote', async () => {
    const run1 = await pretranslateXliffFile(segmented('', ''), tm(), { tgt: 'en' });
    const edited = run1.output.replace('>Both agreed.</mrk>', '>Both sides agreed.</mrk>');
    const run2 = await pretranslateXliffFile(edited, tm(true), { tgt: 'en' });
    expect(statuses(run2.report)).toEqual([
      ['1', 'confirmed'],
      ['2', 'confirmed'],
    ]);
    expect(run2.output).toBe(edited);
  });

  it('records what mizan wrote in each segment, and refreshes only that when the TM has better', async () => {
    const { run1, run2 } = await twice(segmented('', ''), {}, tm(true));
    expect(run1.output).toContain(
      '<alt-trans alttranstype="accepted" match-quality="90" origin="mizan" mid="1">' +
        '<target>Both agreed.</target></alt-trans>',
    );
    expect(statuses(run2.report)).toEqual([
      ['1', 'filled'],
      ['2', 'confirmed'],
    ]);
    expect(run2.output).toContain(
      '<target state="needs-review-translation" state-qualifier="fuzzy-match"><mrk mtype="seg" mid="1">' +
        'Both sides agreed broadly.</mrk> <mrk mtype="seg" mid="2">Save</mrk></target>',
    );
    expect(run2.output).toContain(
      '<alt-trans alttranstype="accepted" match-quality="100" origin="mizan" mid="1">' +
        '<target>Both sides agreed broadly.</target></alt-trans>',
    );
    expect(run2.output).not.toContain('"accepted" match-quality="90"');
  });

  it('keeps its record while the TM finds nothing for the segment, and refills it when the TM does again', async () => {
    const run1 = await pretranslateXliffFile(segmented('', ''), tm(), { tgt: 'en' });
    const run2 = await pretranslateXliffFile(run1.output, memoryTm({}), { tgt: 'en' });
    expect(statuses(run2.report)).toEqual([
      ['1', 'no-match'],
      ['2', 'confirmed'],
    ]);
    expect(run2.output).toContain('<alt-trans alttranstype="accepted" match-quality="90" origin="mizan" mid="1">');
    expect(run2.output).not.toContain('They agreed.');
    const run3 = await pretranslateXliffFile(run2.output, tm(), { tgt: 'en' });
    expect(run3.output).toBe(run1.output);
  });

  it('takes a fill of an older mizan, which left no record, for someone’s text: kept, nothing lost', async () => {
    const older = segmented('', ' state="needs-review-translation" state-qualifier="fuzzy-match"', 'Save changes');
    const { output, report } = await pretranslateXliffFile(older, tm(true), { tgt: 'en' });
    expect(statuses(report)).toEqual([
      ['1', 'filled'],
      ['2', 'confirmed'],
    ]);
    expect(output).toContain('<mrk mtype="seg" mid="2">Save changes</mrk>');
  });

  it('is replaced with overwrite, and a second overwrite run gives the same bytes', async () => {
    const { run1, run2 } = await twice(segmented(' approved="yes"', ' state="final"'), { overwrite: true });
    expect(statuses(run1.report)).toEqual([
      ['1', 'filled'],
      ['2', 'filled'],
    ]);
    expect(run1.output).toContain('<mrk mtype="seg" mid="2">Save changes</mrk>');
    expect(run2.output).toBe(run1.output);
  });
});

const tu = (id: string, attrs: string, target: string) =>
  `   <trans-unit id="${id}"${attrs}><source>${id === 'f' ? CONSENSUS : SAVE}</source>${target}</trans-unit>`;

/** One 1.2 unit per way a translator's tool marks a finished target, each target one of the TM's candidates. */
const unsegmented = `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="ui" source-language="ar" target-language="en" datatype="plaintext">
  <body>
${tu('a', ' approved="yes"', '<target state="needs-review-translation">Save</target>')}
${tu('b', '', '<target state="signed-off">Save</target>')}
${tu('c', '', '<target state="final">Save</target>')}
${tu('d', '', '<target state="translated">Save</target>')}
${tu('e', '', '<target>Save</target>')}
${tu('f', '', '<target/>')}
  </body>
 </file>
</xliff>
`;

/** 2.x: reviewed, final, translated and stateless targets, each one of the TM's candidates. */
const xliff2 = `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar" trgLang="en">
 <file id="f1">
  <unit id="u1">
   <segment id="s1" state="reviewed"><source>${SAVE}</source><target>Save</target></segment>
   <segment id="s2" state="final"><source>${SAVE}</source><target>Save</target></segment>
   <segment id="s3"><source>${SAVE}</source><target>Save</target></segment>
   <segment id="s4" state="translated"><source>${SAVE}</source><target>Save</target></segment>
   <segment id="s5"><source>${CONSENSUS}</source></segment>
  </unit>
 </file>
</xliff>
`;

describe.each([
  ['1.2', unsegmented, 5],
  ['2.0', xliff2, 4],
])('XLIFF %s targets a translator confirmed, each one of the TM’s candidates', (_, input, confirmed) => {
  const expected = [...Array<string>(confirmed).fill('confirmed'), 'filled'];

  it('are kept on the first and second run, and the second run gives the same bytes', async () => {
    const { run1, run2 } = await twice(input);
    expect(run1.report.segments.map((s) => s.status)).toEqual(expected);
    expect(run1.output.match(/>Save<\/target>/g)).toHaveLength(confirmed);
    // The stateless or approved ones too: no mizan mark says they are its drafts.
    expect(run2.report.segments.map((s) => s.status)).toEqual(expected);
    expect(run2.output).toBe(run1.output);
  });

  it('are replaced with overwrite, and a second overwrite run gives the same bytes', async () => {
    const { run1, run2 } = await twice(input, { overwrite: true });
    expect(run1.report.segments.every((s) => s.status === 'filled')).toBe(true);
    const written = input.includes('xliff:document:2.0')
      ? /<target>Save changes<\/target><\/segment>/g
      : /exact-match">Save changes</g;
    expect(run1.output.match(written)).toHaveLength(confirmed);
    expect(run2.output).toBe(run1.output);
  });
});

describe('a file as Translate Toolkit’s po2xliff writes it', () => {
  // The TM holds the translator's own texts (approved "The file was saved", the fuzzy "…visits Cairo").
  const poTm = () =>
    memoryTm({
      'مرحبا بكم في الموقع': { en: [{ score: 100, targetText: 'Welcome to the site', unitId: 'w' }] },
      'أعلنت الصين عن خطة جديدة للتنمية': {
        en: [{ score: 88, targetText: 'China announced a new plan', unitId: 'c' }],
      },
      'وزير الخارجية يزور القاهرة': {
        en: [{ score: 90, targetText: 'The foreign minister visits Cairo', unitId: 'f' }],
      },
      'تم حفظ الملف': { en: [{ score: 100, targetText: 'The file was saved', unitId: 's' }] },
    });

  it.each([[{}], [{ overwrite: true }]])('gives the same bytes on a second run (%o)', async (options) => {
    const input = fixture('xliff/po2xliff-ar-en.xlf');
    const run1 = await pretranslateXliffFile(input, poTm(), { tgt: 'en', ...options });
    const run2 = await pretranslateXliffFile(run1.output, poTm(), { tgt: 'en', ...options });
    expect(run2.output).toBe(run1.output);
    if (!('overwrite' in options)) expect(run1.output).toContain('id="6" approved="yes"><ns0:source>تم حفظ الملف');
  });
});
