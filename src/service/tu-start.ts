/**
 * The start of a `tu` (its start tag, notes, placement and props) and of a `tuv` written from a unit record's bytes
 * and its `tmx` / `tuv:<lang>` metadata as tu-json.ts reads it, for tu-bytes.ts: the bytes tmx-stream-write.ts'
 * tuStart and tuvXml write for the same unit, encoded as UTF-8. Every function writes into `out` from `at` and answers
 * where it stopped, or NO_ROOM / NOT_HERE (formats/xml-bytes.ts), passed on by the next call.
 */
import { PROP_CONFIDENCE, PROP_DOCUMENT, PROP_PARAGRAPH, PROP_POSITION, PROP_REVIEW, TU_ATTRS } from '../formats';
import * as xmlBytes from '../formats/xml-bytes';
import { FIELD_INDEX, type UnitField } from '../store/unit-record';
import { LANGS } from '../types';
import * as tuJson from './tu-json';
import type { Meta } from './tu-json';

// Read once (as in tu-bytes.ts: under tsx each use of an imported binding is a getter call).
const { ATTR, canonicalNumberEnd, escapeBytes, jsonStringBytes, NO_ROOM, NOT_HERE, RAW, TEXT } = xmlBytes;
const { ATTR_SLOT, CONFIDENCE, DOCUMENT, PARAGRAPH, POSITION, TAG, TUID } = tuJson;

/** A record field's index (store/unit-record.ts). */
export const at = (name: UnitField) => FIELD_INDEX[name];
const [DOC, POS, PARA, CONF, REVIEW] = (['doc', 'pos', 'para', 'conf', 'review'] as const).map(at) as [
  number,
  number,
  number,
  number,
  number,
];

export const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
const TU_OPEN = utf8('    <tu');
const TUID_OPEN = utf8(' tuid="');
const ATTR_OPEN = TU_ATTRS.map((name) => utf8(` ${name}="`));
const ATTR_COUNT = TU_ATTRS.length;
const QUOTE = utf8('"');
const TU_CLOSE = utf8(' srclang="ar">\n');
/** Notes and props of a tu (indented 6) and of a tuv (8). */
const [NOTE_OPEN, TUV_NOTE_OPEN] = [utf8('      <note>'), utf8('        <note>')];
const NOTE_CLOSE = utf8('</note>\n');
const [PROP_OPEN, TUV_PROP_OPEN] = [utf8('      <prop type="'), utf8('        <prop type="')];
const PROP_VALUE = utf8('">');
const PROP_CLOSE = utf8('</prop>\n');
/** `      <prop type="x-…">` of each placement prop (their types need no escaping). */
const PLACED = (type: string) => utf8(`      <prop type="${type}">`);
const [DOCUMENT_OPEN, POSITION_OPEN, PARAGRAPH_OPEN, CONFIDENCE_OPEN] = [
  PROP_DOCUMENT,
  PROP_POSITION,
  PROP_PARAGRAPH,
  PROP_CONFIDENCE,
].map(PLACED) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
/** The numbers of `tmx` placement, in the order tuStart writes them, and their props' starts. */
const NUMBERS = [POSITION, PARAGRAPH, CONFIDENCE];
const NUMBER_OPEN = [POSITION_OPEN, PARAGRAPH_OPEN, CONFIDENCE_OPEN];
const REVIEW_PROP = utf8(`      <prop type="${PROP_REVIEW}">true</prop>\n`);
const ZERO = utf8('0');

/** A tuv with metadata (tuvXml): its start tag in parts; the bare code when it keeps no tag. */
const TUV_LANG = utf8('      <tuv xml:lang="');
const LANG_CODE = LANGS.map((lang) => utf8(lang));
const SEGTYPE = TU_ATTRS.indexOf('segtype');
const TUV_START_END = utf8('>');
const TUV_META_START_END = utf8('>\n');
const SEG = utf8('<seg>');
const SEG_OPEN = utf8('        <seg>');

/** Copies `bytes` into `out` at `at`; NO_ROOM when they do not fit. */
export function put(out: Uint8Array, at: number, bytes: Uint8Array): number {
  if (at < 0) return at;
  if (at + bytes.length > out.length) return NO_ROOM;
  for (let k = 0; k < bytes.length; k++) out[at + k] = bytes[k]!;
  return at + bytes.length;
}

/** Copies src[from, to) into `out` at `at`; NO_ROOM when it does not fit. */
const copy = (src: Uint8Array, from: number, to: number, out: Uint8Array, at: number) =>
  escapeBytes(src, from, to, out, at, RAW);

export const isEmpty = (cuts: Int32Array, i: number) => cuts[2 * i + 1] === cuts[2 * i];
/** Whether field i is `word` (one ASCII character). */
const isChar = (src: Uint8Array, cuts: Int32Array, i: number, c: number) =>
  cuts[2 * i + 1]! - cuts[2 * i]! === 1 && src[cuts[2 * i]!] === c;

/**
 * A tuv's start tag and its notes and props, up to `<seg>` (tmx-stream-write.ts, tuvXml), from its `tuv:<lang>`
 * metadata; `lang` indexes LANGS.
 */
