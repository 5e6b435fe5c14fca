/**
 * Which attributes the TMX reader keeps, and in which order: those TMX 1.4b declares, on `tu`/`tuv` in the DTD's
 * order (equal metadata, equal bytes) and on inline codes in the file's order (a code is written back verbatim).
 */
import { startTag, type CodeKind, type InlineCode } from './placeables';
import { TU_ATTRS, TUV_ATTRS, type TuAttrs } from './tmx-model';

/** Rank of each allowed attribute in its canonical (DTD) order. */
const ranks = (names: readonly string[]) => new Map(names.map((name, i) => [name, i]));
export const TU_RANK = ranks(TU_ATTRS);
export const TUV_RANK = ranks(TUV_ATTRS);

/**
 * The allowed attributes, in their canonical order (the DTD's: TU_ATTRS), whatever the file's order, so that equal
 * metadata is stored as equal bytes (the export writes them in that order; a re-import must read back the same JSON).
 * Keys by index rather than for…in: saxes makes `attributes` without a prototype, a dictionary for V8, over which
 * for…in costs more (it showed in profiles of large imports). The usual `tu` has one attribute or none: no sorting.
 */
export function pickAttrs(attributes: Record<string, string>, rank: Map<string, number>): TuAttrs | undefined {
  let picked: string[] | undefined;
  let sorted = true;
  let last = -1;
  const keys = Object.keys(attributes);
  for (let i = 0; i < keys.length; i++) {
    const at = rank.get(keys[i]!);
    if (at === undefined) continue;
    (picked ??= []).push(keys[i]!);
    if (at < last) sorted = false;
    last = at;
  }
  if (!picked) return undefined;
  if (!sorted) picked.sort((a, b) => rank.get(a)! - rank.get(b)!);
  const out: Record<string, string> = {};
  for (const key of picked) out[key] = attributes[key]!;
  return out as TuAttrs;
}

/**
 * The attributes TMX 1.4b declares on each inline element (and `sub`), the only ones kept in a code's `xml` (in the
 * file's order): a code is written back verbatim, and an attribute the DTD does not declare would make the export
 * invalid. Elements not named here are not allowed inside a `seg` at all.
 */
export const INLINE_ATTRS: Record<string, ReadonlySet<string>> = {
  bpt: new Set(['i', 'x', 'type']),
  ept: new Set(['i']),
  it: new Set(['pos', 'x', 'type']),
  ph: new Set(['x', 'assoc', 'type']),
  hi: new Set(['x', 'type']),
  ut: new Set(['x']),
  sub: new Set(['type', 'datatype']),
};

/** The element's start tag with only the attributes the DTD declares on it. */
export function inlineTag(name: string, attributes: Record<string, string>, selfClosing = false): string {
  const allowed = INLINE_ATTRS[name]!;
  const keys = Object.keys(attributes);
  let kept: Record<string, string> = attributes;
  for (let i = 0; i < keys.length; i++) {
    if (allowed.has(keys[i]!)) continue;
    // An undeclared attribute (rare): the others copied, in order.
    kept = {};
    for (const key of keys) if (allowed.has(key)) kept[key] = attributes[key]!;
    break;
  }
  return startTag(name, kept, selfClosing);
}

/**
 * A code as read from its start tag: the element with its declared attributes, and its `i` and `x` only where the
 * element declares them (a `ph i` is dropped from both: kept beside an `xml` without it, a re-read would differ).
 */
export function inlineCode(kind: CodeKind, attributes: Record<string, string>): InlineCode {
  const code: InlineCode = { kind, xml: inlineTag(kind, attributes) };
  const allowed = INLINE_ATTRS[kind]!;
  if (attributes['i'] !== undefined && allowed.has('i')) code.i = attributes['i'];
  if (attributes['x'] !== undefined && allowed.has('x')) code.x = attributes['x'];
  return code;
}

/**
 * What the DTD lets a `sub` or a `hi` hold besides text: the codes and `hi`. A code (bpt ept it ph ut) holds `sub`s.
 */
const IN_TEXT = new Set(['bpt', 'ept', 'it', 'ph', 'hi', 'ut']);
const IN_CODE = new Set(['sub']);

/**
 * Whether the DTD allows element `child` inside element `parent` (an inline element or `sub`). Any other element
 * inside a code is written as text where it stood, its markup escaped (inline-repair.ts).
 */
export function mayHold(parent: string, child: string): boolean {
  return (parent === 'sub' || parent === 'hi' ? IN_TEXT : IN_CODE).has(child);
}
