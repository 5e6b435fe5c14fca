/**
 * Completing a TM target so that it carries every inline code (and printf placeholder) of the segment's source.
 *
 * A TM unit often has fewer codes than the file (a sentence stored as plain text, a file that bolds a word the TM
 * does not). Leaving a code out of the target breaks the file's formatting or the app (a lost `<x/>` line break, a
 * lost `%s` argument), so the target is completed the way CAT tools do it, and the segment goes to review:
 * - codes the file does not have, or that the target repeats, are left out (they cannot be written);
 * - a paired code whose other half the target lacks gets it where the target stays well-formed: a missing end right
 *   before the enclosing end (or at the end of the text), a missing start at the start of its enclosing level;
 * - a pair whose two halves cross another pair (or come in the wrong order) is taken out, to be added back below;
 * - an isolated span end (`ec`, `ex`, `ept`) that comes before its start (`sc`, `bx`, `bpt` of the same span: `ec`
 *   `startRef` = `sc` `id`, else the same `rid`, else the same `id`) is taken out with it, to be added back below;
 * - a missing isolated code is appended at the end of the text; one that starts a span (`sc`/`bx`/`bpt`, 1.2
 *   `<it pos="open">`) goes at the start, to stay before the end code the target has — unless the target lacks that
 *   end too: then the two go at the end as an empty span, as a pair missing both halves (`<g>`, `<pc>`) does, where
 *   the translator moves it around the right words (wrapping the whole target would make the whole sentence bold);
 * - but a pair or span missing both halves that wraps the whole source (`<g>…</g>` around all its text, with
 *   nothing outside it but whitespace and other such pairs) wraps the whole target: the whole sentence is bold
 *   there, and an empty pair after it would leave it plain (see wrappingCodes);
 * - a span start or end whose other half is in another segment (2.x `isolated="yes"`, 1.2 `<it>`, a `bx` without
 *   its `ex`) goes where it stands in the source relative to the text (see beforeText): formatting that opens at the
 *   end of the source opens at the end of the target, a span an earlier segment opened and this one closes at its
 *   start closes at the target's start — at the other end, it would format the whole sentence, or nothing;
 * - a protected span the target lacks (2.x `<mrk translate="no">`, 1.2 `<mrk mtype="protected">`) is appended with
 *   the source's text inside: that text is not to be translated, so it belongs in the target as it is.
 * printf placeholders (`%s`, `%1$d`, `%(name)s`, `{0}`) in the source's text are checked the same way
 * (xliff-printf.ts).
 */
import { placeAtNumbers } from './number-slots';
import { blankPlaceholders } from './xliff-printf';
import { type XliffCode, placeableChar, placeableIndex } from './xliff-inline';

export interface CodeCompletion {
  text: string;
  /** Codes (indexes into the file's) put in, moved or left out: each is one repair. */
  repaired: number[];
}

/**
 * Isolated codes that open a span closed by another isolated code (2.x `sc`…`ec`, 1.2 `bx`…`ex`, `bpt`…`ept`): a
 * missing one goes at the start of the text, so that it still comes before its end code if the target has that.
 */
const STARTS = new Set(['sc', 'bx', 'bpt']);

