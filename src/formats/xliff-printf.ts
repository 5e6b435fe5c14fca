/**
 * printf-style placeholders (`%s`, `%1$d`, `%(name)s`, `{0}`) between a segment's source and a TM target.
 *
 * The target written must hold exactly the source's placeholders: one the target lacks is an argument the app
 * never shows, one the source lacks (a TM unit stored with `%s` where the file has a word, or nothing) is a
 * specifier without an argument, which crashes a printf or prints garbage. So:
 * - a placeholder of the target that the source lacks is renamed to one the source has and the target lacks, by
 *   order (`%s` in the TM, `{0}` in the file); when none is left to rename it to, it is left out, and the space
 *   around it tidied (`Click the %s button` → `Click the button`, `Saved %s.` → `Saved.`);
 * - a missing one takes the place of the number the TM's source had where it stands (number-slots.ts), else it is
 *   appended after a space.
 * Each is one repair (see xliff-complete.ts): the segment goes to review with one point off its score.
 */
import { placeAtNumbers, type Slot } from './number-slots';

const C_PRINTF = /%(?:\d+\$)?[-+#0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGaAcs@]/;
const PYTHON_NAMED = /%\([A-Za-z_]\w*\)[-+#0]*\d*(?:\.\d+)?[diouxXeEfFgGcrs]/;
// `%%` first, so that it is consumed whole (a literal percent sign); no space flag: "50% off" is not a `% o`.
const PRINTF = new RegExp(`%%|${C_PRINTF.source}|${PYTHON_NAMED.source}|\\{\\d+\\}`, 'g');

/** printf-style placeholders of a text, in order (`%%` is a literal percent sign, not one). */
export function findPrintf(text: string): string[] {
  return (text.match(PRINTF) ?? []).filter((p) => p !== '%%');
}

export interface PrintfCompletion {
  text: string;
  /** Placeholders appended (the target lacked them). */
  added: string[];
  /**
   * Target placeholders the source lacks, as `from→to` when renamed, `from→` when left out; and TM numbers a
   * placeholder took the place of, as `26→%d`.
   */
  changed: string[];
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
 * Makes a target carry the source's printf placeholders and no other (see the file comment); with the TM's source,
 * a missing placeholder that stands where the TM had a number takes that number's place in the target.
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
  const replacement = new Map<number, string>();
  for (const i of strays) {
    const to = missing.shift()?.placeholder ?? '';
    replacement.set(i, to);
    changed.push(`${found[i]![0]}→${to}`);
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
  return { text, added, changed };
}
