/**
 * The JSON a unit record keeps beside its texts (service/unit-fields.ts: `tmx`, `codes:<lang>`), read where it lies in
 * the bytes Redis answers, for the byte path of the TMX export (tu-bytes.ts): what is found is noted as byte ranges
 * (of JSON string bodies, still escaped) and decoded codes, nothing is made a string. Only the shapes unit-fields.ts
 * writes are read (JSON.stringify's or Lua cjson's output: no white space); anything else — another key, another
 * type, a key twice — answers false, and the unit is written on the string path, which reads it with JSON.parse.
 */
import { TU_ATTRS } from '../formats';
import * as xmlBytes from '../formats/xml-bytes';

// Read once (as in tu-bytes.ts: under tsx each use of an imported binding is a getter call).
const { canonicalNumberEnd, jsonStringBytes, jsonStringEnd, NO_ROOM, RAW } = xmlBytes;

const QUOTE = 0x22;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

const latin1 = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
const TRUE = latin1('true');
const FALSE = latin1('false');
/** Keys of `tmx` and `tuv:<lang>` (unit-fields.ts, TuMeta and TuvMeta), in the order of the Meta slots below. */
const META_KEYS = [
  'tuid',
  'document',
  'position',
  'paragraph',
  'confidence',
  'tag',
  'attrs',
  'props',
  'notes',
  'review',
].map(latin1);
const ATTR_KEYS = TU_ATTRS.map(latin1);
const KIND = latin1('kind');
const CLOSE = latin1('close');
const XML = latin1('xml');
const HI = latin1('hi');

/** Where the JSON string at src[i] (its quote) ends, when it is a key without escapes (compared as bytes); else -1. */
function keyEnd(src: Uint8Array, i: number, to: number): number {
  if (src[i] !== QUOTE) return -1;
  for (let k = i + 1; k < to; k++) {
    if (src[k] === QUOTE) return k;
    if (src[k] === 0x5c) return -1;
  }
  return -1;
}

/** Whether src[from, to) is `word`. */
function is(src: Uint8Array, from: number, to: number, word: Uint8Array): boolean {
  if (to - from !== word.length) return false;
  for (let k = 0; k < word.length; k++) if (src[from + k] !== word[k]) return false;
  return true;
}

/** The index of the word src[from, to) is among `words`, or -1. */
function which(src: Uint8Array, from: number, to: number, words: readonly Uint8Array[]): number {
  for (let w = 0; w < words.length; w++) if (is(src, from, to, words[w]!)) return w;
  return -1;
}

/** Where a `true` or `false` at src[i] ends (negated when false), or 0 when neither is there. */
function boolEnd(src: Uint8Array, i: number, to: number): number {
  if (i + 4 <= to && is(src, i, i + 4, TRUE)) return i + 4;
  if (i + 5 <= to && is(src, i, i + 5, FALSE)) return -(i + 5);
  return 0;
}

/** Slots of the scalar values: a JSON string body's [from, to), or a number's bytes. */
export const TUID = 0;
export const DOCUMENT = 1;
export const POSITION = 2;
export const PARAGRAPH = 3;
export const CONFIDENCE = 4;
export const TAG = 5;
const SCALARS = 6;
/** The slot of TU_ATTRS[a] is ATTR_SLOT + a. */
export const ATTR_SLOT = SCALARS;
const ATTRS = 6;
const PROPS = 7;
const NOTES = 8;
const REVIEW = 9;
/** The keys a `tmx` JSON may hold, and a `tuv:<lang>` one. */
const TU_KEYS = ((1 << (REVIEW + 1)) - 1) & ~(1 << TAG);
const TUV_KEYS = (1 << TAG) | (1 << ATTRS) | (1 << PROPS) | (1 << NOTES);

/**
 * What a unit's `tmx` JSON (or, made with `tuv`, a `tuv:<lang>` JSON) holds, as ranges of its bytes; one per export
 * (and per kind), filled again per unit by {@link read}.
 */
export class Meta {
  private readonly keys: number;

  constructor(tuv = false) {
    this.keys = tuv ? TUV_KEYS : TU_KEYS;
  }

