/**
 * Months, which Chinese writes as a number (9月, 九月) and English and Arabic as a name ("September", «سبتمبر»,
 * «أيلول»): each is read as one anchor, `m9`, so that a date agrees across the three instead of a Chinese 9 that the
 * others lack (a number on one side only, which anchors.ts charges and settle.ts flags as `split-numbers`). Words that
 * are also something else count only beside a number: "May" (may), «مارس» (he practised), «آب»/«أب» (father),
 * «نيسان» (a carmaker).
 */
import { foldAlef, foldYaAndTaMarbuta, stripTashkeel } from '../normalize';
import type { Lang } from '../types';

export interface Months {
  /** One key per month named: `m1` … `m12`. */
  keys: string[];
  /** The digits of Chinese months (the 9 of 9月), which anchors.ts reads as numbers and must not count twice. */
  digits: string[];
}

const EN = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const EN_NAME = /\b(January|February|March|April|May|June|July|August|September|October|November|December)\b/g;
const EN_SHORT = /\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\./g;

/** Arabic month names, folded (alef, ya, ta marbuta), with their numbers; the Levantine names too. */
const AR: [string, number][] = [
  ['يناير', 1],
  ['فبراير', 2],
  ['مارس', 3],
  ['ابريل', 4],
  ['مايو', 5],
  ['يونيو', 6],
  ['يونيه', 6],
  ['يوليو', 7],
  ['يوليه', 7],
  ['اغسطس', 8],
  ['سبتمبر', 9],
  ['اكتوبر', 10],
  ['نوفمبر', 11],
  ['ديسمبر', 12],
  ['كانون الثاني', 1],
  ['شباط', 2],
  ['اذار', 3],
  ['نيسان', 4],
  ['ايار', 5],
  ['حزيران', 6],
  ['تموز', 7],
  ['اب', 8],
  ['ايلول', 9],
  ['تشرين الاول', 10],
  ['تشرين الثاني', 11],
  ['كانون الاول', 12],
];
const AR_AMBIGUOUS = new Set(['مارس', 'اب', 'نيسان']);
const AR_MONTH = new RegExp(
  `(?<![\\u0621-\\u064A])[وبلف]?(${AR.map(([n]) => n)
    .sort((a, b) => b.length - a.length)
    .join('|')})(?![\\u0621-\\u064A])`,
  'g',
);
const AR_NUMBER = new Map(AR);

const ZH_NUMERAL: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
const ZH_MONTH = /(?<![0-9０-９一二三四五六七八九十])([0-9０-９]{1,2}|十[一二]?|[一二三四五六七八九])月(?![球光亮饼])/g;

/** A number within a few characters before or after [from, to). */
const nearNumber = (text: string, from: number, to: number) =>
  /\p{Nd}/u.test(text.slice(Math.max(0, from - 6), from)) || /\p{Nd}/u.test(text.slice(to, to + 6));

function chinese(text: string): Months {
  const out: Months = { keys: [], digits: [] };
  for (const m of text.matchAll(ZH_MONTH)) {
    const raw = m[1]!;
    const digits = raw.replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10));
    const n = /^\d+$/.test(digits)
      ? Number(digits)
      : raw.length === 1
        ? ZH_NUMERAL[raw]!
        : 10 + (ZH_NUMERAL[raw[1]!] ?? 0);
    if (n < 1 || n > 12) continue;
    out.keys.push(`m${n}`);
    if (/^\d+$/.test(digits)) out.digits.push(String(Number(digits)));
  }
  return out;
}

export function monthsOf(sentence: string, lang: Lang): Months {
  if (lang === 'zh') return chinese(sentence);
  const keys: string[] = [];
  if (lang === 'en') {
    for (const m of sentence.matchAll(EN_NAME)) {
      const n = EN.indexOf(m[1]!.toLowerCase()) + 1;
      if (n === 5 && !nearNumber(sentence, m.index, m.index + 3)) continue;
      keys.push(`m${n}`);
    }
    for (const m of sentence.matchAll(EN_SHORT)) {
      const short = m[1]!.toLowerCase().slice(0, 3);
      keys.push(`m${EN.findIndex((name) => name.startsWith(short)) + 1}`);
    }
    return { keys, digits: [] };
  }
  // nearNumber's \p{Nd} reads Arabic-Indic digits as they are: no digit folding here.
  const text = foldYaAndTaMarbuta(foldAlef(stripTashkeel(sentence)));
  for (const m of text.matchAll(AR_MONTH)) {
    const name = m[1]!;
    if (AR_AMBIGUOUS.has(name) && !nearNumber(text, m.index, m.index + m[0].length)) continue;
    keys.push(`m${AR_NUMBER.get(name)!}`);
  }
  return { keys, digits: [] };
}
