import { analyzeXliff, countText, formatAnalysis, parseXliff } from '../../src/formats';
import { P, memoryTm } from '../helpers/xliff-fixtures';

const xliff20 = (srcLang: string, sources: string[]) => `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="${srcLang}" trgLang="en">
  <file id="f">
${sources.map((s, i) => `    <unit id="${i + 1}"><segment><source>${s}</source></segment></unit>`).join('\n')}
  </file>
</xliff>`;

const SOURCES = [
  'مرحبا بكم في الموقع', // 101
  'تم حفظ الملف', // 100
  'وزير الخارجية يزور القاهرة', // 97
  'أعلنت الصين عن خطة جديدة', // 90
  'الطقس جميل اليوم', // 80
  'ذهبت إلى السوق', // 60
  'كلمة جديدة تماما', // nothing
  'تم حفظ الملف', // a repetition of the second
  '<ph id="1"/>', // no text: not counted
  'اضغط <ph id="2"/> هنا', // nothing; the code is not a word
];

const tm = () =>
  memoryTm({
    'مرحبا بكم في الموقع': { en: [{ score: 101, targetText: 'Welcome', unitId: 'a' }] },
    'تم حفظ الملف': { en: [{ score: 100, targetText: 'Saved', unitId: 'b' }] },
    'وزير الخارجية يزور القاهرة': { en: [{ score: 97, targetText: 'FM visits Cairo', unitId: 'c' }] },
    'أعلنت الصين عن خطة جديدة': { en: [{ score: 90, targetText: 'China announced', unitId: 'd' }] },
    'الطقس جميل اليوم': { en: [{ score: 80, targetText: 'Nice weather', unitId: 'e' }] },
    'ذهبت إلى السوق': { en: [{ score: 60, targetText: 'I went', unitId: 'f' }] },
  });

describe('analyzing an XLIFF file against a TM', () => {
  it('counts segments, words and characters per band, repetitions apart', async () => {
    const analysis = await analyzeXliff(parseXliff(xliff20('ar', SOURCES)), tm());
    expect(analysis.rows.map((r) => [r.band, r.segments, r.words, r.characters])).toEqual([
      ['repetition', 1, 3, 10],
      ['101', 1, 4, 16],
      ['100', 1, 3, 10],
      ['95-99', 1, 4, 23],
      ['85-94', 1, 5, 20],
      ['75-84', 1, 3, 14],
      ['50-74', 1, 3, 12],
      ['no-match', 2, 5, 21],
    ]);
    expect(analysis.total).toEqual({ segments: 9, words: 30, characters: 126 });
  });

  it('looks each distinct source up once, at the lowest band, with its neighbours', async () => {
    const lookup = tm();
    await analyzeXliff(parseXliff(xliff20('ar', SOURCES)), lookup);
    expect(lookup.calls).toHaveLength(8);
    expect(lookup.calls.filter((c) => c.text === 'تم حفظ الملف')).toHaveLength(1);
    expect(lookup.calls[1]!.context).toEqual({
      tgt: 'en',
      min: 50,
      limit: 4, // as many as pretranslation looks at: the band is the score of the candidate it writes
      prev: 'مرحبا بكم في الموقع',
      next: 'وزير الخارجية يزور القاهرة',
    });
  });

  it('counts Chinese words as characters, never punctuation or inline codes', async () => {
    expect(countText(`中国${P(0)}宣布了新计划${P(1)}。`)).toEqual({ words: 8, characters: 9 });
    expect(countText(`Click ${P(0)}here${P(1)}, 3.5 times`)).toEqual({ words: 4, characters: 18 });
    const analysis = await analyzeXliff(parseXliff(xliff20('zh-CN', ['中国宣布了新计划。'])), memoryTm({}));
    expect(analysis).toMatchObject({ src: 'zh', tgt: 'en', total: { segments: 1, words: 8 } });
  });

  it('prints a fixed-width table', async () => {
    const analysis = await analyzeXliff(parseXliff(xliff20('ar', SOURCES)), tm());
    const lines = formatAnalysis(analysis).trimEnd().split('\n');
    expect(lines[0]).toBe('Analysis ar -> en');
    expect(lines[1]).toBe('Band          Segments     Words  Characters  Words %');
    expect(lines[4]).toBe('101%                 1         4          16     13.3');
    expect(lines[lines.length - 1]).toBe('Total                9        30         126    100.0');
    expect(new Set(lines.slice(1).map((l) => l.length)).size).toBe(1);
  });
});

describe('the neighbours a lookup carries', () => {
  it('are taken within the segment’s <file>: none across a <file> boundary, 1.2 and 2.x alike', async () => {
    const v12 = `<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="a" source-language="ar" target-language="en" datatype="plaintext"><body>
    <trans-unit id="1"><source>أ</source></trans-unit><trans-unit id="2"><source>ب</source></trans-unit>
  </body></file>
  <file original="b" source-language="ar" target-language="en" datatype="plaintext"><body>
    <trans-unit id="3"><source>ج</source></trans-unit>
  </body></file>
</xliff>`;
    const v20 = `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar" trgLang="en">
  <file id="a"><unit id="1"><segment><source>أ</source></segment></unit>
    <unit id="2"><segment><source>ب</source></segment></unit></file>
  <file id="b"><unit id="3"><segment><source>ج</source></segment></unit></file>
</xliff>`;
    for (const text of [v12, v20]) {
      const lookup = memoryTm({});
      await analyzeXliff(parseXliff(text), lookup);
      expect(lookup.calls.map((call) => [call.context.prev, call.text, call.context.next])).toEqual([
        ['', 'أ', 'ب'],
        ['أ', 'ب', ''],
        ['', 'ج', ''],
      ]);
    }
  });
});