  /** Per scalar slot (TUID…TAG) and then per TU_ATTRS name: [from, to) of its value, or from = -1. */
  readonly ranges = new Int32Array(2 * (SCALARS + TU_ATTRS.length));
  /** Notes: [from, to) of each string; props: [from, to) of the type then of the value. */
  notes = new Int32Array(16);
  props = new Int32Array(32);
  noteCount = 0;
  propCount = 0;
  review = false;

  /** Reads the `tmx` JSON at src[from, to) ('' : no metadata); false when it is not of the shape read here. */
  read(src: Uint8Array, from: number, to: number): boolean {
    this.ranges.fill(-1);
    this.noteCount = this.propCount = 0;
    this.review = false;
    if (from === to) return true;
    if (src[from] !== OPEN_OBJECT) return false;
    let i = from + 1;
    let seen = 0;
    if (src[i] === CLOSE_OBJECT) return i + 1 === to;
    for (;;) {
      const nameEnd = keyEnd(src, i, to);
      if (nameEnd < 0 || src[nameEnd + 1] !== COLON) return false;
      const key = which(src, i + 1, nameEnd, META_KEYS);
      if (key < 0 || (seen & (1 << key)) !== 0 || (this.keys & (1 << key)) === 0) return false;
      seen |= 1 << key;
      i = nameEnd + 2;
      if (key === TUID || key === DOCUMENT || key === TAG) {
        const end = src[i] === QUOTE ? jsonStringEnd(src, i, to) : -1;
        if (end < 0) return false;
        this.ranges[2 * key] = i + 1;
        this.ranges[2 * key + 1] = end;
        i = end + 1;
      } else if (key < TAG) {
        const end = canonicalNumberEnd(src, i, to);
        if (end < 0) return false;
        this.ranges[2 * key] = i;
        this.ranges[2 * key + 1] = end;
        i = end;
      } else if (key === REVIEW) {
        const end = boolEnd(src, i, to);
        if (end === 0) return false;
        this.review = end > 0;
        i = Math.abs(end);
      } else {
        if (key === ATTRS) i = this.attrs(src, i, to);
        else if (key === PROPS) i = this.propList(src, i, to);
        else if (key === NOTES) i = this.noteList(src, i, to);
        if (i < 0) return false;
      }
      if (src[i] === COMMA) i++;
      else return src[i] === CLOSE_OBJECT && i + 1 === to;
    }
  }

  /** `attrs`: an object of strings; names not in TU_ATTRS are passed over (the string path writes none either). */
  private attrs(src: Uint8Array, i: number, to: number): number {
    if (src[i++] !== OPEN_OBJECT) return -1;
    if (src[i] === CLOSE_OBJECT) return i + 1;
    for (;;) {
      const nameEnd = keyEnd(src, i, to);
      if (nameEnd < 0 || src[nameEnd + 1] !== COLON || src[nameEnd + 2] !== QUOTE) return -1;
      const end = jsonStringEnd(src, nameEnd + 2, to);
      if (end < 0) return -1;
      const name = which(src, i + 1, nameEnd, ATTR_KEYS);
      if (name >= 0) {
        this.ranges[2 * (SCALARS + name)] = nameEnd + 3;
        this.ranges[2 * (SCALARS + name) + 1] = end;
      }
      i = end + 1;
      if (src[i] === CLOSE_OBJECT) return i + 1;
      if (src[i++] !== COMMA) return -1;
    }
  }

  /** `notes`: an array of strings. */
  private noteList(src: Uint8Array, i: number, to: number): number {
    if (src[i++] !== OPEN_ARRAY) return -1;
    if (src[i] === CLOSE_ARRAY) return i + 1;
    for (;;) {
      const end = src[i] === QUOTE ? jsonStringEnd(src, i, to) : -1;
      if (end < 0) return -1;
      if (2 * this.noteCount + 2 > this.notes.length) this.notes = grown(this.notes);
      this.notes[2 * this.noteCount] = i + 1;
      this.notes[2 * this.noteCount++ + 1] = end;
      i = end + 1;
      if (src[i] === CLOSE_ARRAY) return i + 1;
      if (src[i++] !== COMMA) return -1;
    }
  }

