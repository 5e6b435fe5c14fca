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

/** A number or a run of letters (NUMBER first, so that «为期5天» is three tokens: 为期, 5, 天). */
const TOKEN = new RegExp(`${NUMBER.source}|[\\p{L}\\p{M}]+`, 'gu');

/** A token that is a number. */
export const isNumber = (token: string): boolean => /^[0-9٠-٩۰-۹]/.test(token);

const tokenKey = (token: string) => (isNumber(token) ? numberValue(token) : fold(token)!);

/**
 * The other way round: what the query holds where the TM's source has a placeholder, at [at, end). The TM's tokens
 * just before and just after the placeholder are looked for in the query (the first after the one before; a
 * placeholder at an end of the TM's source has only one); the tokens between them are the answer — [] when the
 * query has nothing there (the placeholder stood for nothing), a number alone when the TM's placeholder stood for
 * that number. Undefined when the query lacks those tokens or they mark out different runs: where the placeholder
 * stood cannot be told. Both texts come with their placeholders blanked out (spaces), so that a placeholder is no
 * one's neighbour.
 */
export function queryAtPlaceholder(query: string, tmSource: string, at: number, end: number): string[] | undefined {
  const before = [...tmSource.slice(0, at).matchAll(TOKEN)].pop()?.[0];
  const after = [...tmSource.slice(end).matchAll(TOKEN)][0]?.[0];
  if (before === undefined && after === undefined) return undefined;
  const tokens = [...query.matchAll(TOKEN)].map((m) => m[0]);
  const keys = tokens.map(tokenKey);
  const starts = before === undefined ? [-1] : keys.flatMap((key, i) => (key === tokenKey(before) ? [i] : []));
  const runs = new Map<string, string[]>();
  for (const i of starts) {
    const j = after === undefined ? tokens.length : keys.indexOf(tokenKey(after), i + 1);
    if (j < 0) continue;
    const run = tokens.slice(i + 1, j);
    runs.set(run.join('\u0000'), run);
  }
  return runs.size === 1 ? [...runs.values()][0] : undefined;
}

/** The numbers of a text (outside placeholders, which the caller blanked out), as written. */
export function numbersOf(text: string): string[] {
  return text.match(NUMBER) ?? [];
}

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
