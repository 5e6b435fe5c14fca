/**
 * Numbers written in words, as values: a number in digits on one side of a translation is often spelled out on the
 * other («ألف مريض» / "1,000 patients" / 一千多名患者), or written as digits and a scale word that the other side
 * scales differently ("3 billion" / 30亿 / «ثلاثة مليارات»). Each language's reader turns a run of number words, or a
 * number in digits and the scale words after it, into its value as a decimal string, the form anchors.ts gives
 * numbers in digits. Only words that name a number and little else count: "one", «واحد» and a lone 一 (also "a",
 * "the same", "unified") are left out, and vague plurals ("thousands", «آلاف», 数千) give nothing.
 */
import { foldAlef, foldArabicDigits, foldYaAndTaMarbuta, stripTashkeel } from '../normalize';
import type { Lang } from '../types';

/** What a sentence says in number words. */
export interface SpelledNumbers {
  /** Values of numbers written in words only ("a thousand", «ألف», 一千 → "1000"). */
  spelled: string[];
  /**
   * Numbers in digits followed by a scale word ("3 billion", «41 مليار», 30亿): the digits as anchors.ts reads them
   * (ASCII, separators dropped) and the value they stand for, which replaces them as an anchor.
   */
  scaled: [digits: string, value: string][];
}

/** ASCII digits as anchors.ts gives them: separators dropped. */
const bareDigits = (s: string) => s.replace(/[.,:]/g, '');

/** A reader's state over one run of number words. */
class Run {
  total = 0;
  current = 0;
  words = false;
  /** The digits the run started with ("3" of "3 million"). */
  digits?: string;
  readonly out: SpelledNumbers = { spelled: [], scaled: [] };

  flush(): void {
    const value = this.total + this.current;
    if (this.words && value > 0 && Number.isInteger(value)) {
      if (this.digits) this.out.scaled.push([this.digits, String(value)]);
      else this.out.spelled.push(String(value));
    }
    this.total = this.current = 0;
    this.words = false;
    this.digits = undefined;
  }

  /** A run starting with a number in digits (a scale word follows it). */
  startDigits(token: string, value: number): void {
    this.flush();
    this.current = value;
    this.digits = bareDigits(token);
  }

  /** `current` × scale added to the total ("three hundred thousand": 300 × 1000). */
  scale(by: number): void {
    this.total += (this.current || 1) * by;
    this.current = 0;
    this.words = true;
  }
}

const EN_SMALL: Record<string, number> = {};
[
  'two three four five six seven eight nine ten',
  'eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen',
]
  .join(' ')
  .split(' ')
  .forEach((w, k) => (EN_SMALL[w] = k + 2));
'twenty thirty forty fifty sixty seventy eighty ninety'.split(' ').forEach((w, k) => (EN_SMALL[w] = (k + 2) * 10));
const EN_SCALE: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };
const EN_HINT =
  /\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|\w+ty|hundred|thousand|[mbtr]+illion)\b/i;

function english(sentence: string): SpelledNumbers {
  const tokens = sentence.toLowerCase().match(/[a-z]+|\d+(?:[.,]\d+)*/g) ?? [];
  const run = new Run();
  tokens.forEach((t, k) => {
    const next = tokens[k + 1] ?? '';
    const before = next === 'hundred' || EN_SCALE[next] !== undefined;
    if (EN_SMALL[t] !== undefined) {
      run.current += EN_SMALL[t];
      run.words = true;
    } else if (t === 'hundred') {
      run.current = (run.current || 1) * 100;
      run.words = true;
    } else if (EN_SCALE[t] !== undefined) run.scale(EN_SCALE[t]);
    else if ((t === 'a' || t === 'one') && before && run.current === 0) run.current = 1;
    else if (/^\d/.test(t) && before) {
      run.startDigits(t, Number(t.replace(/,/g, '')));
    } else if (!(t === 'and' && run.current + run.total > 0)) run.flush();
  });
  run.flush();
  return run.out;
}