  /** `props`: an array of [type, value] string pairs. */
  private propList(src: Uint8Array, i: number, to: number): number {
    if (src[i++] !== OPEN_ARRAY) return -1;
    if (src[i] === CLOSE_ARRAY) return i + 1;
    for (;;) {
      if (src[i++] !== OPEN_ARRAY || src[i] !== QUOTE) return -1;
      const typeEnd = jsonStringEnd(src, i, to);
      if (typeEnd < 0 || src[typeEnd + 1] !== COMMA || src[typeEnd + 2] !== QUOTE) return -1;
      const end = jsonStringEnd(src, typeEnd + 2, to);
      if (end < 0 || src[end + 1] !== CLOSE_ARRAY) return -1;
      if (4 * this.propCount + 4 > this.props.length) this.props = grown(this.props);
      const p = 4 * this.propCount++;
      this.props[p] = i + 1;
      this.props[p + 1] = typeEnd;
      this.props[p + 2] = typeEnd + 3;
      this.props[p + 3] = end;
      i = end + 2;
      if (src[i] === CLOSE_ARRAY) return i + 1;
      if (src[i++] !== COMMA) return -1;
    }
  }
}

const grown = (a: Int32Array) => {
  const b = new Int32Array(2 * a.length);
  b.set(a);
  return b;
};

/** Flags of a decoded code. */
export const HI_START = 1;
export const HI_END = 2;

/**
 * A text's inline codes (`codes:<lang>`, JSON InlineCode[]) decoded for copying: code k's `xml` is
 * bytes[info[3k], info[3k + 1]) (UTF-8, as the string path would encode it) and info[3k + 2] its flags (HI_START,
 * HI_END or 0). One per export, filled again per text by {@link read}.
 */
export class Codes {
  bytes = Buffer.allocUnsafe(4096);
  info = new Int32Array(48);
  count = 0;

  /** Reads the codes at src[from, to); false when they are not of the shape read here. */
  read(src: Uint8Array, from: number, to: number): boolean {
    this.count = 0;
    if (from === to) return true;
    if (src[from] !== OPEN_ARRAY) return false;
    let i = from + 1;
    let used = 0;
    if (src[i] === CLOSE_ARRAY) return i + 1 === to;
    for (;;) {
      if (src[i++] !== OPEN_OBJECT) return false;
      let hi = false;
      let close = false;
      let xml = -1;
      for (;;) {
        const nameEnd = keyEnd(src, i, to);
        if (nameEnd < 0 || src[nameEnd + 1] !== COLON) return false;
        const key = i + 1;
        i = nameEnd + 2;
        if (src[i] === QUOTE) {
          const end = jsonStringEnd(src, i, to);
          if (end < 0) return false;
          if (is(src, key, nameEnd, XML)) {
            if (xml >= 0) return false;
            for (;;) {
              xml = jsonStringBytes(src, i + 1, end, this.bytes, used, RAW);
              if (xml !== NO_ROOM) break;
              const bigger = Buffer.allocUnsafe(2 * this.bytes.length + (end - i));
              this.bytes.copy(bigger, 0, 0, used);
              this.bytes = bigger;
            }
            if (xml < 0) return false;
          } else if (is(src, key, nameEnd, KIND)) {
            if (keyEnd(src, i, to) !== end) return false; // a kind written with escapes
            hi = is(src, i + 1, end, HI);
          }
          i = end + 1;
        } else {
          const end = boolEnd(src, i, to);
          if (end === 0 || !is(src, key, nameEnd, CLOSE)) return false;
          close = end > 0;
          i = Math.abs(end);
        }
        if (src[i] === CLOSE_OBJECT) break;
        if (src[i++] !== COMMA) return false;
      }
      if (xml < 0) return false;
      if (3 * this.count + 3 > this.info.length) this.info = grown(this.info);
      const c = 3 * this.count++;
      this.info[c] = used;
      this.info[c + 1] = xml;
      this.info[c + 2] = hi ? (close ? HI_END : HI_START) : 0;
      used = xml;
      i++;
      if (src[i] === CLOSE_ARRAY) return i + 1 === to;
      if (src[i++] !== COMMA) return false;
    }
  }
}
