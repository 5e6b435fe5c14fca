/**
 * A CRLF file stays CRLF: the line breaks a target's text carries (the source's whitespace under
 * `xml:space="preserve"`, a TM text on two lines) are written with the file's line ending, in UTF-8 and UTF-16 alike.
 */
import { parseXliff, pretranslateXliffFile } from '../../src/formats';
import { memoryTm } from '../helpers/xliff-fixtures';

/** The tester's crlf8.xlf (u16.xlf is the same in UTF-16LE). */
const crlf = (encoding: string) =>
  [
    `<?xml version="1.0" encoding="${encoding}"?>`,
    '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">',
    ' <file original="ui" source-language="ar" target-language="zh" datatype="plaintext">',
    '  <body>',
    '   <trans-unit id="1">',
    '    <source>حفظ التغييرات</source>',
    '   </trans-unit>',
    '   <trans-unit id="2">',
    '    <source xml:space="preserve">إلغاء\r\n</source>',
    '   </trans-unit>',
    '  </body>',
    ' </file>',
    '</xliff>',
    '',
  ].join('\r\n');

const tm = () =>
  memoryTm({
    'حفظ التغييرات': { zh: [{ score: 100, targetText: '保存\n更改', unitId: 'save' }] },
    'إلغاء\n': {
      zh: [
        { score: 100, targetText: '取消', unitId: 'cancel' },
        { score: 80, targetText: '取消\n操作', unitId: 'cancel-op' },
      ],
    },
  });

const loneLf = /(?<!\r)\n/;

describe('pretranslating a CRLF file', () => {
  it('writes the line breaks of targets and suggestions as CRLF in UTF-8', async () => {
    const input = new TextEncoder().encode(crlf('UTF-8'));
    const { output } = await pretranslateXliffFile(input, tm(), { tgt: 'zh' });
    const text = new TextDecoder('utf-8').decode(output);
    // The source says preserve on itself: so do its target and suggestion (xliff-target-space.test.ts).
    expect(text).toContain(
      '<target state="translated" state-qualifier="exact-match" xml:space="preserve">取消\r\n</target>',
    );
    expect(text).toContain('<target state="translated" state-qualifier="exact-match">保存\r\n更改</target>');
    expect(text).toContain('<target xml:space="preserve">取消\r\n操作\r\n</target>');
    expect(text).not.toMatch(loneLf);
    expect(parseXliff(output).segments.map((s) => s.target?.text)).toEqual(['保存\n更改', '取消\n']);
  });

  it('writes them as CRLF in UTF-16 too', async () => {
    const utf16 = crlf('UTF-16');
    const input = new Uint8Array(2 + utf16.length * 2);
    input.set([0xff, 0xfe]);
    for (let i = 0; i < utf16.length; i++) input.set([utf16.charCodeAt(i) & 0xff, utf16.charCodeAt(i) >> 8], 2 + i * 2);
    const { output } = await pretranslateXliffFile(input, tm(), { tgt: 'zh' });
    const text = new TextDecoder('utf-16le').decode(output);
    expect(text).toContain('取消\r\n</target>');
    expect(text).not.toMatch(loneLf);
  });
});
