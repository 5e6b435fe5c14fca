/**
 * Placeholders that stand where the TM had a number. A file's source often holds a placeholder (`%d`, `{0}`,
 * `{{count}}`, an inline code) where the sentence stored in the TM had the number it was once filled with:
 * «شيآن %d أبريل» against the TM's «شيآن 26 أبريل», whose English is "XI'AN, April 26". The TM's target then holds
 * that number where the placeholder belongs, so it is put there instead of being appended at the end of the text.
 *
 * A placeholder takes a number's place only when nothing is in doubt: what the TM's source holds at the
 * placeholder's place in the query (places.ts: the two texts' tokens aligned, the TM's text between the partners of
 * the placeholder's neighbouring words, or the TM's word at its rank where the words next to it were replaced one
 * for one: «وصل %d وزيرا» against «وصل 5 وزراء») is one number and nothing else; the query itself does not hold
 * that number (then the number was not replaced); no other placeholder took it; and the target holds that number
 * exactly once (Arabic-Indic and Latin digits read alike). Otherwise the caller appends the placeholder as before.
 */

import { foldArabicDigits } from '../normalize';
import { placesIn } from './places';

/** A number as written: digits in any of the three scripts, with decimal or thousands separators inside. */
const NUMBER = /[0-9٠-٩۰-۹]+(?:[.,٫٬][0-9٠-٩۰-۹]+)*/g;
/** A number's value as Latin digits, thousands separators dropped ("٢٦" and "26" alike; "1,000" and "1000" alike). */
export function numberValue(text: string): string {
  return foldArabicDigits(text).replaceAll(',', '');
}

/** Digits that belong to a placeholder (`{0}`, `%1$s`), not to the text. */
const inPlaceholder = (text: string, m: RegExpMatchArray) =>
  /[{%]$/.test(text.slice(0, m.index)) || /^[}$]/.test(text.slice(m.index! + m[0].length));

const ONE_NUMBER = new RegExp(`^(?:${NUMBER.source})$`);

/** A text that is one number and nothing else. */
export const isNumber = (text: string): boolean => ONE_NUMBER.test(text);

const ARABIC_INDIC = /[٠-٩]/;

/**
 * A number of the query as a target writes it: in Latin digits (with `.` and `,`), or in Arabic-Indic ones (with
 * `٫` and `٬`) when the target writes its own numbers so.
 */
export function numberForTarget(number: string, target: string): string {
  const latin = foldArabicDigits(number);
  if (!ARABIC_INDIC.test(target)) return latin;
  const indic = (ch: string) => (ch === '.' ? '٫' : ch === ',' ? '٬' : String.fromCharCode(0x0660 + Number(ch)));
  return latin.replace(/[0-9.,]/g, indic);
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

/**
 * Puts each slot's placeholder where its number is in the target (see the file comment). `query` and `tmSource` come
 * with their other placeholders blanked out (as spaces), so that none is taken for a word or a number.
 */
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
  const places = slots.map((slot) => ({ at: slot.at, end: slot.at + slot.placeholder.length }));
  const spans = placesIn(query, tmSource, places, { oneForOne: true });
  let text = target;
  const placed: string[] = [];
  const left: Slot[] = [];
  const taken = new Set<string>();
  slots.forEach((slot, k) => {
    const span = spans[k];
    const there = span && tmSource.slice(span.at, span.end);
    const value = there !== undefined && isNumber(there) ? numberValue(there) : undefined;
    const inTarget =
      value === undefined || queryValues.has(value) || taken.has(value)
        ? []
        : [...text.matchAll(NUMBER)].filter((m) => numberValue(m[0]) === value && !inPlaceholder(text, m));
    if (inTarget.length !== 1) {
      left.push(slot);
      return;
    }
    const m = inTarget[0]!;
    text = text.slice(0, m.index) + slot.placeholder + text.slice(m.index + m[0].length);
    taken.add(value!);
    placed.push(`${m[0]}→${slot.placeholder}`);
  });
  return { text, placed, left };
}
