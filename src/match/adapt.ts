/**
 * Number adaptation: when a match differs from the query only in numbers, its targets are returned with the
 * numbers replaced. Each target is searched for the old number in any digit system (Western, Arabic-Indic,
 * Extended Arabic-Indic, full-width), as a whole number: as the source wrote it, else by value with other thousands
 * grouping (3,000 or ٣٬٠٠٠ for the source's 3000, and the reverse; the new number is then grouped, or not, as the
 * target's was, with its decimal mark); a Chinese target that has it in no digit system is searched
 * for it in Chinese numerals (十五, 二十三, 三千, 一百零五, 二〇二三, 2万, 3.5万: chinese-numerals.ts says which runs
 * are read, narrowly, since numeral characters are everywhere in Chinese words). The new number is written
 *   - in English: with Western digits;
 *   - in Chinese: as the query wrote it (Western or full-width digits; Arabic-Indic become Western), or in the
 *     numerals' own style when the old one was in numerals (十五 → 十六, 2万 → 3万; digits when that style cannot
 *     write it: a fraction in numerals, 12345 as 万);
 *   - in Arabic: in the digit system the Arabic target used for the old number.
 * Digits right after Latin letters (G20, COVID-19) are part of a name, and so is a numeral before 国集团 (二十国集团).
 * Each target is adapted on its own: one that does not contain every old number (spelled out, written otherwise),
 * or where two old numbers claim the same digits, is left as stored and said to be (`adapted[lang]` false), while
 * the others are adapted. Such a target does not fit the query, so the match is worth only its fuzzy score for it
 * (`unadaptedScore`: the numbers replaced count as words replaced, without the number bonus of score.ts). If an old
 * number maps to two different new ones, or the query changes it in one place and keeps it in another, no target is
 * adapted.
 */
import type { Lang } from '../types';
import { type ChineseNumber, findChineseNumbers, writeChinese } from './chinese-numerals';
import { COST_EDIT } from './levenshtein';
import type { PreparedQuery } from './query';
import { fuzzyScore } from './score';
import type { Vocabulary } from './vocabulary';

const DIGIT_SETS = {
  western: '0123456789',
  arabicIndic: '٠١٢٣٤٥٦٧٨٩',
  extended: '۰۱۲۳۴۵۶۷۸۹',
  fullWidth: '０１２３４５６７８９',
} as const;
type DigitSet = keyof typeof DIGIT_SETS;

function digitSetOf(text: string): DigitSet {
  for (const [name, digits] of Object.entries(DIGIT_SETS) as [DigitSet, string][]) {
    if ([...text].some((ch) => digits.includes(ch))) return name;
  }
  return 'western';
}

/**
 * Writes a folded number ("2023", "3.5") in a digit system; Arabic systems use ٫ and ٬ as separators. With
 * `digitsOnly`, digits of any system are rewritten and every other character is kept.
 */
function render(folded: string, set: DigitSet, digitsOnly = false): string {
  const digits = [...DIGIT_SETS[set]];
  const arabic = set === 'arabicIndic' || set === 'extended';
  return [...folded]
    .map((ch) =>
      ch >= '0' && ch <= '9'
        ? digits[Number(ch)]!
        : digitsOnly
          ? digitValue(ch) === undefined
            ? ch
            : digits[digitValue(ch)!]!
          : arabic
            ? ch === '.'
              ? '٫'
              : '٬'
            : ch === '.' || ch === ','
              ? set === 'fullWidth'
                ? String.fromCharCode(ch.charCodeAt(0) + 0xfee0)
                : ch
              : ch,
    )
    .join('');
}

/** The value of a digit of any of the systems, or undefined. */
function digitValue(ch: string): number | undefined {
  for (const d of Object.values(DIGIT_SETS)) {
    const at = d.indexOf(ch);
    if (at >= 0) return at;
  }
  return undefined;
}

