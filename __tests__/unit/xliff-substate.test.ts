/**
 * XLIFF 2.x `subState` refines `state` in a tool's own terms: once mizan writes a target and its `state`, an earlier
 * tool's `subState` describes a text that is gone, so it goes too. A segment mizan leaves alone keeps it.
 */
import { pretranslateXliffFile } from '../../src/formats';
import { memoryTm } from '../helpers/xliff-fixtures';

const CONSENSUS = 'وقد توصل الجانبان إلى توافق واسع حول تعزيز التعاون';

const tm = () =>
  memoryTm({
    'حفظ التغييرات': { en: [{ score: 100, targetText: 'Save changes', unitId: 'save' }] },
    [CONSENSUS]: { en: [{ score: 90, targetText: 'The two sides reached broad consensus.', unitId: 'consensus' }] },
  });

/** The tester's sub.xlf. */
const SUB = `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar" trgLang="en">
 <file id="f1">
  <unit id="u1">
   <segment id="s1" state="final" subState="acme:signed-off"><source>حفظ التغييرات</source><target>Save all</target></segment>
  </unit>
  <unit id="u2">
   <segment id="s1" state="initial" subState="acme:mt"><source>${CONSENSUS}</source><target>MT output</target></segment>
  </unit>
 </file>
</xliff>
`;

describe('a 2.x segment with a subState', () => {
  it('loses it when mizan refills the segment, and keeps it when the segment is confirmed', async () => {
    const { output, report } = await pretranslateXliffFile(SUB, tm(), { tgt: 'en' });
    expect(report.segments.map((s) => s.status)).toEqual(['confirmed', 'filled']);
    expect(output).toContain('<segment id="s1" state="final" subState="acme:signed-off"><source>');
    expect(output).toContain(
      `<segment id="s1" state="initial"><source>${CONSENSUS}</source><target>The two sides reached broad consensus.</target>`,
    );
  });

  it('loses it when an overwrite replaces a final target', async () => {
    const { output } = await pretranslateXliffFile(SUB, tm(), { tgt: 'en', overwrite: true });
    expect(output).toContain(
      '<segment id="s1" state="translated"><source>حفظ التغييرات</source><target>Save changes</target>',
    );
    expect(output).not.toContain('subState');
  });
});