/** A code that starts a span: one of STARTS, or a 1.2 `<it pos="open">` (whose end is in another segment). */
const startsSpan = (code: XliffCode) =>
  code.kind === 'standalone' && (STARTS.has(code.name) || (code.name === 'it' && /\spos=["']open["']/.test(code.xml)));

/** A code that ends a span: `ec`, `ex`, `ept`, or a 1.2 `<it pos="close">` (whose start is in another segment). */
const endsSpan = (code: XliffCode) =>
  code.kind === 'standalone' && (code.name in START_OF || (code.name === 'it' && /\spos=["']close["']/.test(code.xml)));

/** A span whose text is not to be translated: 2.x `<mrk translate="no">`, 1.2 `<mrk mtype="protected">`. */
const isProtected = (code: XliffCode) =>
  code.kind === 'open' && code.name === 'mrk' && /\s(translate=["']no["']|mtype=["']protected["'])/.test(code.xml);

/**
 * A code that may stand for a value (a variable, a number), which a TM's number can have been written in place of:
 * a `ph` or `x`, not a line break (1.2 `ctype="lb"`) nor formatting (2.x `type="fmt"`, `subType="xlf:lb"`).
 */
const valueLike = (code: XliffCode) =>
  code.kind === 'standalone' &&
  (code.name === 'ph' || code.name === 'x') &&
  !/\s(ctype="(x-)?lb"|ctype="x-linebreak"|type="fmt"|subType="xlf:lb")/.test(code.xml);

/**
 * Completes a target's codes against the file's codes (see the file comment); `repaired` is empty when it had them.
 * Given the segment's source and the TM's (`numbers`), a missing `ph` / `x` that stands where the TM's source had a
 * number takes that number's place in the target instead of going at the end (number-slots.ts).
 */
export function completeCodes(
  text: string,
  codes: readonly XliffCode[],
  numbers?: { source: string; tmSource: string | undefined },
): CodeCompletion {
  const repaired = new Set<number>();
  const seen = new Set<number>();
  let chars = [...text].filter((ch) => {
    const k = placeableIndex(ch);
    if (k < 0) return true;
    if (!codes[k] || seen.has(k)) {
      repaired.add(k);
      return false;
    }
    seen.add(k);
    return true;
  });
  const reversed = reversedSpans(chars, codes);
  for (const k of reversed) repaired.add(k);
  chars = chars.filter((ch) => !reversed.includes(placeableIndex(ch)));
  for (;;) {
    const result = balance(chars, codes);
    if (!('crossed' in result)) {
      chars = result.chars;
      for (const k of result.inserted) repaired.add(k);
      break;
    }
    const pair = codes[result.crossed]!.pair!;
    repaired.add(result.crossed).add(pair);
    chars = chars.filter((ch) => placeableIndex(ch) !== result.crossed && placeableIndex(ch) !== pair);
  }
  const present = new Set(chars.map(placeableIndex));
  let head = '';
  let out = chars.join('');
  if (numbers) {
    const slots = codes.flatMap((code, k) => {
      const placeholder = placeableChar(k);
      const at = numbers.source.indexOf(placeholder);
      return present.has(k) || !valueLike(code) || at < 0 ? [] : [{ placeholder, at }];
    });
    const { source, tmSource } = numbers;
    const fill = placeAtNumbers(blankPlaceholders(source), tmSource && blankPlaceholders(tmSource), out, slots);
    out = fill.text;
    for (const slot of slots) {
      if (fill.left.includes(slot)) continue;
      const k = placeableIndex(slot.placeholder);
      present.add(k);
      repaired.add(k);
    }
  }
  const put = (k: number) => {
    present.add(k);
    repaired.add(k);
    return placeableChar(k);
  };
  // Pairs around the whole source that the target lacks, outermost first, until one it has (see the file comment).
  let opening = '';
  let closing = '';
  for (const [start, end] of numbers ? wrappingCodes(numbers.source, codes) : []) {
    if (present.has(start) || present.has(end)) break;
    opening += put(start);
    closing = put(end) + closing;
  }
  codes.forEach((code, k) => {
    if (present.has(k) || code.kind === 'close') return;
    if (startsSpan(code)) {
      const end = spanEndOf(codes, k);
      if (end >= 0 && !present.has(end)) out += put(k) + put(end);
      else if (end >= 0 || !numbers || beforeText(numbers.source, k)) head += put(k);
      else out += put(k);
      return;
    }
    if (numbers && endsSpan(code) && spanStartOf(codes, k) < 0 && beforeText(numbers.source, k)) {
      head += put(k);
      return;
    }
    out += put(k);
    if (code.kind !== 'open' || code.pair === undefined) return;
    // The source's text of a protected span, with the codes inside it the target does not have yet.
    const inner = isProtected(code) && numbers ? between(numbers.source, k, code.pair) : '';
    out += [...inner]
      .map((ch) => (placeableIndex(ch) < 0 ? ch : present.has(placeableIndex(ch)) ? '' : put(placeableIndex(ch))))
      .join('');
    out += put(code.pair);
  });
  const done = head + out;
  const inner = done.trim();
  const at = done.indexOf(inner);
  const wrapped = done.slice(0, at) + opening + inner + closing + done.slice(at + inner.length);
  return { text: wrapped, repaired: [...repaired].sort((a, b) => a - b) };
}

/**
 * The pairs of codes that wrap the whole source, outermost first: a `<g>`/`<pc>` pair or an isolated span
 * (`bpt`…`ept`, `sc`…`ec`, `bx`…`ex`) whose start is the source's first character and whose end its last, but for
 * whitespace, once the pairs around it are taken off. A protected span is not one: its text is the source's, which
 * goes in as it is.
 */
function wrappingCodes(source: string, codes: readonly XliffCode[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let chars = [...source.trim()];
  while (chars.length >= 2) {
    const start = placeableIndex(chars[0]!);
    const end = placeableIndex(chars[chars.length - 1]!);
    const code = codes[start];
    if (!code || isProtected(code)) break;
    const pair = code.kind === 'open' ? code.pair : startsSpan(code) ? spanEndOf(codes, start) : undefined;
    if (end < 0 || pair !== end) break;
    out.push([start, end]);
    chars = [...chars.slice(1, -1).join('').trim()];
  }
  return out;
}

/** The text between placeables `open` and `close` of a text ('' when either is missing). */
function between(text: string, open: number, close: number): string {
  const from = text.indexOf(placeableChar(open));
  const to = text.indexOf(placeableChar(close));
  return from < 0 || to < from ? '' : text.slice(from + 1, to);
}

/**
 * An isolated code (its span's other end in another segment) stands before most of the source's text: less text
 * comes before it than after. It goes at the start of the target then, else at the end, mirroring the source.
 */
function beforeText(source: string, k: number): boolean {
  const at = source.indexOf(placeableChar(k));
  const text = (s: string) =>
    [...s]
      .filter((ch) => placeableIndex(ch) < 0)
      .join('')
      .trim().length;
  return at >= 0 && text(source.slice(0, at)) < text(source.slice(at + 1));
}

/** The isolated code that starts the span end code k ends (`sc`/`bx`/`bpt` of the same span), or -1. */
function spanStartOf(codes: readonly XliffCode[], k: number): number {
  const end = codes[k]!;
  const span = spanOf(end);
  if (span === undefined) return -1;
  return codes.findIndex((c) => c.kind === 'standalone' && c.name === START_OF[end.name] && spanOf(c) === span);
}

/** The isolated code that ends the span code k starts (`ec`/`ex`/`ept` of the same span), or -1. */
function spanEndOf(codes: readonly XliffCode[], k: number): number {
  const start = codes[k]!;
  const span = spanOf(start);
  if (span === undefined) return -1;
  return codes.findIndex((c) => c.kind === 'standalone' && START_OF[c.name] === start.name && spanOf(c) === span);
}

/** The span an isolated code opens or closes: 2.x `sc` id / `ec` startRef, 1.2 `rid`, else `id`. */
function spanOf(code: XliffCode): string | undefined {
  const attr = (name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(code.xml)?.[1];
  if (code.name === 'ec') return attr('startRef');
  return attr('rid') ?? code.id;
}

const START_OF: Readonly<Record<string, string>> = { ec: 'sc', ex: 'bx', ept: 'bpt' };

/** Isolated span codes of the target whose end comes before their start: both codes of each such span. */
function reversedSpans(chars: readonly string[], codes: readonly XliffCode[]): number[] {
  const started = new Map<string, number>();
  const ends: Array<{ k: number; key: string; at: number }> = [];
  chars.forEach((ch, at) => {
    const k = placeableIndex(ch);
    const code = k < 0 ? undefined : codes[k];
    const span = code?.kind === 'standalone' ? spanOf(code) : undefined;
    if (!code || span === undefined) return;
    if (STARTS.has(code.name)) started.set(`${code.name}:${span}`, at);
    else if (START_OF[code.name]) ends.push({ k, key: `${START_OF[code.name]}:${span}`, at });
  });
  const out: number[] = [];
  for (const end of ends) {
    const at = started.get(end.key);
    if (at !== undefined && at > end.at) out.push(end.k, placeableIndex(chars[at]!));
  }
  return out;
}

/**
 * Walks the target's codes with a stack, putting in the half of a pair that is missing. Returns the new characters,
 * or the start code of a pair whose halves are both present but cross another pair or come in the wrong order.
 */
function balance(
  chars: readonly string[],
  codes: readonly XliffCode[],
): { chars: string[]; inserted: number[] } | { crossed: number } {
  const present = new Set(chars.map(placeableIndex));
  const out: string[] = [];
  const inserted: number[] = [];
  const stack: Array<{ k: number; at: number }> = [];
  const closeOf = (k: number) => {
    const pair = codes[k]!.pair!;
    inserted.push(pair);
    out.push(placeableChar(pair));
  };
  for (const ch of chars) {
    const k = placeableIndex(ch);
    const code = k < 0 ? undefined : codes[k];
    if (!code || code.kind === 'standalone' || code.pair === undefined) out.push(ch);
    else if (code.kind === 'open') {
      out.push(ch);
      stack.push({ k, at: out.length });
    } else if (!present.has(code.pair)) {
      // An end without its start: the start opens the level the end closes.
      out.splice(stack[stack.length - 1]?.at ?? 0, 0, placeableChar(code.pair));
      inserted.push(code.pair);
      out.push(ch);
    } else {
      let top = stack.pop();
      while (top && top.k !== code.pair) {
        if (present.has(codes[top.k]!.pair!)) return { crossed: top.k };
        closeOf(top.k);
        top = stack.pop();
      }
      if (!top) return { crossed: code.pair };
      out.push(ch);
    }
  }
  for (let top = stack.pop(); top; top = stack.pop()) {
    if (present.has(codes[top.k]!.pair!)) return { crossed: top.k };
    closeOf(top.k);
  }
  return { chars: out, inserted };
}