/** Arabic number words, as the folds in `arabic` leave them: their values. */
const AR_WORDS = new Map<string, number>();
const arWords = (value: number, ...forms: string[]) => forms.forEach((f) => AR_WORDS.set(f, value));
arWords(2, 'اثنان', 'اثنين', 'اثنتان', 'اثنتين', 'اثنا', 'اثني', 'اثنتا', 'اثنتي');
[
  ['ثلاث', 'ثلاثه'],
  ['اربع', 'اربعه'],
  ['خمس', 'خمسه'],
  ['ست', 'سته'],
  ['سبع', 'سبعه'],
  ['ثمان', 'ثماني', 'ثمانيه'],
  ['تسع', 'تسعه'],
].forEach((forms, k) => arWords(k + 3, ...forms));
arWords(10, 'عشر', 'عشره');
['عشر', 'ثلاث', 'اربع', 'خمس', 'ست', 'سبع', 'ثمان', 'تسع'].forEach((stem, k) =>
  arWords((k + 2) * 10, `${stem}ون`, `${stem}ين`),
);
arWords(100, 'مائه', 'مئه');
arWords(200, 'مائتان', 'مائتين', 'مئتان', 'مئتين', 'مائتا', 'مئتا', 'مائتي', 'مئتي');
(
  [
    ['ثلاث', 3],
    ['اربع', 4],
    ['خمس', 5],
    ['ست', 6],
    ['سبع', 7],
    ['ثمان', 8],
    ['ثماني', 8],
    ['تسع', 9],
  ] as const
).forEach(([stem, value]) => arWords(value * 100, `${stem}مائه`, `${stem}مئه`));
arWords(11, 'احدعشر'); // «أحد عشر», «إحدى عشرة», joined before reading (see arabic)
arWords(2e3, 'الفان', 'الفين', 'الفي');
arWords(2e6, 'مليونان', 'مليونين', 'مليوني');
arWords(2e9, 'ملياران', 'مليارين', 'ملياري');
/** Scales: singular (× what precedes, or 1; «ألفًا» after 11–99) and plural (× what precedes; alone, no number). */
const AR_SCALE = new Map<string, number>([
  ['الف', 1e3],
  ['الفا', 1e3],
  ['مليون', 1e6],
  ['مليونا', 1e6],
  ['مليار', 1e9],
  ['مليارا', 1e9],
  ['بليون', 1e9],
  ['تريليون', 1e12],
]);
const AR_PLURAL = new Map<string, number>([
  ['الاف', 1e3],
  ['ملايين', 1e6],
  ['مليارات', 1e9],
]);
const AR_HINT = /(?:اثن|إثن|ثلاث|أربع|اربع|خمس|ست|سبع|ثمان|تسع|عشر|مائ|مئ|ألف|الف|آلاف|ملي|ملاي|بليون|تريليون)/;

interface ArabicWord {
  value?: number;
  scale?: number;
  plural?: number;
  /** Written with «و» before it: "and", which joins it to the number before. */
  and: boolean;
}

/** The word's number value or scale, looked up as it is and with its clitics taken off (و/ف, ب/ل/ك, ال). */
function arabicWord(word: string): ArabicWord | undefined {
  const tries: [string, boolean][] = [[word, false]];
  let w = word;
  let and = false;
  if (/^[وف]/.test(w) && w.length > 2) tries.push([(w = w.slice(1)), (and = true)]);
  if (w.startsWith('لل') && w.length > 3) tries.push([(w = w.slice(2)), and]);
  else if (/^[بلك]/.test(w) && w.length > 2 && w !== 'لست') tries.push([(w = w.slice(1)), and]); // «لستُ» "I am not"
  // «الاثنين» is Monday (or "the two"), not a count.
  if (w.startsWith('ال') && w.length > 3 && !/^ال(?:اثنين|اثنان)$/.test(w)) tries.push([w.slice(2), and]);
  for (const [t, a] of tries) {
    const value = AR_WORDS.get(t);
    const scale = AR_SCALE.get(t);
    const plural = AR_PLURAL.get(t);
    if (value !== undefined || scale !== undefined || plural !== undefined) return { value, scale, plural, and: a };
  }
  return undefined;
}

