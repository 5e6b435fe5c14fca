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
 *   rename it to, what the query holds where the TM's source has it decides (number-slots.ts): nothing or words
 *   only (a fuzzy difference), it is left out and the space around it tidied (`Click the %s button` → `Click the
 *   button`, `Saved %s.` → `Saved.`); one number, the number takes its place (`%d→5`: «لمدة 5 أيام» against the
 *   TM's «لمدة %d أيام» gives "for 5 days"); a number among other words, or no telling where it stood while the
 *   query holds a number that neither the TM's source nor the target has, the target would lose that number: it is
 *   reported `lost` and the candidate is not to be written;
 * - a missing one takes the place of the number the TM's source had where it stands (number-slots.ts), else it is
 *   appended after a space.
 * Each is one repair (see xliff-complete.ts): the segment goes to review with one point off its score.
 */
import { INTERPOLATION, NESTING, TEMPLATE } from './i18next-syntax';
import { isNumber, numberForTarget, numberValue, numbersOf, placeAtNumbers, queryAtPlaceholder } from './number-slots';
import type { Slot } from './number-slots';

const C_PRINTF = /%(?:\d+\$)?[-+#0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGaAcs@]/;
const PYTHON_NAMED = /%\([A-Za-z_]\w*\)[-+#0]*\d*(?:\.\d+)?[diouxXeEfFgGcrs]/;
// `%%` first, so that it is consumed whole (a literal percent sign); no space flag: "50% off" is not a `% o`.
const PRINTF = new RegExp(
  ['%%', C_PRINTF.source, PYTHON_NAMED.source, TEMPLATE.source, INTERPOLATION.source, NESTING.source].join('|'),
  'g',
);

/** Placeholders of a text, in order (`%%` is a literal percent sign, not one). */
export function findPrintf(text: string): string[] {
  return (text.match(PRINTF) ?? []).filter((p) => p !== '%%');
}

/** The text with each placeholder (`%%` is none) replaced by `by(placeholder)`, in order. */
export function replacePrintf(text: string, by: (placeholder: string) => string): string {
  return text.replace(PRINTF, (p) => (p === '%%' ? p : by(p)));
}

/**
 * The text with each i18next-style placeholder (`{{x}}`, `{x}`, `${x}`, `$t(key)`: not a printf one, nor `%%`)
 * replaced by `by(placeholder)`: the placeholders matching holds as placeables (xliff-placeholders.ts), found as
 * the completion finds them, so that both cut a text alike.
 */
export function replacePlaceables(text: string, by: (placeholder: string) => string): string {
  return text.replace(PRINTF, (p) => (p.startsWith('%') ? p : by(p)));
}

/** The syntax a placeholder is written in: a stray one is renamed to a missing one of the same syntax first. */
const syntaxOf = (p: string) => (p.startsWith('%') ? '%' : p.slice(0, p.startsWith('{{') || p.startsWith('$') ? 2 : 1));

/** The text with its placeholders blanked out (as many spaces), so that none is taken for a word or a number. */
const blank = (text: string) => text.replace(PRINTF, (p) => (p === '%%' ? p : ' '.repeat(p.length)));

export interface PrintfCompletion {
  text: string;
  /** Placeholders appended (the target lacked them). */
  added: string[];
  /**
   * Target placeholders the source lacks, as `from→to` when renamed, `from→` when left out, `from→5` when the
   * source's number took its place; and TM numbers a placeholder took the place of, as `26→%d`.
   */
  changed: string[];
  /** Numbers of the source that the text would lose (see the file comment): then it is not to be written. */
  lost?: string[];
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
 * that stands where the source has a number gives way to that number.
 */
export function completePrintf(source: string, target: string, tmSource?: string): PrintfCompletion {
  const wanted = [...source.matchAll(PRINTF)].filter((m) => m[0] !== '%%');
  const found = [...target.matchAll(PRINTF)].filter((m) => m[0] !== '%%');
  if (wanted.length === 0 && found.length === 0) return { text: target, added: [], changed: [] };
  const missing: Slot[] = wanted.map((m) => ({ placeholder: m[0], at: m.index }));
  const strays: number[] = [];
  found.forEach((m, i) => {
    const at = missing.findIndex((slot) => slot.placeholder === m[0]);
    if (at >= 0) missing.splice(at, 1);
    else strays.push(i);
  });
  const changed: string[] = [];
  const lost: string[] = [];
  const replacement = new Map<number, string>();
  let unplaced = false;
  for (const i of strays) {
    const p = found[i]![0];
    const same = missing.findIndex((slot) => syntaxOf(slot.placeholder) === syntaxOf(p));
    let to = missing.splice(Math.max(same, 0), 1)[0]?.placeholder ?? '';
    if (to === '') {
      const there = whereInQuery(source, target, tmSource, found, i);
      if (there === undefined) unplaced = true;
      else if (there.length === 1 && isNumber(there[0]!)) to = numberForTarget(there[0]!, target);
      else if (there.some(isNumber)) lost.push(...there.filter(isNumber));
    }
    replacement.set(i, to);
    changed.push(`${p}→${to}`);
  }
  // From the end, so that the offsets of the placeholders before stay right.
  let text = target;
  for (let i = found.length - 1; i >= 0; i--) {
    const to = replacement.get(i);
    if (to === undefined) continue;
    const m = found[i]!;
    const end = m.index + m[0].length;
    text = to === '' ? cutOut(text, m.index, end) : text.slice(0, m.index) + to + text.slice(end);
  }
  const slots = placeAtNumbers(source, tmSource, text, missing);
  text = slots.text;
  changed.push(...slots.placed);
  const added = slots.left.map((slot) => slot.placeholder);
  if (added.length > 0) text += (/\s$/.test(text) || text === '' ? '' : ' ') + added.join(' ');
  // A placeholder left out without telling where it stood may have stood for a number of the source's that the
  // text does not have.
  if (unplaced) lost.push(...unaccounted(source, tmSource ?? '', text));
  return { text, added, changed, ...(lost.length > 0 && { lost: [...new Set(lost)] }) };
}

/**
 * What the query holds where the TM's source has the target's placeholder `found[i]` (number-slots.ts), the k-th
 * of its text in the target being the k-th in the TM's source; undefined when that cannot be told (no TM source, or
 * not as many of that placeholder in it as in the target).
 */
function whereInQuery(
  query: string,
  target: string,
  tmSource: string | undefined,
  found: readonly RegExpExecArray[],
  i: number,
): string[] | undefined {
  if (tmSource === undefined) return undefined;
  const p = found[i]![0];
  const k = found.slice(0, i).filter((m) => m[0] === p).length;
  const inSource = [...tmSource.matchAll(PRINTF)].filter((m) => m[0] === p);
  if (inSource.length !== found.filter((m) => m[0] === p).length) return undefined;
  const at = inSource[k]!.index;
  return queryAtPlaceholder(blank(query), blank(tmSource), at, at + p.length);
}

/** The query's numbers that neither the TM's source nor the text has (compared by value), as the query writes them. */
function unaccounted(query: string, tmSource: string, text: string): string[] {
  const known = new Set([...numbersOf(blank(tmSource)), ...numbersOf(blank(text))].map(numberValue));
  return numbersOf(blank(query)).filter((n) => !known.has(numberValue(n)));
}
