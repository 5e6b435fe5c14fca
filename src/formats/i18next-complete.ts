/**
 * A draft completed with the source's placeables it lacks, as XLIFF completes a target (xliff-complete.ts,
 * xliff-printf.ts): a TM unit without the source's `{{name}}` ("Ahmed sent a message to the team" for «أرسل
 * {{name}} رسالة إلى الفريق») gives "Ahmed sent a message to the team {{name}}", reported `placeables-appended` with
 * the list, one point off each, for a reviewer to put each where it belongs. Left out, the key fell back to another
 * language at runtime, and the translator got nothing to start from where the XLIFF route gave a draft.
 *
 * Where each goes: a Trans start tag whose end tag the draft has, at the start (`<0>` for "Read the terms</0>"), as
 * XLIFF puts a missing start code at the start of its level; every other one at the end, in the source's order, after
 * a space, but for an end tag, which closes what comes before it, and a start tag, which holds what follows it: a pair
 * missing both halves goes in as an empty pair (`<0></0>`), the source's placeables inside it when they are missing
 * too (`<0>{{name}}</0>`) — but for a pair that wraps the whole source (`<1>…</1>` around all its text, nothing
 * outside it but whitespace and other such pairs), which wraps the whole draft (`<1>draft</1>`), as XLIFF wraps a
 * `<g>` around the whole target then: the whole text is the link, and an empty pair after it would be no link at
 * all. When the draft's Trans tags no longer nest where the source's do (an end tag appended
 * after another tag's end: `<1>a <0>b</1>` and `</0>`), nothing is written: a broken component tree is worse than a
 * fallback, and the caller reports `placeables-missing`.
 */
import { kindOf } from './i18next-placeables';
import { findPlaceables, type PlaceableSyntax } from './i18next-syntax';

/**
 * `value` with `missing` (the source's placeables it lacks, in the source's order) put in (see the file comment), or
 * undefined when its Trans tags would not nest as the source's do.
 */
export function appendPlaceables(
  source: string,
  value: string,
  missing: readonly string[],
  syntax: PlaceableSyntax,
): string | undefined {
  if (missing.length === 0) return value;
  // Pairs around the whole source that the draft lacks, outermost first, until one it has (see the file comment).
  const rest = [...missing];
  let opening = '';
  let closing = '';
  for (const [start, end] of wrappingPairs(source, syntax)) {
    if (!rest.includes(start) || !rest.includes(end)) break;
    rest.splice(rest.indexOf(start), 1);
    rest.splice(rest.indexOf(end), 1);
    opening += start;
    closing = end + closing;
  }
  const has = new Set(findPlaceables(value, syntax));
  const isStart = (p: string) => kindOf(p, syntax).kind === 'start';
  const isEnd = (p: string) => kindOf(p, syntax).kind === 'end';
  const endOf = (p: string) => `</${kindOf(p, syntax).name}>`;
  const head = rest.filter((p) => isStart(p) && has.has(endOf(p)) && !rest.includes(endOf(p)));
  const tail = rest.filter((p) => !head.includes(p));
  let text = head.join('') + value;
  tail.forEach((p, i) => {
    const glued = text === '' || /\s$/.test(text) || isEnd(p) || (i > 0 && isStart(tail[i - 1]!));
    text += (glued ? '' : ' ') + p;
  });
  const inner = text.trim();
  const at = text.indexOf(inner);
  text = text.slice(0, at) + opening + inner + closing + text.slice(at + inner.length);
  return nests(text, syntax) || !nests(source, syntax) ? text : undefined;
}

/**
 * The Trans pairs that wrap the whole source, outermost first: a start tag that begins it and the end tag that
 * closes that start tag and ends it, but for whitespace, once the pairs around it are taken off.
 */
function wrappingPairs(source: string, syntax: PlaceableSyntax): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  let text = source.trim();
  for (;;) {
    const found = [...text.matchAll(syntax.pattern)];
    if (found.length < 2) return out;
    const [first, last] = [found[0]!, found[found.length - 1]!];
    const { kind, name } = kindOf(first[0], syntax);
    const around = first.index === 0 && last.index + last[0].length === text.length;
    if (!around || kind !== 'start' || last[0] !== `</${name}>` || closedAt(found, syntax) !== found.length - 1)
      return out;
    out.push([first[0], last[0]]);
    text = text.slice(first[0].length, last.index).trim();
  }
}

/** Where the first placeable's tag is closed: the index of the placeable after which no tag is open (-1: never). */
function closedAt(found: readonly RegExpMatchArray[], syntax: PlaceableSyntax): number {
  let depth = 0;
  for (const [i, m] of found.entries()) {
    const { kind } = kindOf(m[0], syntax);
    depth += kind === 'start' ? 1 : kind === 'end' ? -1 : 0;
    if (depth <= 0) return i;
  }
  return -1;
}

/** Whether a text's Trans tags nest: each end tag closes the last tag still open, and every tag is closed. */
function nests(text: string, syntax: PlaceableSyntax): boolean {
  const open: string[] = [];
  for (const p of findPlaceables(text, syntax)) {
    const { kind, name } = kindOf(p, syntax);
    if (kind === 'start') open.push(name ?? p);
    else if (kind === 'end' && open.pop() !== name) return false;
  }
  return open.length === 0;
}
