/**
 * Inline codes of XLIFF content as placeables, and back.
 *
 * The convention shared with the TM: a text holds each inline code as ONE private-use character U+E000 + k, where k
 * is the 0-based index of the code in that text's list of codes. Private-use characters are neither letters nor
 * digits, so the matcher's tokenizer treats them as separators and they never count as words. The list keeps the
 * code's XML exactly as the file wrote it, so a target built from placeables carries the file's own codes.
 *
 * What is a code: every element inside `<source>`/`<target>`. An element whose content is text (1.2 `g`, `mrk`;
 * 2.x `pc`, `mrk`) gives two codes, its start tag and its end tag, and its text stays text; an empty element
 * (`x`, `ph`, `sc`, `ec`, `sm`, `em`, `cp`, or `<g/>`) is one code; 1.2 native-code elements (`bpt`, `ept`, `ph`,
 * `it`) hold original markup, not text, so each is one code with everything inside it.
 */
import { stripPlaceables } from './placeables';
import type { XmlElement } from './xliff-xml';

export const PLACEABLE_BASE = 0xe000;
/** Size of the Basic Multilingual Plane's private-use area: at most this many codes per segment. */
export const MAX_PLACEABLES = 0x1900;

export interface XliffCode {
  kind: 'standalone' | 'open' | 'close';
  /** The code's XML exactly as in the file (for a paired element: its start tag, or its end tag). */
  xml: string;
  /** Local name of the element. */
  name: string;
  id?: string;
  /** For `open`/`close`: index of the partner code. */
  pair?: number;
}

export interface XliffContent {
  /** Text with each inline code as U+E000 + its index in `codes`. */
  text: string;
  codes: XliffCode[];
}

/** 1.2 elements whose content is native code (or that are empty by definition): one placeable each. */
const NATIVE_12 = new Set(['bpt', 'ept', 'ph', 'it', 'x', 'bx', 'ex']);

export function placeableChar(k: number): string {
  return String.fromCharCode(PLACEABLE_BASE + k);
}

/** The index k of a placeable character, or -1. */
export function placeableIndex(char: string): number {
  const c = char.charCodeAt(0);
  return c >= PLACEABLE_BASE && c < PLACEABLE_BASE + MAX_PLACEABLES ? c - PLACEABLE_BASE : -1;
}

/** Flattens an element's content into text with placeables. `raw` is the decoded file text the offsets refer to. */
export function flattenContent(el: XmlElement, raw: string, family: 1 | 2): XliffContent {
  const out: XliffContent = { text: '', codes: [] };
  const push = (code: XliffCode) => {
    out.text += placeableChar(out.codes.length);
    out.codes.push(code);
    return out.codes.length - 1;
  };
  const walk = (parent: XmlElement) => {
    for (const child of parent.children) {
      if (typeof child === 'string') {
        out.text += child;
        continue;
      }
      const id = child.attrs.id;
      const base = { name: child.local, ...(id !== undefined && { id }) };
      if (child.selfClosing || (family === 1 && NATIVE_12.has(child.local))) {
        push({ kind: 'standalone', xml: raw.slice(child.start, child.end), ...base });
        continue;
      }
      const open = push({ kind: 'open', xml: raw.slice(child.start, child.openEnd), ...base });
      walk(child);
      const close = push({ kind: 'close', xml: raw.slice(child.closeStart, child.end), ...base, pair: open });
      out.codes[open]!.pair = close;
    }
  };
  walk(el);
  return out;
}

/**
 * True when the content holds text outside its codes: a target of whitespace and empty inline elements only (an
 * Okapi `<mrk mtype="seg"></mrk>`, a `<g id="1"></g>`) is not a translation. Text inside a code that holds text
 * (`g`, `mrk`, `pc`) counts; the native code inside a 1.2 `bpt`/`ph`… does not.
 */
export function hasText(content: XliffContent | undefined): boolean {
  return !!content && stripPlaceables(content.text).trim() !== '';
}

export interface PlaceableCheck {
  /** The text can be written with the file's codes: no unknown or repeated placeable, paired codes well nested. */
  mappable: boolean;
  /** Indexes of the file's codes the text does not use. */
  missing: number[];
  /** Placeables the file has no code for, or that the text repeats. */
  extra: number[];
  /** A paired code's start and end are out of order or one is missing, which would break the XML. */
  unbalanced: boolean;
}

/** Checks a text's placeables against a list of codes (the file's own) before it is written with them. */
export function checkPlaceables(text: string, codes: readonly XliffCode[]): PlaceableCheck {
  const seen = new Set<number>();
  const extra: number[] = [];
  const stack: number[] = [];
  let unbalanced = false;
  for (const char of text) {
    const k = placeableIndex(char);
    if (k < 0) continue;
    const code = codes[k];
    if (!code || seen.has(k)) {
      extra.push(k);
      continue;
    }
    seen.add(k);
    if (code.kind === 'open') stack.push(k);
    else if (code.kind === 'close' && stack.pop() !== code.pair) unbalanced = true;
  }
  if (stack.length > 0) unbalanced = true;
  const missing: number[] = [];
  for (let k = 0; k < codes.length; k++) if (!seen.has(k)) missing.push(k);
  // A paired code used without its partner is unbalanced even if the partner is merely missing.
  for (const k of seen) {
    const pair = codes[k]!.pair;
    if (pair !== undefined && !seen.has(pair)) unbalanced = true;
  }
  return { mappable: extra.length === 0 && !unbalanced, missing, extra, unbalanced };
}

/** Escapes text for element content. Carriage returns travel as references so they survive end-of-line handling. */
export function escapeContent(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

/**
 * Writes a text with placeables as XLIFF content, each placeable as the file's code XML. Placeables without a code
 * are dropped; with `textOnly`, every placeable is (for a candidate whose codes cannot be nested safely). A line
 * break of the text is written as `eol`, the file's own line ending (XML reads `\r\n` as `\n`: a CRLF file stays
 * CRLF, the text the same).
 */
export function renderContent(text: string, codes: readonly XliffCode[], textOnly = false, eol = '\n'): string {
  const escape = (run: string) => (eol === '\n' ? escapeContent(run) : escapeContent(run).replace(/\n/g, eol));
  let out = '';
  let run = '';
  for (const char of text) {
    const k = placeableIndex(char);
    if (k < 0) {
      run += char;
      continue;
    }
    out += escape(run);
    run = '';
    const code = codes[k];
    if (code && !textOnly) out += code.xml;
  }
  return out + escape(run);
}

/** Renders a candidate as safely as possible: with its codes when they nest, else as plain text. */
export function renderCandidate(text: string, codes: readonly XliffCode[], eol = '\n'): string {
  const check = checkPlaceables(text, codes);
  const repeatsPaired = check.extra.some((k) => codes[k] !== undefined && codes[k].kind !== 'standalone');
  return renderContent(text, codes, check.unbalanced || repeatsPaired, eol);
}
