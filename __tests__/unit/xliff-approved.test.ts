/**
 * 1.2 `approved="yes"`: a person's approval of a target. A unit approved with a target is confirmed; a fill mizan
 * writes into an approved unit (no text there, or overwrite) is nobody's approved text, so the unit says approved="no".
 */
import { parseXliff, pretranslateXliffFile } from '../../src/formats';
import { memoryTm } from '../helpers/xliff-fixtures';

const CONSENSUS = 'وقد توصل الجانبان إلى توافق واسع حول تعزيز التعاون';
const CONSENSUS_EN = 'The two sides reached broad consensus on strengthening practical cooperation.';
const SAVE = 'حفظ التغييرات';

const tm = () =>
  memoryTm({
    [CONSENSUS]: { en: [{ score: 90, targetText: CONSENSUS_EN, unitId: 'consensus' }] },
    [SAVE]: { en: [{ score: 100, targetText: 'Save changes', unitId: 'save' }] },
  });

/** The tester's appr.xlf. */
const APPROVED = `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="ui" source-language="ar" target-language="en" datatype="plaintext">
  <body>
    <trans-unit id="1" approved="yes"><source>${CONSENSUS}</source><target/></trans-unit>
    <trans-unit id="2" approved="yes"><source>${CONSENSUS}</source></trans-unit>
    <trans-unit id="3" approved="yes"><source>${SAVE}</source><target>Keep edits</target></trans-unit>
  </body>
 </file>
</xliff>
`;

describe('an XLIFF 1.2 unit with approved="yes"', () => {
  it('is no longer approved once mizan writes a fuzzy target into it, so the next run refills it', async () => {
    const run1 = await pretranslateXliffFile(APPROVED, tm(), { tgt: 'en' });
    expect(run1.report.segments.map((s) => s.status)).toEqual(['filled', 'filled', 'confirmed']);
    const fill = `<source>${CONSENSUS}</source><target state="needs-review-translation" state-qualifier="fuzzy-match">${CONSENSUS_EN}</target>`;
    expect(run1.output).toContain(`<trans-unit id="1" approved="no">${fill}</trans-unit>`);
    expect(run1.output).toContain(`<trans-unit id="2" approved="no">${fill}</trans-unit>`);
    const run2 = await pretranslateXliffFile(run1.output, tm(), { tgt: 'en' });
    expect(run2.report.segments.map((s) => s.status)).toEqual(['filled', 'filled', 'confirmed']);
    expect(run2.output).toBe(run1.output);
  });

  it('keeps its approved target untouched without overwrite, and loses the approval when overwritten', async () => {
    const kept = await pretranslateXliffFile(APPROVED, tm(), { tgt: 'en' });
    expect(kept.output).toContain(
      `<trans-unit id="3" approved="yes"><source>${SAVE}</source><target>Keep edits</target></trans-unit>`,
    );
    const overwritten = await pretranslateXliffFile(APPROVED, tm(), { tgt: 'en', overwrite: true });
    expect(overwritten.output).toContain(
      `<trans-unit id="3" approved="no"><source>${SAVE}</source><target state="translated" state-qualifier="exact-match">Save changes</target></trans-unit>`,
    );
    // An exact fill is confirmed by its state, as any exact fill is: the next run leaves it.
    expect(parseXliff(overwritten.output).segments[2]!.confirmed).toBe(true);
  });
});