/** Digits right after Latin letters (G20, A4, COVID-19, F-16) belong to a name or a code, not a number. */
const LATIN_BEFORE = '[A-Za-z]-?';

/** A regex source matching the folded number in any digit system, as a whole number (not inside a name, G20). */
function anySystem(folded: string): RegExp {
  const body = [...folded]
    .map((ch) => {
      if (ch >= '0' && ch <= '9')
        return `[${Object.values(DIGIT_SETS)
          .map((d) => [...d][Number(ch)])
          .join('')}]`;
      return ch === '.' ? '[.٫．]' : '[,٬，]';
    })
    .join('');
  return new RegExp(`(?<![\\p{Nd}.,٫٬]|${LATIN_BEFORE})${body}(?![\\p{Nd}]|[.,٫٬]\\p{Nd})`, 'gu');
}

export interface Adaptation {
  /** Every target given: with the query's numbers where it was adapted, as stored where it was not. */
  targets: Partial<Record<Lang, string>>;
  /** Per target with text: true if it carries the query's numbers, false if it keeps the stored ones. */
  adapted: Partial<Record<Lang, boolean>>;
  /** old → new, folded (Western digits). */
  replaced: { from: string; to: string }[];
  /** What the match scores for a target left as stored: its fuzzy score (k of n tokens replaced), no bonus. */
  unadaptedScore: number;
}

/**
 * Adapts each target of a number-only match that can be adapted faithfully and says which were (see the header).
 * `sourceIds` are the matched unit's token ids in the query language.
 */
export function adaptNumbers(
  query: PreparedQuery,
  sourceIds: Int32Array,
  targets: Partial<Record<Lang, string>>,
  vocabulary: Vocabulary,
): Adaptation {
  const pairs = new Map<string, string>();
  const typed = new Map<string, string>();
  let consistent = true;
  let k = 0;
  for (let i = 0; i < query.n; i++) {
    if (query.ids[i] === sourceIds[i]) continue;
    k++;
    const from = vocabulary.token(sourceIds[i]!);
    const to = query.tokens[i]!;
    if (pairs.has(from) && pairs.get(from) !== to) consistent = false;
    pairs.set(from, to);
    typed.set(to, query.text.slice(query.from[i]!, query.to[i]!));
  }
  // An old number the query changes in one place and keeps in another cannot be told apart in a target.
  for (let i = 0; i < query.n; i++)
    if (query.ids[i] === sourceIds[i] && pairs.has(vocabulary.token(sourceIds[i]!))) consistent = false;
  const out: Partial<Record<Lang, string>> = {};
  const adapted: Partial<Record<Lang, boolean>> = {};
  for (const [lang, text] of Object.entries(targets) as [Lang, string][]) {
    const done = text && consistent && pairs.size > 0 ? adaptTarget(text, lang, pairs, typed) : undefined;
    out[lang] = done ?? text;
    if (text) adapted[lang] = done !== undefined;
  }
  return {
    targets: out,
    adapted,
    replaced: [...pairs].map(([from, to]) => ({ from, to })),
    unadaptedScore: fuzzyScore(COST_EDIT * k, query.n, query.n),
  };
}

interface Edit {
  start: number;
  end: number;
  to: string;
}

