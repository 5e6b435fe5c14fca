/**
 * Placeables: inline codes (TMX `bpt ept ph it ut hi`, later XLIFF's `pc ph sc ec`) kept inside a unit's text.
 *
 * Convention: a text stores each inline code as ONE private-use character, U+E000 + k, where k is the code's 0-based
 * index in the segment's own list of codes (at most 6,400 codes: U+E000–U+F8FF). The codes travel beside the text as
 * metadata ({@link InlineCode}); `xml` is the element as TMX writes it, written back verbatim on export. Private-use
 * characters are neither letters nor digits, so the tokenizer treats a placeable as a separator: it never counts as
 * a word in a score, and two texts that differ only in their codes score alike.
 *
 * - `bpt`/`ept`/`ph`/`it`/`ut`: the whole element (with its native code, `sub` included) is one placeable.
 * - `hi` holds translatable text: its text stays text, and its start tag and end tag are two placeables (the end
 *   one with `close: true`, `xml` = `</hi>`). The writer keeps them balanced whatever an edit did to the text.
 * - A private-use character that was literally in the source text becomes a placeable of kind `char` (its `xml` is
 *   the character reference), so that every private-use character in a stored text is a placeable — no ambiguity.
 */
import { xmlAttr as escapeAttr, xmlText as escapeText } from './xml-fast';

export type CodeKind = 'bpt' | 'ept' | 'ph' | 'it' | 'ut' | 'hi' | 'char';

export interface InlineCode {
  kind: CodeKind;
  /** `bpt`/`ept` pairing id inside one segment. */
  i?: string;
  /** Link to the corresponding code in the other languages' segments. */
  x?: string;
  /** `hi` only: this placeable is the end tag. */
  close?: true;
  /** The element as XML (attributes in their original order, content escaped), written back verbatim. */
  xml: string;
}

export const PLACEABLE_BASE = 0xe000;
export const MAX_PLACEABLES = 0xf8ff - PLACEABLE_BASE + 1;
const PUA = /[\uE000-\uF8FF]/;
const PUA_ALL = /[\uE000-\uF8FF]/g;

export const isPlaceable = (charCode: number): boolean => charCode >= PLACEABLE_BASE && charCode <= 0xf8ff;

/** The character that stands for code k of a segment. */
export function placeableChar(k: number): string {
  if (!Number.isInteger(k) || k < 0 || k >= MAX_PLACEABLES) throw new RangeError(`placeable index ${k} out of range`);
  return String.fromCharCode(PLACEABLE_BASE + k);
}

export function hasPlaceables(text: string): boolean {
  return PUA.test(text);
}

/** The text without its placeables (what a reader sees, less the markup). */
export function stripPlaceables(text: string): string {
  return text.replace(PUA_ALL, '');
}

/** Letters and digits of scripts written with spaces between words (not Han or kana, which join words unspaced). */
const SPACED = /^[\p{L}\p{N}]$/u;
const UNSPACED = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]$/u;
export const wordChar = (ch: string | undefined) => ch !== undefined && SPACED.test(ch) && !UNSPACED.test(ch);

/**
 * The text as plain text for a client that knows nothing of mizan's placeables (amaGama, MyMemory): each run of
 * placeables left out, the spaces around it tidied — one space where it stood between two (`file \uE002 now` →
 * "file now"), one between two letters it kept apart (`new\uE000line` → "new line", a line break in the TMX), none
 * inside Chinese or next to punctuation.
 */
export function withoutPlaceables(text: string): string {
  if (!PUA.test(text)) return text;
  return text.replace(/( ?)[\uE000-\uF8FF]+( ?)/g, (run: string, before: string, after: string, at: number) => {
    if (before || after) return ' ';
    return wordChar(text[at - 1]) && wordChar(text[at + run.length]) ? ' ' : '';
  });
}

/** Start tag of an element, attributes in the given order. */
export function startTag(name: string, attributes: Record<string, string>, selfClosing = false): string {
  let out = `<${name}`;
  for (const key in attributes) out += ` ${key}="${escapeAttr(attributes[key]!)}"`;
  return out + (selfClosing ? '/>' : '>');
}

