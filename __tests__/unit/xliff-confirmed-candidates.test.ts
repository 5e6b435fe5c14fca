/**
 * A confirmed segment's candidates stay as they were, mizan's own included, when a neighbouring segment of the same
 * unit is refilled: only the refilled segment's earlier mizan candidates are replaced (1.2 `alt-trans mid`, 2.x
 * `mtc:match ref`).
 */
import { pretranslateXliffFile } from '../../src/formats';
import { memoryTm } from '../helpers/xliff-fixtures';

const tm = () =>
  memoryTm({
    إلغاء: {
      en: [
        { score: 100, targetText: 'Cancel', unitId: 'cancel' },
        { score: 80, targetText: 'Abort', unitId: 'abort' },
      ],
    },
    'حفظ التغييرات': { en: [{ score: 100, targetText: 'Save changes', unitId: 'save' }] },
  });

/** The tester's keepmtc.xlf: s2 translated with a mizan and another tool's match, s1 to fill. */
const KEEP_MTC = `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0" version="2.0" srcLang="ar" trgLang="en">
 <file id="f1">
  <unit id="u1">
   <mtc:matches>
     <mtc:match ref="#s1" type="tm" similarity="70" origin="mizan"><source>إلغاء</source><target>Stale</target></mtc:match>
     <mtc:match ref="#s2" type="tm" similarity="100" origin="mizan"><source>حفظ التغييرات</source><target>Save changes</target></mtc:match>
     <mtc:match ref="#s2" type="tm" similarity="80" origin="other-tm"><source>حفظ</source><target>Save</target></mtc:match>
   </mtc:matches>
   <segment id="s1"><source>إلغاء</source></segment>
   <segment id="s2" state="translated"><source>حفظ التغييرات</source><target>Save changes</target></segment>
  </unit>
 </file>
</xliff>
`;

/** The tester's keepalt.xlf: mid 2 translated with mizan's alt-trans, mid 1 to fill. */
const KEEP_ALT = `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="ui" source-language="ar" target-language="en" datatype="plaintext">
  <body>
   <trans-unit id="1">
    <source>إلغاء حفظ التغييرات</source>
    <seg-source><mrk mtype="seg" mid="1">إلغاء</mrk> <mrk mtype="seg" mid="2">حفظ التغييرات</mrk></seg-source>
    <target><mrk mtype="seg" mid="1"/> <mrk mtype="seg" mid="2">Save changes</mrk></target>
    <alt-trans mid="1" origin="mizan" match-quality="70"><target>Stale</target></alt-trans>
    <alt-trans mid="2" origin="mizan" match-quality="100"><source>حفظ التغييرات</source><target>Save changes</target></alt-trans>
   </trans-unit>
  </body>
 </file>
</xliff>
`;

describe('refilling one segment of a unit', () => {
  it('keeps mizan’s mtc:match of the unit’s confirmed 2.x segment and replaces the refilled one’s', async () => {
    const { output, report } = await pretranslateXliffFile(KEEP_MTC, tm(), { tgt: 'en' });
    expect(report.segments.map((s) => s.status)).toEqual(['filled', 'confirmed']);
    expect(output).toContain(
      '<mtc:match ref="#s2" type="tm" similarity="100" origin="mizan"><source>حفظ التغييرات</source><target>Save changes</target></mtc:match>',
    );
    expect(output).toContain('origin="other-tm"');
    expect(output).not.toContain('Stale');
    expect(output).toContain('<mtc:match ref="#s1" type="tm" similarity="100" origin="mizan">');
    expect(output).toContain('<mtc:match ref="#s1" type="tm" similarity="80" origin="mizan">');
  });

  it('keeps mizan’s alt-trans of the unit’s confirmed 1.2 segment and replaces the refilled one’s', async () => {
    const { output, report } = await pretranslateXliffFile(KEEP_ALT, tm(), { tgt: 'en' });
    expect(report.segments.map((s) => s.status)).toEqual(['filled', 'confirmed']);
    expect(output).toContain(
      '<alt-trans mid="2" origin="mizan" match-quality="100"><source>حفظ التغييرات</source><target>Save changes</target></alt-trans>',
    );
    expect(output).not.toContain('Stale');
    expect(output).toContain('<alt-trans match-quality="80" origin="mizan" mid="1"><target>Abort</target></alt-trans>');
  });
});