function arabic(sentence: string): SpelledNumbers {
  // The TM's own folds (tashkeel and tatweel dropped, alef and ya/ta marbuta forms, Arabic-Indic digits).
  const text = foldArabicDigits(foldYaAndTaMarbuta(foldAlef(stripTashkeel(sentence)))).replace(
    /(^|[^\u0621-\u064a])[وف]?احدي? عشره?(?![\u0621-\u064a])/g,
    '$1احدعشر',
  );
  const tokens = text.match(/[\u0621-\u064a]+|\d+(?:[.,]\d+)*/g) ?? [];
  const run = new Run();
  tokens.forEach((t, k) => {
    if (/^\d/.test(t)) {
      run.flush();
      const next = arabicWord(tokens[k + 1] ?? '');
      if (next?.scale !== undefined || next?.plural !== undefined) run.startDigits(t, Number(t.replace(/,/g, '')));
      return;
    }
    const w = arabicWord(t);
    if (!w) return run.flush();
    if (w.value !== undefined) {
      // «ثلاثة عشر» 13, «خمسة وعشرون» 25, «ثلاثة آلاف وخمسمائة» 3500; a number word with no «و» starts anew.
      if (w.value === 10 && !w.and && run.current > 0 && run.current < 10) run.current += 10;
      else if (w.and && run.words && run.current + run.total > 0) run.current += w.value;
      else {
        run.flush();
        run.current = w.value;
      }
      run.words = true;
    } else if (w.scale !== undefined) run.scale(w.scale);
    else if (run.current > 0) run.scale(w.plural!);
    else run.flush();
  });
  run.flush();
  return run.out;
}

const ZH_DIGIT: Record<string, number> = {
  零: 0,
  〇: 0,
  两: 2,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const ZH_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
/** A run of numerals, after digits or not (300万, 1.5亿); «百分之» (per cent) before it is not part of the number. */
const ZH_RUN = /(?:百分之)?([0-9]+(?:\.[0-9]+)?)?([零〇一二两三四五六七八九十百千万亿]+)/g;

function chineseValue(prefix: string | undefined, chars: string): number | undefined {
  // 一亿五千万: the 亿 part, the 万 part, then what is left (thousands and below).
  let yi = 0;
  let wan = 0;
  let section = 0;
  let number = prefix ? Number(prefix) : 0;
  for (const ch of chars) {
    if (ZH_DIGIT[ch] !== undefined) number = ZH_DIGIT[ch];
    else if (ZH_UNIT[ch] !== undefined) {
      section += (number || 1) * ZH_UNIT[ch];
      number = 0;
    } else if (ch === '亿') {
      yi = (yi + wan + section + number) * 1e8;
      wan = section = number = 0;
    } else {
      wan = (wan + section + number) * 1e4;
      section = number = 0;
    }
  }
  const value = yi + wan + section + number;
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

function chinese(sentence: string): SpelledNumbers {
  const out: SpelledNumbers = { spelled: [], scaled: [] };
  const text = sentence.replace(/百分之(?=[0-9])/g, '');
  for (const m of text.matchAll(ZH_RUN)) {
    const digits = m[1];
    const chars = m[2]!;
    // A lone 一 (一些, 统一, 一起), 万一 ("in case") and 十分 ("very") are not numbers; digits alone are
    // anchors.ts' own.
    if (
      !digits &&
      (chars === '一' || /^[万亿]/.test(chars) || (chars === '十' && text[m.index + m[0].length] === '分'))
    )
      continue;
    const value = chineseValue(digits, chars);
    if (value === undefined) continue;
    if (digits) out.scaled.push([bareDigits(digits), String(value)]);
    else out.spelled.push(String(value));
  }
  return out;
}

const NONE: SpelledNumbers = { spelled: [], scaled: [] };

/** The numbers a sentence writes in words, alone or after digits. */
export function spelledNumbers(sentence: string, lang: Lang): SpelledNumbers {
  if (lang === 'en') return EN_HINT.test(sentence) ? english(sentence) : NONE;
  if (lang === 'ar') return AR_HINT.test(sentence) ? arabic(sentence) : NONE;
  return /[二两三四五六七八九十百千万亿]|一[十百千万亿]/.test(sentence) ? chinese(sentence) : NONE;
}