/**
 * Builds one segment's text and code list as a parser meets text and codes. Throws RangeError past 6,400 codes
 * (the reader turns that into a TMX_INVALID error).
 */
export class SegmentBuilder {
  text = '';
  codes: InlineCode[] = [];

  addText(text: string): void {
    this.text += PUA.test(text) ? text.replace(PUA_ALL, (ch) => this.place(charCode(ch))) : text;
  }

  addCode(code: InlineCode): void {
    this.text += this.place(code);
  }

  private place(code: InlineCode): string {
    const ch = placeableChar(this.codes.length);
    this.codes.push(code);
    return ch;
  }
}

const charCode = (ch: string): InlineCode => ({
  kind: 'char',
  xml: `&#x${ch.charCodeAt(0).toString(16).toUpperCase()};`,
});

/**
 * The XML content of a `seg` for a text with placeables: text escaped, each placeable replaced by its code's `xml`.
 * A placeable without a code is dropped; `hi` tags are kept balanced (an end tag without its start is dropped, a
 * start tag left open is closed at the end), so the output is well-formed whatever an edit did to the text.
 */
export function segmentXml(text: string, codes: readonly InlineCode[]): string {
  if (!PUA.test(text)) return escapeText(text);
  let out = '';
  let from = 0;
  let openHi = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isPlaceable(c)) continue;
    if (i > from) out += escapeText(text.slice(from, i));
    from = i + 1;
    const code = codes[c - PLACEABLE_BASE];
    if (!code) continue;
    if (code.kind === 'hi' && code.close) {
      if (openHi === 0) continue;
      openHi--;
    } else if (code.kind === 'hi') {
      openHi++;
    }
    out += code.xml;
  }
  if (from < text.length) out += escapeText(text.slice(from));
  return out + '</hi>'.repeat(openHi);
}

/** Identity of a code for matching across languages: kind, plus end-tag-ness for `hi`. */
const slot = (code: InlineCode) => (code.close ? '/hi' : code.kind);

/**
 * Which code of `to` corresponds to each code of `from` (index, or -1): first by `x` (same kind), then `bpt`/`ept`
 * by `i` (an `ept` follows its `bpt`'s match), then by order among the still unmatched codes of the same kind.
 * Used to carry a target text's placeables over to another segment's codes (round trips, XLIFF pretranslation).
 */
export function matchCodes(from: readonly InlineCode[], to: readonly InlineCode[]): number[] {
  const result = from.map(() => -1);
  const taken = new Set<number>();
  const take = (k: number, j: number) => {
    result[k] = j;
    taken.add(j);
  };
  const find = (pred: (c: InlineCode, j: number) => boolean) => to.findIndex((c, j) => !taken.has(j) && pred(c, j));
  from.forEach((code, k) => {
    if (code.x === undefined) return;
    const j = find((c) => c.x === code.x && slot(c) === slot(code));
    if (j >= 0) take(k, j);
  });
  const pairedI = new Map<string, string>();
  from.forEach((code, k) => {
    if (code.kind === 'bpt' && code.i !== undefined && result[k]! >= 0) pairedI.set(code.i, to[result[k]!]!.i ?? '');
  });
  from.forEach((code, k) => {
    if (result[k]! >= 0 || (code.kind !== 'bpt' && code.kind !== 'ept') || code.i === undefined) return;
    const wanted = pairedI.get(code.i) ?? code.i;
    const j = find((c) => c.kind === code.kind && c.i === wanted);
    if (j >= 0) take(k, j);
  });
  from.forEach((code, k) => {
    if (result[k]! >= 0) return;
    const j = find((c) => slot(c) === slot(code) && (code.kind !== 'char' || c.xml === code.xml));
    if (j >= 0) take(k, j);
  });
  return result;
}

/** Renumbers the placeables of a text by `mapping` (old index → new index); placeables mapped to -1 are dropped. */
export function remapPlaceables(text: string, mapping: readonly number[]): string {
  if (!PUA.test(text)) return text;
  return text.replace(PUA_ALL, (ch) => {
    const to = mapping[ch.charCodeAt(0) - PLACEABLE_BASE] ?? -1;
    return to >= 0 ? placeableChar(to) : '';
  });
}
