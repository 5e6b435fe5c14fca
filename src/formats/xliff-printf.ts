/**
 * Placeholders in a segment's text between its source and a TM target: printf ones (`%s`, `%1$d`, `%(name)s`,
 * `{0}`) and, with the recognizers of the i18next route (i18next-syntax.ts), i18next / ICU interpolations
 * (`{{name}}`, `{name}`, `{n, number}`), nestings (`$t(key)`) and template ones (`${name}`): a file made from
 * i18next JSON (json2po, po2xliff) or from JavaScript, Kotlin or shell strings holds them as text. Trans tags (`<0>`)
 * are not among them: in an XLIFF text, markup is inline codes, and an escaped tag is markup a translator may move
 * or rework, which an appended `</0>` would not help.
 *
 * The target written must hold exactly the source's placeholders: one the target lacks is an argument the app
 * never shows, one the source lacks (a TM unit stored with `%s` where the file has a word, or nothing) is a
 * specifier without an argument, which crashes a printf or prints garbage. So:
 * - a placeholder of the target that the source lacks is renamed to one the source has and the target lacks (one of
 *   the same syntax first, else the first, in order: `%s` in the TM, `{0}` in the file); when none is left to
 *   rename it to, what the query holds where the TM's source has it (places.ts, the alignment that places a TM
 *   code the query lacks, tm-codes.ts) takes its place: nothing, and it is left out with the space around it tidied
 *   (`Saved %s.` → `Saved.` for «تم الحفظ» against the TM's «تم الحفظ %s»); one number, the number (`%d→5`: «لمدة 5
 *   أيام» against the TM's «لمدة %d أيام» gives "for 5 days"); other text, that text, in the query's language
 *   (`%s→الزر`: «انقر الزر» against the TM's «انقر %s» gives "Click الزر", for a translator to review: left out,
 *   it made "Click", which silently lacked what the source says). When where it stands cannot be told (no TM
 *   source, its words not in the query, the query's text there holding one of its codes or placeholders besides
 *   other text), it is reported `unplaced` and the candidate is not to be written;
 * - a missing one takes the place of the number the TM's source had where it stands (number-slots.ts), else it is
 *   appended after a space.
 * Each but an unplaced one is a repair (see xliff-complete.ts): the segment goes to review with one point off its
 * score.
 */
import { INTERPOLATION, NESTING, TEMPLATE } from './i18next-syntax';
import { isNumber, numberForTarget, placeAtNumbers } from './number-slots';
import { textAt } from './places';
import { C_PRINTF, PYTHON_NAMED } from './printf-pattern';
import type { Slot } from './number-slots';

// `%%` first, so that it is consumed whole (a literal percent sign); no space flag: "50% off" is not a `% o`.
const PRINTF = new RegExp(
  ['%%', C_PRINTF.source, PYTHON_NAMED.source, TEMPLATE.source, INTERPOLATION.source, NESTING.source].join('|'),
  'g',
);

/** printf's own placeholders (`%s`, `%1$d`, `%(name)s`), which i18next's syntax does not know. */
const PERCENT = new RegExp(['%%', C_PRINTF.source, PYTHON_NAMED.source].join('|'), 'g');

/** Placeholders of a text, in order (`%%` is a literal percent sign, not one). */
export function findPrintf(text: string): string[] {
  return (text.match(PRINTF) ?? []).filter((p) => p !== '%%');
}

/**
 * The text with each placeholder (`%%` is none) replaced by `by(placeholder)`, in order: also how matching cuts a
 * text into placeables (xliff-placeholders.ts, plainText), so that matching and the completion see the same ones.
 */
export function replacePrintf(text: string, by: (placeholder: string) => string): string {
  return text.replace(PRINTF, (p) => (p === '%%' ? p : by(p)));
}

/** The syntax a placeholder is written in: a stray one is renamed to a missing one of the same syntax first. */
const syntaxOf = (p: string) => (p.startsWith('%') ? '%' : p.slice(0, p.startsWith('{{') || p.startsWith('$') ? 2 : 1));

/** The text with its placeholders blanked out (as many spaces), so that none is taken for a word or a number. */
export const blankPlaceholders = (text: string): string =>
  text.replace(PRINTF, (p) => (p === '%%' ? p : ' '.repeat(p.length)));

export interface PrintfCompletion {
  text: string;
  /** Placeholders appended (the target lacked them). */
  added: string[];
  /**
   * Target placeholders the source lacks, as `from→to` when renamed, `from→` when left out, `from→5` or
   * `from→الزر` when the source's number or text took its place; and TM numbers a placeholder took the place of, as
   * `26→%d`.
   */
  changed: string[];
  /**
   * Target placeholders the source lacks whose place in the source cannot be told (see the file comment), left out
   * of `text`: the text would lack what the source has there, so it is not to be written.
   */
  unplaced?: string[];
}

/** Punctuation that closes a phrase: a space before it goes when the placeholder between them is left out. */
const CLOSING = /^[.,;:!?)\]}،؛؟。，；：！？、）」』]/u;

/**
 * `text` without the range [start, end), the spaces around it tidied: no double space where it was, none left at
 * the start or end of the text, nor before closing punctuation.
 */
export function cutOut(text: string, start: number, end: number): string {
  let before = text.slice(0, start);
  let after = text.slice(end);
  const spaceBefore = /[ \t\u00a0]+$/.exec(before)?.[0].length ?? 0;
  const spaceAfter = /^[ \t\u00a0]+/.exec(after)?.[0].length ?? 0;
  if (spaceBefore > 0 && (spaceAfter > 0 || after === '' || CLOSING.test(after)))
    before = before.slice(0, -spaceBefore);
  else if (before === '' && spaceAfter > 0) after = after.slice(spaceAfter);
  return before + after;
}

