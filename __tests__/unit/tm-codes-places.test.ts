/**
 * places.ts: what one text holds at the places of another (a TM code or placeholder the query lacks, or the
 * reverse), by the alignment of their tokens — the one mechanism behind tm-codes.ts, xliff-printf.ts and
 * number-slots.ts.
 */
import { MAX_ALIGN_CELLS, placesIn } from '../../src/formats';
import { P } from '../helpers/xliff-fixtures';

/** What `other` holds at each of `marks` in `text` (as found with indexOf, in order): a string, or null. */
function at(text: string, other: string, ...marks: string[]): (string | null)[] {
  return atPlaces(text, other, marks, false);
}

/** The same, words replaced one for one next to a place read too (number-slots.ts asks for it). */
function oneForOne(text: string, other: string, ...marks: string[]): (string | null)[] {
  return atPlaces(text, other, marks, true);
}

function atPlaces(text: string, other: string, marks: string[], oneForOne: boolean): (string | null)[] {
  let from = 0;
  const places = marks.map((mark) => {
    const i = text.indexOf(mark, from);
    from = i + mark.length;
    return { at: i, end: i + mark.length };
  });
  // As the callers do: the placeholders are blanked out (as spaces), so that none is read as a word.
  const blank = (t: string) => t.replace(/%s|%d|\{\w+\}/g, (p) => ' '.repeat(p.length));
  const spans = placesIn(blank(text), blank(other), places, { oneForOne });
  return spans.map((span) => (span ? other.slice(span.at, span.end) : null));
}

describe('placesIn: what the other text holds at a place', () => {
  it('finds the text at a place at the start, in the middle and at the end', () => {
    expect(at('%s محفوظ الآن', 'الملف محفوظ الآن', '%s')).toEqual(['الملف']);
    expect(at('انقر على %s لحفظ الملف', 'انقر على الزر الأزرق لحفظ الملف', '%s')).toEqual(['الزر الأزرق']);
    expect(at('انقر %s', 'انقر الزر', '%s')).toEqual(['الزر']);
    expect(at(`Open the ${P(0)} file`, 'Open the README file', P(0))).toEqual(['README']);
  });

  it('finds nothing, less the punctuation around the place, where the other text has nothing', () => {
    expect(at('تم الحفظ %s.', 'تم الحفظ.', '%s')).toEqual(['']);
    expect(at('Hello %s, welcome', 'Hello; welcome', '%s')).toEqual(['']);
    expect(at('أهلا %s، مرحبا', 'أهلا أحمد، مرحبا', '%s')).toEqual(['أحمد']);
  });

  it('tells nothing where repeated words let the place be at two places, and tells it where they do not', () => {
    // «الملف» of the TM's source may be the query's first or its second.
    expect(at('احذف %s الملف', 'احذف الملف الملف', '%s')).toEqual([null]);
    expect(at('احفظ %s في %s', 'احفظ الملف في المجلد في الحاسوب', '%s', '%s')).toEqual([null, null]);
    expect(at('الملف %s الملف', 'الملف الجديد الملف', '%s')).toEqual(['الجديد']);
    expect(at('من %s إلى %s', 'من القاهرة إلى الإسكندرية', '%s', '%s')).toEqual(['القاهرة', 'الإسكندرية']);
  });

  it('reads Arabic with clitics: a proclitic glued to the place must be in the other text too', () => {
    expect(at('اتصل ب%s الآن', 'اتصل بأحمد الآن', '%s')).toEqual(['أحمد']);
    expect(at('اتصل ب%s الآن', 'اتصل لأحمد الآن', '%s')).toEqual([null]);
    // A clitic on the word found is part of it; on a neighbouring word, that word has no partner.
    expect(at('انقر %s للمتابعة', 'انقر وبالزر للمتابعة', '%s')).toEqual(['وبالزر']);
    expect(at('انقر %s للمتابعة', 'انقر الزر وللمتابعة', '%s')).toEqual([null]);
    expect(oneForOne('انقر %s للمتابعة', 'انقر الزر وللمتابعة', '%s')).toEqual(['الزر']);
  });

  it('reads Chinese without spaces, a character a token', () => {
    expect(at('点击%s按钮', '点击保存按钮', '%s')).toEqual(['保存']);
    expect(at('为期%d天的访问', '为期5天的访问', '%d')).toEqual(['5']);
    expect(at('请点击%s', '请按保存', '%s')).toEqual([null]);
  });

  it('places several placeholders, each by its own neighbours; two in one gap only when nothing is there', () => {
    expect(at('من %d إلى %d يوليو', 'من 3 إلى 9 يوليو', '%d', '%d')).toEqual(['3', '9']);
    expect(at('{a} قال إن {b} وصل', 'أحمد قال إن الوفد وصل', '{a}', '{b}')).toEqual(['أحمد', 'الوفد']);
    expect(at(`A ${P(0)}${P(1)} B`, 'A B', P(0), P(1))).toEqual(['', '']);
    expect(at(`A ${P(0)}${P(1)} B`, 'A text B', P(0), P(1))).toEqual([null, null]);
  });

  it('finds nothing where a neighbour has no partner but the other text has nothing around the place', () => {
    expect(at('تم حفظ %s', 'تم', '%s')).toEqual(['']);
    expect(at('%s و %d', '%s', '%d')).toEqual(['']);
    expect(at(`A ${P(0)}${P(1)} x B`, 'A B', P(0), P(1))).toEqual(['', '']);
  });

  it('reads words replaced one for one next to a place when asked: the noun after a number takes another form', () => {
    expect(oneForOne('وصل %d وزيرا إلى شيان', 'وصل 5 وزراء إلى شيان', '%d')).toEqual(['5']);
    expect(at('وصل %d وزيرا إلى شيان', 'وصل 5 وزراء إلى شيان', '%d')).toEqual([null]);
    // Not when the stretches differ in length, when the place is next to no word that has a partner, in Han text.
    expect(oneForOne('وصل %d وزيرا إلى شيان', 'وصل خمسة من الوزراء إلى شيان', '%d')).toEqual([null]);
    expect(oneForOne('زار الوفد %s الرسمي المدينة', 'زار وفد أمس رسمي المدينة', '%s')).toEqual([null]);
    expect(oneForOne('请点击%s', '请按保存', '%s')).toEqual([null]);
    // Without it, a place that stands for several words is never read as one of them.
    expect(at('افتح %s الآن', 'افتح القائمة الرئيسية', '%s')).toEqual([null]);
  });

  it('tells nothing when nothing aligns, a neighbour has no partner, or the texts are too long to align', () => {
    expect(at('انقر %s', 'افتح الملف', '%s')).toEqual([null]);
    expect(at('شكرا يا صديقي %s على مساعدتك', 'شكرا يا أحمد على مساعدتك', '%s')).toEqual([null]);
    expect(at('تم حفظ الملف %s بنجاح', 'تم الحفظ بنجاح', '%s')).toEqual([null]);
    const words = 'w '.repeat(Math.ceil(Math.sqrt(MAX_ALIGN_CELLS)));
    expect(at(`${words}%s`, `${words}Ahmed`, '%s')).toEqual([null]);
  });

  it('reads numbers alike in every script, thousands separators dropped', () => {
    expect(at('وصل {n} وفدا إلى المؤتمر', 'وصل ١٥ وفدا إلى المؤتمر', '{n}')).toEqual(['١٥']);
    expect(at('بلغ 1,000 %s', 'بلغ 1000 زائر', '%s')).toEqual(['زائر']);
  });
});
