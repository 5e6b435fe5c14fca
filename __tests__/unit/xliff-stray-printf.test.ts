/**
 * A printf placeholder in a TM target that the file's source lacks is left out of everything written: the target,
 * 1.2 `alt-trans`, 2.x `mtc:match`; it counts as a repair (one point off, to review).
 */
import { pretranslateXliffFile } from '../../src/formats';
import { completePrintf, cutOut } from '../../src/formats/xliff-printf';
import { P, memoryTm } from '../helpers/xliff-fixtures';

describe('a stray printf placeholder left out of a target', () => {
  it('takes the space around it along, so that no double space or space before punctuation is left', () => {
    expect(completePrintf('انقر على الزر الأزرق لحفظ الملف', 'Click the %s button to save the file')).toEqual({
      text: 'Click the button to save the file',
      added: [],
      changed: ['%s→'],
    });
    expect(completePrintf('تم الحفظ', 'Saved %1$s.').text).toBe('Saved.');
    expect(completePrintf('تم الحفظ', '%(name)s saved').text).toBe('saved');
    expect(completePrintf('تم الحفظ', 'Saved: {1}').text).toBe('Saved:');
    expect(completePrintf('تم الحفظ', '已保存%d个文件').text).toBe('已保存个文件');
    expect(cutOut(`a ${P(0)}%s b`, 3, 5)).toBe(`a ${P(0)} b`);
  });

  it('is still renamed to the source’s placeholder of another name when the source has one', () => {
    expect(completePrintf('انقر على الزر {0} لحفظ الملف', 'Click the %s button to save the file')).toEqual({
      text: 'Click the {0} button to save the file',
      added: [],
      changed: ['%s→{0}'],
    });
  });
});

const BLUE = 'انقر على الزر الأزرق لحفظ الملف';
const WITH_X = `انقر على الزر ${P(0)} لحفظ الملف`;
const tm = () =>
  memoryTm({
    [BLUE]: {
      en: [
        {
          score: 83,
          targetText: 'Click the %s button to save the file',
          sourceText: 'انقر على الزر %s لحفظ الملف',
          unitId: 'a',
        },
        {
          score: 70,
          targetText: 'Click the button to open the file',
          sourceText: 'انقر على الزر لفتح الملف',
          unitId: 'b',
        },
      ],
    },
    [WITH_X]: {
      en: [
        {
          score: 90,
          targetText: 'Click the button to open the file',
          sourceText: 'انقر على الزر لفتح الملف',
          unitId: 'b',
        },
        {
          score: 82,
          targetText: 'Click the %s button to save the file',
          sourceText: 'انقر على الزر %s لحفظ الملف',
          unitId: 'a',
        },
      ],
    },
  });

describe('pretranslating with a TM target that holds a placeholder the source lacks', () => {
  it('1.2: writes neither the target nor an alt-trans with it, one point off each, marked for review', async () => {
    const input = `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="a" source-language="ar" target-language="en" datatype="plaintext">
    <body>
      <trans-unit id="s1"><source>${BLUE}</source></trans-unit>
      <trans-unit id="s2"><source>انقر على الزر <x id="1"/> لحفظ الملف</source></trans-unit>
    </body>
  </file>
</xliff>
`;
    const { output, report } = await pretranslateXliffFile(input, tm(), { tgt: 'en', min: 50 });
    expect(output).not.toContain('%s</target>');
    expect(output).not.toMatch(/<target>[^<]*%s/);
    expect(output).toContain(
      '<trans-unit id="s1"><source>انقر على الزر الأزرق لحفظ الملف</source><target state="needs-review-translation" state-qualifier="fuzzy-match">Click the button to save the file</target>' +
        '<alt-trans match-quality="70" origin="mizan"><source>انقر على الزر لفتح الملف</source><target>Click the button to open the file</target></alt-trans></trans-unit>',
    );
    expect(output).toContain(
      '<alt-trans match-quality="80" origin="mizan"><source>انقر على الزر %s لحفظ الملف</source><target>Click the button to save the file<x id="1"/></target></alt-trans>',
    );
    expect(report.segments[0]).toMatchObject({
      status: 'placeables',
      score: 82,
      tmScore: 83,
      repaired: { codes: [], printf: ['%s→'] },
    });
  });

  it('2.x: writes neither the target nor an mtc:match with it', async () => {
    const input = `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar" trgLang="en">
  <file id="f">
    <unit id="u1"><segment id="s1"><source>${BLUE}</source></segment></unit>
  </file>
</xliff>
`;
    const { output, report } = await pretranslateXliffFile(input, tm(), { tgt: 'en', min: 50 });
    expect(output).not.toMatch(/<target>[^<]*%s/);
    expect(output).toContain(
      '<mtc:match ref="#s1" type="tm" similarity="82" origin="mizan"><source>انقر على الزر %s لحفظ الملف</source><target>Click the button to save the file</target></mtc:match>',
    );
    expect(output).toContain(
      '<segment id="s1" state="initial"><source>انقر على الزر الأزرق لحفظ الملف</source><target>Click the button to save the file</target>',
    );
    expect(report.totals).toMatchObject({ placeables: 1, filled: 0 });
  });
});
