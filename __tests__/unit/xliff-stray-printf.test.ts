/**
 * A printf placeholder in a TM target that the file's source lacks gives way, in everything written (the target,
 * 1.2 `alt-trans`, 2.x `mtc:match`), to what the source holds at its place: its text, its number, or nothing (then
 * it is left out, the space around it tidied); each is a repair (one point off, to review). Where its place cannot
 * be told the candidate is not written: the source's text is never silently dropped.
 */
import { pretranslateXliffFile } from '../../src/formats';
import { completePrintf, cutOut } from '../../src/formats/xliff-printf';
import { P, memoryTm } from '../helpers/xliff-fixtures';

describe('a stray printf placeholder in a TM target', () => {
  it('gives way to the source’s text at its place, which left out made the target lack it', () => {
    const tmSource = 'انقر على الزر %s لحفظ الملف';
    expect(completePrintf('انقر على الزر الأزرق لحفظ الملف', 'Click the %s button to save the file', tmSource)).toEqual(
      { text: 'Click the الأزرق button to save the file', added: [], changed: ['%s→الأزرق'] },
    );
  });

  it('is left out where the source has nothing, taking the space around it along', () => {
    expect(
      completePrintf('انقر على الزر لحفظ الملف', 'Click the %s button to save the file', 'انقر على الزر %s لحفظ الملف'),
    ).toEqual({
      text: 'Click the button to save the file',
      added: [],
      changed: ['%s→'],
    });
    expect(completePrintf('تم الحفظ', 'Saved %1$s.', 'تم الحفظ %1$s').text).toBe('Saved.');
    expect(completePrintf('تم الحفظ', '%(name)s saved', '%(name)s تم الحفظ').text).toBe('saved');
    expect(completePrintf('تم الحفظ', 'Saved: {1}', 'تم الحفظ: {1}').text).toBe('Saved:');
    expect(completePrintf('تم الحفظ', '已保存%d个文件', 'تم الحفظ %d').text).toBe('已保存个文件');
    expect(cutOut(`a ${P(0)}%s b`, 3, 5)).toBe(`a ${P(0)} b`);
  });

  it('is unplaced, the candidate not to be written, when where it stands cannot be told', () => {
    // No TM source, or the TM's words around it not in the source.
    expect(completePrintf('انقر على الزر الأزرق', 'Click the %s button')).toMatchObject({ unplaced: ['%s'] });
    expect(completePrintf('افتح القائمة الرئيسية', 'Click %s', 'انقر %s')).toMatchObject({ unplaced: ['%s'] });
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
  it('1.2: writes the source’s text in its place, or leaves it out where the source has a code, one point off', async () => {
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
      '<trans-unit id="s1"><source>انقر على الزر الأزرق لحفظ الملف</source><target state="needs-review-translation" state-qualifier="fuzzy-match">Click the الأزرق button to save the file</target>' +
        '<alt-trans match-quality="70" origin="mizan"><source>انقر على الزر لفتح الملف</source><target>Click the button to open the file</target></alt-trans></trans-unit>',
    );
    // The source has its `<x/>` where the TM has `%s`: nothing of its text is there, and the code is kept.
    expect(output).toContain(
      '<alt-trans match-quality="80" origin="mizan"><source>انقر على الزر %s لحفظ الملف</source><target>Click the button to save the file<x id="1"/></target></alt-trans>',
    );
    expect(report.segments[0]).toMatchObject({
      status: 'placeables',
      score: 82,
      tmScore: 83,
      repaired: { codes: [], printf: ['%s→الأزرق'] },
    });
  });

  it('2.x: the same in the target and its mtc:match', async () => {
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
      '<mtc:match ref="#s1" type="tm" similarity="82" origin="mizan"><source>انقر على الزر %s لحفظ الملف</source><target>Click the الأزرق button to save the file</target></mtc:match>',
    );
    expect(output).toContain(
      '<segment id="s1" state="initial"><source>انقر على الزر الأزرق لحفظ الملف</source><target>Click the الأزرق button to save the file</target>',
    );
    expect(report.totals).toMatchObject({ placeables: 1, filled: 0 });
  });

  it('writes neither target nor suggestion whose placeholder stands where the source’s text cannot be told', async () => {
    const query = 'افتح القائمة الرئيسية';
    const input = `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="a" source-language="ar" target-language="en" datatype="plaintext">
    <body><trans-unit id="s1"><source>${query}</source></trans-unit></body>
  </file>
</xliff>
`;
    const unplaced = { score: 80, targetText: 'Open %s', sourceText: 'افتح %s الآن', unitId: 'a' };
    const next = { score: 76, targetText: 'Open the main menu', sourceText: 'افتح القائمة الرئيسية هنا', unitId: 'b' };
    const refused = await pretranslateXliffFile(input, memoryTm({ [query]: { en: [unplaced] } }), { min: 50 });
    expect(refused.output).not.toContain('<target');
    expect(refused.output).not.toContain('alt-trans');
    expect(refused.report.segments[0]).toMatchObject({ status: 'unmappable', matchUnitId: 'a', alternatives: 0 });
    const fallback = await pretranslateXliffFile(input, memoryTm({ [query]: { en: [unplaced, next] } }), { min: 50 });
    expect(fallback.output).toContain('>Open the main menu</target>');
    expect(fallback.output).not.toContain('Open %s');
    expect(fallback.report.segments[0]).toMatchObject({ status: 'filled', matchUnitId: 'b', alternatives: 0 });
  });
});