export function tuvStartBytes(out: Uint8Array, at: number, src: Uint8Array, meta: Meta, lang: number): number {
  const { ranges } = meta;
  at = put(out, at, TUV_LANG);
  // The tag read from the file when it had another than the bare code (keepTags).
  if (ranges[2 * TAG]! < ranges[2 * TAG + 1]!) at = json(src, ranges[2 * TAG]!, ranges[2 * TAG + 1]!, out, at, ATTR);
  else at = put(out, at, LANG_CODE[lang]!);
  at = put(out, at, QUOTE);
  for (let a = 0; a < ATTR_COUNT; a++)
    if (a !== SEGTYPE && ranges[2 * (ATTR_SLOT + a)]! >= 0) at = attr(out, at, ATTR_OPEN[a]!, src, meta, ATTR_SLOT + a);
  if (meta.noteCount + meta.propCount === 0) return put(out, put(out, at, TUV_START_END), SEG);
  at = put(out, at, TUV_META_START_END);
  at = notesXml(out, at, src, meta, TUV_NOTE_OPEN);
  at = propsXml(out, at, src, meta, TUV_PROP_OPEN);
  return put(out, at, SEG_OPEN);
}

/** The `tu` start tag, its notes, placement props and props (tmx-stream-write.ts, tuStart), from its `tmx` metadata. */
export function tuStartBytes(out: Uint8Array, at: number, src: Uint8Array, cuts: Int32Array, meta: Meta): number {
  const { ranges } = meta;
  at = put(out, at, TU_OPEN);
  if (ranges[2 * TUID]! >= 0) at = attr(out, at, TUID_OPEN, src, meta, TUID);
  for (let a = 0; a < ATTR_COUNT; a++)
    if (ranges[2 * (ATTR_SLOT + a)]! >= 0) at = attr(out, at, ATTR_OPEN[a]!, src, meta, ATTR_SLOT + a);
  at = put(out, at, TU_CLOSE);
  at = notesXml(out, at, src, meta, NOTE_OPEN);
  at = isEmpty(cuts, DOC) ? placedByTmx(out, at, src, meta) : placedInDocument(out, at, src, cuts);
  return propsXml(out, at, src, meta, PROP_OPEN);
}

/** Placement props of a unit in no document, from its `tmx` metadata (unit-fields.ts, toTmxUnit). */
function placedByTmx(out: Uint8Array, at: number, src: Uint8Array, meta: Meta): number {
  const { ranges } = meta;
  if (ranges[2 * DOCUMENT]! >= 0) {
    at = put(out, at, DOCUMENT_OPEN);
    at = json(src, ranges[2 * DOCUMENT]!, ranges[2 * DOCUMENT + 1]!, out, at, TEXT);
    at = put(out, at, PROP_CLOSE);
  }
  for (let k = 0; k < NUMBERS.length; k++) {
    const slot = NUMBERS[k]!;
    if (ranges[2 * slot]! < 0) continue;
    at = put(out, at, NUMBER_OPEN[k]!);
    at = copy(src, ranges[2 * slot]!, ranges[2 * slot + 1]!, out, at);
    at = put(out, at, PROP_CLOSE);
  }
  return meta.review ? put(out, at, REVIEW_PROP) : at;
}

/** A JSON string body escaped as `mode` asks. */
const json = jsonStringBytes;

/** ` name="value"` of an attribute the metadata holds in `slot`. */
function attr(out: Uint8Array, at: number, open: Uint8Array, src: Uint8Array, meta: Meta, slot: number) {
  at = put(out, at, open);
  at = json(src, meta.ranges[2 * slot]!, meta.ranges[2 * slot + 1]!, out, at, ATTR);
  return put(out, at, QUOTE);
}

/** The metadata's notes, each `open` (indented) `<note>`. */
function notesXml(out: Uint8Array, at: number, src: Uint8Array, meta: Meta, open: Uint8Array): number {
  const { notes } = meta;
  for (let n = 0; n < meta.noteCount; n++) {
    at = put(out, at, open);
    at = json(src, notes[2 * n]!, notes[2 * n + 1]!, out, at, TEXT);
    at = put(out, at, NOTE_CLOSE);
  }
  return at;
}

/** The metadata's props, each `open` (indented) `<prop type="`. */
function propsXml(out: Uint8Array, at: number, src: Uint8Array, meta: Meta, open: Uint8Array): number {
  const { props } = meta;
  for (let p = 0; p < meta.propCount; p++) {
    at = put(out, at, open);
    at = json(src, props[4 * p]!, props[4 * p + 1]!, out, at, ATTR);
    at = put(out, at, PROP_VALUE);
    at = json(src, props[4 * p + 2]!, props[4 * p + 3]!, out, at, TEXT);
    at = put(out, at, PROP_CLOSE);
  }
  return at;
}

/** A number field as String(Number(value)) writes it, or NOT_HERE when the bytes are not written so. */
function number(src: Uint8Array, cuts: Int32Array, i: number, out: Uint8Array, at: number, open: Uint8Array) {
  const [from, to] = [cuts[2 * i]!, cuts[2 * i + 1]!];
  at = put(out, at, open);
  if (from === to) at = put(out, at, ZERO);
  else if (canonicalNumberEnd(src, from, to) !== to) return NOT_HERE;
  else at = copy(src, from, to, out, at);
  return put(out, at, PROP_CLOSE);
}

/** Placement props of a unit in a document, from its record (unit-fields.ts, toTmxUnit). */
function placedInDocument(out: Uint8Array, at: number, src: Uint8Array, cuts: Int32Array): number {
  at = put(out, at, DOCUMENT_OPEN);
  at = escapeBytes(src, cuts[2 * DOC]!, cuts[2 * DOC + 1]!, out, at, TEXT);
  at = put(out, at, PROP_CLOSE);
  at = number(src, cuts, POS, out, at, POSITION_OPEN);
  at = number(src, cuts, PARA, out, at, PARAGRAPH_OPEN);
  if (!isEmpty(cuts, CONF) && !isChar(src, cuts, CONF, 0x31)) at = number(src, cuts, CONF, out, at, CONFIDENCE_OPEN);
  if (!isEmpty(cuts, REVIEW) && !isChar(src, cuts, REVIEW, 0x30)) at = put(out, at, REVIEW_PROP);
  return at;
}
