/**
 * Number adaptation: when a match differs from the query only in numbers, its targets are returned with the
 * numbers replaced. Each target is searched for the old number by value, in any digit system (Western, Arabic-Indic,
 * Extended Arabic-Indic, full-width), as a whole number. The new number is written
 *   - in English: with Western digits;
 *   - in Chinese: as the query wrote it (Western or full-width digits; Arabic-Indic become Western);
 *   - in Arabic: in the digit system the Arabic target used for the old number.
 * If an old number maps to two different new ones, or a target does not contain it, nothing is adapted.
 */
import type { Lang } from '../types';
import type { PreparedQuery } from './query';
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

/** Writes a folded number ("2023", "3.5") in a digit system; Arabic systems use ٫ and ٬ as separators. */
function render(folded: string, set: DigitSet): string {
  const digits = [...DIGIT_SETS[set]];
  const arabic = set === 'arabicIndic' || set === 'extended';
  return [...folded]
    .map((ch) =>
      ch >= '0' && ch <= '9'
        ? digits[Number(ch)]!
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

/** A regex source matching the folded number in any digit system, as a whole number. */
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
  return new RegExp(`(?<![\\p{Nd}.,٫٬])${body}(?![\\p{Nd}]|[.,٫٬]\\p{Nd})`, 'gu');
}

export interface Adaptation {
  targets: Partial<Record<Lang, string>>;
  /** old → new, folded (Western digits). */
  replaced: { from: string; to: string }[];
}

/**
 * Adapts the targets of a number-only match, or returns undefined when it cannot be done faithfully.
 * `sourceIds` are the matched unit's token ids in the query language.
 */
export function adaptNumbers(
  query: PreparedQuery,
  sourceIds: Int32Array,
  targets: Partial<Record<Lang, string>>,
  vocabulary: Vocabulary,
): Adaptation | undefined {
  const pairs = new Map<string, string>();
  const typed = new Map<string, string>();
  for (let i = 0; i < query.n; i++) {
    if (query.ids[i] === sourceIds[i]) continue;
    const from = vocabulary.token(sourceIds[i]!);
    const to = query.tokens[i]!;
    if (pairs.has(from) && pairs.get(from) !== to) return undefined;
    pairs.set(from, to);
    typed.set(to, query.text.slice(query.from[i]!, query.to[i]!));
  }
  if (pairs.size === 0) return undefined;
  const out: Partial<Record<Lang, string>> = {};
  for (const [lang, text] of Object.entries(targets) as [Lang, string][]) {
    if (!text) {
      out[lang] = text;
      continue;
    }
    // Every old number is found in the stored text first and all are replaced in one pass, so that swapped
    // numbers (26 ↔ 2023) do not overwrite each other.
    const edits: { start: number; end: number; to: string }[] = [];
    for (const [from, to] of pairs) {
      const before = edits.length;
      for (const m of text.matchAll(anySystem(from))) {
        edits.push({ start: m.index, end: m.index + m[0].length, to: rewrite(m[0], to, lang, typed) });
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
    adapted += text.slice(at);
    out[lang] = adapted;
  }
  return { targets: out, replaced: [...pairs].map(([from, to]) => ({ from, to })) };
}

/** The new number as the target language writes it (see the header). */
function rewrite(old: string, to: string, lang: Lang, typed: Map<string, string>): string {
  if (lang === 'en') return to;
  if (lang === 'ar') return render(to, digitSetOf(old));
  const asTyped = typed.get(to) ?? to;
  const set = digitSetOf(asTyped);
  return set === 'western' || set === 'fullWidth' ? asTyped : to;
}