/**
 * Makes a target carry the source's placeholders and no other (see the file comment); with the TM's source, a
 * missing placeholder that stands where the TM had a number takes that number's place in the target, and a stray one
 * gives way to what the source has at its place (nothing, a number, text), or is `unplaced`.
 */
export function completePrintf(source: string, target: string, tmSource?: string): PrintfCompletion {
  const wanted = [...source.matchAll(PRINTF)].filter((m) => m[0] !== '%%');
  const found = [...target.matchAll(PRINTF)].filter((m) => m[0] !== '%%');
  if (wanted.length === 0 && found.length === 0) return { text: target, added: [], changed: [] };
  const missing: Slot[] = wanted.map((m) => ({ placeholder: m[0], at: m.index }));
  const settled = settleStrays({ query: source, target, tmSource, blank: blankPlaceholders }, found, missing);
  const { changed, unplaced } = settled;
  const slots = placeAtNumbers(
    blankPlaceholders(source),
    tmSource && blankPlaceholders(tmSource),
    settled.text,
    missing,
  );
  let text = slots.text;
  changed.push(...slots.placed);
  const added = slots.left.map((slot) => slot.placeholder);
  if (added.length > 0) text += (/\s$/.test(text) || text === '' ? '' : ' ') + added.join(' ');
  return { text, added, changed, ...(unplaced.length > 0 && { unplaced }) };
}

/**
 * For the i18next route, whose syntax holds printf placeholders only for a source that has some (i18next-syntax.ts
 * `withPrintf`): those of a draft (`%s`, `%1$d`, `%(name)s`, the TM's) that its source lacks, settled as XLIFF's
 * are (see the file comment): renamed to one of the source's that the draft lacks, else given way to what the source
 * has at their place, else `unplaced`. None is appended: the i18next route checks its own placeables. `blank`
 * blanks out the i18next placeables too.
 */
export function settlePrintf(
  source: string,
  value: string,
  tmSource: string | undefined,
  blank: (text: string) => string,
): Omit<PrintfCompletion, 'added'> & { putIn: string[] } {
  const found = [...value.matchAll(PERCENT)].filter((m) => m[0] !== '%%');
  if (found.length === 0) return { text: value, changed: [], putIn: [] };
  const missing: Slot[] = [...source.matchAll(PERCENT)]
    .filter((m) => m[0] !== '%%')
    .map((m) => ({ placeholder: m[0], at: m.index }));
  const { text, changed, unplaced, putIn } = settleStrays(
    { query: source, target: value, tmSource, blank },
    found,
    missing,
  );
  return { text, changed, putIn, ...(unplaced.length > 0 && { unplaced }) };
}

interface Texts {
  query: string;
  target: string;
  tmSource: string | undefined;
  /** Blanks out a text's placeholders (as spaces), so that none is taken for a word or a number. */
  blank: (text: string) => string;
}

/**
 * The target's placeholders `found` that the query lacks settled (see the file comment): `missing` (the query's
 * that the target lacks) loses those they are renamed to; `putIn` lists the query's texts and numbers put in.
 */
function settleStrays(
  texts: Texts,
  found: readonly RegExpExecArray[],
  missing: Slot[],
): { text: string; changed: string[]; unplaced: string[]; putIn: string[] } {
  const strays: number[] = [];
  found.forEach((m, i) => {
    const at = missing.findIndex((slot) => slot.placeholder === m[0]);
    if (at >= 0) missing.splice(at, 1);
    else strays.push(i);
  });
  const changed: string[] = [];
  const unplaced: string[] = [];
  const putIn: string[] = [];
  const replacement = new Map<number, string>();
  for (const i of strays) {
    const p = found[i]![0];
    const same = missing.findIndex((slot) => syntaxOf(slot.placeholder) === syntaxOf(p));
    const renamed = missing.splice(Math.max(same, 0), 1)[0]?.placeholder;
    const there = renamed === undefined ? whereInQuery(texts, found, i) : undefined;
    if (renamed === undefined && there === undefined) {
      unplaced.push(p);
      replacement.set(i, '');
      continue;
    }
    const to = renamed ?? (isNumber(there!) ? numberForTarget(there!, texts.target) : there!);
    if (renamed === undefined && to !== '') putIn.push(to);
    replacement.set(i, to);
    changed.push(`${p}→${to}`);
  }
  // From the end, so that the offsets of the placeholders before stay right.
  let text = texts.target;
  for (let i = found.length - 1; i >= 0; i--) {
    const to = replacement.get(i);
    if (to === undefined) continue;
    const m = found[i]!;
    const end = m.index + m[0].length;
    text = to === '' ? cutOut(text, m.index, end) : text.slice(0, m.index) + to + text.slice(end);
  }
  return { text, changed, unplaced, putIn };
}

/**
 * What the query holds where the TM's source has the target's placeholder `found[i]` (places.ts `textAt`), the k-th
 * of its text in the target being the k-th in the TM's source; undefined without a TM source or when it does not
 * hold as many of that placeholder as the target.
 */
function whereInQuery(
  { query, tmSource, blank }: Texts,
  found: readonly RegExpExecArray[],
  i: number,
): string | undefined {
  if (tmSource === undefined) return undefined;
  const p = found[i]![0];
  const k = found.slice(0, i).filter((m) => m[0] === p).length;
  const inSource = [...tmSource.matchAll(PRINTF)].filter((m) => m[0] === p);
  if (inSource.length !== found.filter((m) => m[0] === p).length) return undefined;
  const at = inSource[k]!.index;
  return textAt(query, tmSource, { at, end: at + p.length }, blank);
}