/** One target with every old number replaced, or undefined when one of them is not found in it. */
function adaptTarget(
  text: string,
  lang: Lang,
  pairs: Map<string, string>,
  typed: Map<string, string>,
): string | undefined {
  // Every old number is found in the stored text first and all are replaced in one pass, so that swapped
  // numbers (26 ↔ 2023) do not overwrite each other.
  const edits: Edit[] = [];
  let numerals: ChineseNumber[] | undefined;
  for (const [from, to] of pairs) {
    const before = edits.length;
    for (const m of text.matchAll(anySystem(from))) {
      edits.push({ start: m.index, end: m.index + m[0].length, to: rewrite(m[0], to, lang, typed) });
    }
    if (edits.length === before) edits.push(...byValue(text, from, to, lang, typed));
    if (edits.length === before && lang === 'zh') {
      // Not in digits: in Chinese numerals (十五, 三千, 2万), written back in their style.
      const value = plainValue(from);
      numerals ??= findChineseNumbers(text);
      for (const n of numerals) {
        if (value === undefined || n.value !== value) continue;
        const written = writeChinese(plainValue(to) ?? to, n) ?? zhDigits(to, typed);
        edits.push({ start: n.start, end: n.end, to: written });
      }
    }
    if (edits.length === before) return undefined;
  }
  edits.sort((a, b) => a.start - b.start);
  let adapted = '';
  let at = 0;
  for (const e of edits) {
    if (e.start < at) return undefined; // two old numbers claim the same digits
    adapted += text.slice(at, e.start) + e.to;
    at = e.end;
  }
  return adapted + text.slice(at);
}

/** A number in digits of any system with its separators, as a whole: 3,000 · ٣٬٠٠٠ · 3.5 · ３，０００. */
const DIGIT_RUN = /(?<![\p{Nd}.,٫٬，．]|[A-Za-z]-?)[0-9٠-٩۰-۹０-９]+(?:[.,٫٬，．][0-9٠-٩۰-۹０-９]+)*(?!\p{Nd})/gu;
const GROUPED = /^\d{1,3}([,٬，])\d{3}(?:\1\d{3})*(?:([.٫．])\d+)?$/;
const PLAIN = /^\d+(?:([.٫．])\d+)?$/;

/**
 * The old number written with other grouping than the matched source (3,000 in the target for the source's 3000,
 * or the reverse): found by value, and the new one written with the target's grouping, decimal mark and digits.
 */
function byValue(text: string, from: string, to: string, lang: Lang, typed: Map<string, string>): Edit[] {
  const value = plainValue(from);
  const next = plainValue(to);
  if (value === undefined || next === undefined) return [];
  const edits: Edit[] = [];
  for (const m of text.matchAll(DIGIT_RUN)) {
    const western = render(m[0], 'western', true);
    const grouped = GROUPED.exec(western);
    const plain = grouped ? undefined : PLAIN.exec(western);
    if (!grouped && !plain) continue;
    const decimal = grouped ? grouped[2] : plain![1];
    if (western.replace(/[,٬，]/g, '').replace(/[.٫．]/, '.') !== value) continue;
    const set = lang === 'en' ? 'western' : lang === 'ar' ? digitSetOf(m[0]) : digitSetOf(zhDigits(to, typed));
    const [whole, fraction] = next.split('.') as [string, string?];
    const int = grouped ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, grouped[1]!) : whole;
    const mark = decimal ?? (set === 'arabicIndic' || set === 'extended' ? '٫' : '.');
    edits.push({
      start: m.index,
      end: m.index + m[0].length,
      to: render(int + (fraction ? mark + fraction : ''), set, true),
    });
  }
  return edits;
}

/**
 * A folded number as a plain decimal string ("3,000" → "3000"), or undefined when its commas do not group
 * thousands.
 */
function plainValue(folded: string): string | undefined {
  if (!folded.includes(',')) return folded;
  return /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(folded) ? folded.replaceAll(',', '') : undefined;
}

/** The new number as the target language writes it (see the header). */
function rewrite(old: string, to: string, lang: Lang, typed: Map<string, string>): string {
  if (lang === 'en') return to;
  if (lang === 'ar') return render(to, digitSetOf(old));
  return zhDigits(to, typed);
}

/** The new number in a Chinese target: as the query typed it in Western or full-width digits, else Western. */
function zhDigits(to: string, typed: Map<string, string>): string {
  const asTyped = typed.get(to) ?? to;
  const set = digitSetOf(asTyped);
  return set === 'western' || set === 'fullWidth' ? asTyped : to;
}
