/**
 * Placeholders that stand where the TM had a number. A file's source often holds a placeholder (`%d`, `{0}`,
 * `{{count}}`, an inline code) where the sentence stored in the TM had the number it was once filled with:
 * «شيآن %d أبريل» against the TM's «شيآن 26 أبريل», whose English is "XI'AN, April 26". The TM's target then holds
 * that number where the placeholder belongs, so it is put there instead of being appended at the end of the text.
 *
 * A placeholder takes a number's place only when nothing is in doubt: the word just before it in the query is the
 * word just before the number in the TM's source, or the word just after it is the word after the number (compared
 * case-folded, tatweel and tashkeel ignored); exactly one number of the TM's source fits; the query itself
 * does not hold that number (then the number was not replaced); and the target holds that number exactly once
 * (Arabic-Indic and Latin digits read alike). Otherwise the caller appends the placeholder as before.
 */

import { foldArabicDigits, stripTashkeel } from '../normalize';

/** A number as written: digits in any of the three scripts, with decimal or thousands separators inside. */
const NUMBER = /[0-9٠-٩۰-۹]+(?:[.,٫٬][0-9٠-٩۰-۹]+)*/g;
/** A word: a run of letters (with marks) or digits. */
const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/** A number's value as Latin digits, thousands separators dropped ("٢٦" and "26" alike; "1,000" and "1000" alike). */
export function numberValue(text: string): string {
  return foldArabicDigits(text).replaceAll(',', '');
}

/** Digits that belong to a placeholder (`{0}`, `%1$s`), not to the text. */
const inPlaceholder = (text: string, m: RegExpMatchArray) =>
  /[{%]$/.test(text.slice(0, m.index)) || /^[}$]/.test(text.slice(m.index! + m[0].length));

const fold = (word: string | undefined) => (word === undefined ? undefined : stripTashkeel(word).toLowerCase());

/** The word that ends just before `at` and the one that starts at or after `end` (skipping spaces and marks). */
function neighbours(text: string, at: number, end: number): { before?: string; after?: string } {
  const left = [...text.slice(0, at).matchAll(WORD)].pop()?.[0];
  const right = text.slice(end).match(WORD)?.[0];
  return { ...(left !== undefined && { before: fold(left) }), ...(right !== undefined && { after: fold(right) }) };
}

export interface Slot {
  /** The placeholder as it is in the query. */
  placeholder: string;
  /** Where it is in the query. */
  at: number;
}

export interface SlotFill {
  text: string;
  /** The placeholders put in the target, each as `number→placeholder`. */
  placed: string[];
  /** The slots that found no number (in the order given). */
  left: Slot[];
}

/** Puts each slot's placeholder where its number is in the target (see the file comment). */
export function placeAtNumbers(
  query: string,
  tmSource: string | undefined,
  target: string,
  slots: readonly Slot[],
): SlotFill {
  if (!tmSource || slots.length === 0) return { text: target, placed: [], left: [...slots] };
  const queryValues = new Set(
    [...query.matchAll(NUMBER)].filter((m) => !inPlaceholder(query, m)).map((m) => numberValue(m[0])),
  );
  const sourceNumbers = [...tmSource.matchAll(NUMBER)].map((m) => ({
    value: numberValue(m[0]),
    ...neighbours(tmSource, m.index, m.index + m[0].length),
  }));
  let text = target;
  const placed: string[] = [];
  const left: Slot[] = [];
  const taken = new Set<string>();
  for (const slot of slots) {
    const around = neighbours(query, slot.at, slot.at + slot.placeholder.length);
    const fits = sourceNumbers.filter(
      (n) =>
        !queryValues.has(n.value) &&
        !taken.has(n.value) &&
        ((around.before !== undefined && n.before === around.before) ||
          (around.after !== undefined && n.after === around.after)),
    );
    const values = new Set(fits.map((n) => n.value));
    const inTarget =
      values.size === 1
        ? [...text.matchAll(NUMBER)].filter((m) => numberValue(m[0]) === fits[0]!.value && !inPlaceholder(text, m))
        : [];
    if (inTarget.length !== 1) {
      left.push(slot);
      continue;
    }
    const m = inTarget[0]!;
    text = text.slice(0, m.index) + slot.placeholder + text.slice(m.index + m[0].length);
    taken.add(fits[0]!.value);
    placed.push(`${m[0]}→${slot.placeholder}`);
  }
  return { text, placed, left };
}
