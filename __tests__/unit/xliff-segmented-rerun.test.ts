/**
 * A 1.2 `seg-source` unit has one `state` for all its segments, so a run that fills some segments and keeps others
 * must leave a translator's segments recognisable as theirs: on every later run, without overwrite, a segment whose
 * text mizan did not write stays as it is, whatever state the unit then carries.
 */
import { pretranslateXliffFile } from '../../src/formats';
import { memoryTm } from '../helpers/xliff-fixtures';

const CANCEL = 'إلغاء';
const SAVE = 'حفظ التغييرات';
const CONSENSUS = 'وقد توصل الجانبان إلى توافق واسع حول تعزيز التعاون';
const CONSENSUS_EN = 'The two sides reached broad consensus on strengthening practical cooperation.';

const tm = (consensusScore = 90) =>
  memoryTm({
    [CANCEL]: { en: [{ score: 100, targetText: 'Cancel', unitId: 'cancel' }] },
    [SAVE]: { en: [{ score: 100, targetText: 'Save changes', unitId: 'save' }] },
    [CONSENSUS]: {
      en: [
        ...(consensusScore < 100 ? [] : [{ score: 100, targetText: 'Both sides agreed broadly.', unitId: 'better' }]),
        { score: 90, targetText: CONSENSUS_EN, unitId: 'consensus' },
      ],
    },
  });

/** The tester's segloss.xlf: mid 1 empty, mid 2 a translator's text, the target's state as given. */
const segmented = (first: string, state = '') => `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="ui" source-language="ar" target-language="en" datatype="plaintext">
  <body>
   <trans-unit id="1">
    <source>${first} ${SAVE}</source>
    <seg-source><mrk mtype="seg" mid="1">${first}</mrk> <mrk mtype="seg" mid="2">${SAVE}</mrk></seg-source>
    <target${state}><mrk mtype="seg" mid="1"/> <mrk mtype="seg" mid="2">Keep my edits (human)</mrk></target>
   </trans-unit>
  </body>
 </file>
</xliff>
`;

const statuses = (report: { segments: Array<{ segmentId?: string; status: string }> }) =>
  report.segments.map((s) => [s.segmentId, s.status]);

describe('a 1.2 seg-source unit with a translator’s segment', () => {
  it.each([
    ['no state', ''],
    ['state="translated"', ' state="translated"'],
  ])(
    'keeps the unit’s state (%s) when the segments filled are exact, and the translator’s text on every run',
    async (_, state) => {
      const run1 = await pretranslateXliffFile(segmented(CANCEL, state), tm(), { tgt: 'en' });
      expect(statuses(run1.report)).toEqual([
        ['1', 'filled'],
        ['2', 'confirmed'],
      ]);
      expect(run1.output).toContain(
        `<target${state}><mrk mtype="seg" mid="1">Cancel</mrk> <mrk mtype="seg" mid="2">Keep my edits (human)</mrk></target>`,
      );
      const run2 = await pretranslateXliffFile(run1.output, tm(), { tgt: 'en' });
      expect(statuses(run2.report)).toEqual([
        ['1', 'confirmed'],
        ['2', 'confirmed'],
      ]);
      expect(run2.output).toBe(run1.output);
    },
  );

  it('marks the unit for review after a fuzzy fill, and a rerun still keeps the translator’s segment', async () => {
    const run1 = await pretranslateXliffFile(segmented(CONSENSUS, ' state="translated"'), tm(), { tgt: 'en' });
    expect(run1.output).toContain(
      `<target state="needs-review-translation" state-qualifier="fuzzy-match"><mrk mtype="seg" mid="1">${CONSENSUS_EN}</mrk> <mrk mtype="seg" mid="2">Keep my edits (human)</mrk></target>`,
    );
    const run2 = await pretranslateXliffFile(run1.output, tm(), { tgt: 'en' });
    // mid 1 is mizan's own fill (the text it would write), refilled alike; mid 2 is someone's text: kept.
    expect(statuses(run2.report)).toEqual([
      ['1', 'filled'],
      ['2', 'confirmed'],
    ]);
    expect(run2.output).toBe(run1.output);
  });

  it('refills its own earlier fill when the TM has a better match, never the translator’s segment', async () => {
    const run1 = await pretranslateXliffFile(segmented(CONSENSUS), tm(), { tgt: 'en' });
    const run2 = await pretranslateXliffFile(run1.output, tm(100), { tgt: 'en' });
    expect(statuses(run2.report)).toEqual([
      ['1', 'filled'],
      ['2', 'confirmed'],
    ]);
    expect(run2.output).toContain(
      '<mrk mtype="seg" mid="1">Both sides agreed broadly.</mrk> <mrk mtype="seg" mid="2">Keep my edits (human)</mrk>',
    );
  });

  it('replaces the translator’s segment with overwrite', async () => {
    const run1 = await pretranslateXliffFile(segmented(CONSENSUS), tm(), { tgt: 'en' });
    const run2 = await pretranslateXliffFile(run1.output, tm(), { tgt: 'en', overwrite: true });
    expect(statuses(run2.report)).toEqual([
      ['1', 'filled'],
      ['2', 'filled'],
    ]);
    expect(run2.output).toContain('<mrk mtype="seg" mid="2">Save changes</mrk>');
  });
});
