/**
 * A stored unit written as a TMX `tu` from the bytes Redis answers (its record, store/unit-record.ts) straight into
 * the writer's output buffer, for the whole-TM export: texts and metadata are escaped byte to byte
 * (formats/xml-bytes.ts), the `tmx` and `codes:<lang>` JSON read where it lies (tu-json.ts), placeables replaced by
 * their codes' XML, and nothing is made a string or an object a unit. It writes the same bytes as the string path
 * (toTmxUnit + tuXml, encoded as UTF-8: a unit test compares the two); the units it leaves to that path are those with
 * tuv metadata, kept-apart variants to write, or JSON of another shape than unit-fields.ts writes.
 */
import {
  PROP_CONFIDENCE,
  PROP_DOCUMENT,
  PROP_PARAGRAPH,
  PROP_POSITION,
  PROP_REVIEW,
  TU_ATTRS,
  TU_END,
} from '../formats';
import * as xmlBytes from '../formats/xml-bytes';
import { FIELD_INDEX, type UnitField } from '../store/unit-record';
import { LANGS, type Lang } from '../types';
import * as tuJson from './tu-json';

// Read once into constants of this module: the sources run under tsx (the bench, the tests) make each use of an
// imported binding a getter call, which a loop run a million times notices.
const {
  ATTR,
  canonicalNumberEnd,
  copyRun,
  escapeBytes,
  jsonStringBytes,
  MOST_PER_BYTE,
  nextStop,
  NO_ROOM,
  NOT_HERE,
  RAW,
  TEXT,
} = xmlBytes;
const { ATTR_SLOT, Codes, CONFIDENCE, DOCUMENT, HI_END, HI_START, Meta, PARAGRAPH, POSITION, TUID } = tuJson;

export { NO_ROOM, NOT_HERE };
/** {@link TuBytes.write}: the export leaves the unit out (no Arabic, or no text in the chosen targets). */
export const SKIP = -3;

const at = (name: UnitField) => FIELD_INDEX[name];
const [DOC, POS, PARA, CONF, REVIEW, TMX, APART] = (
  ['doc', 'pos', 'para', 'conf', 'review', 'tmx', 'apart'] as const
).map(at) as [number, number, number, number, number, number, number];
const AR = at('ar');
/** Per language (LANGS order): its text's, its codes' and its tuv metadata's field. */
const TEXT_FIELD = LANGS.map((lang) => at(lang));
const CODES_FIELD = LANGS.map((lang) => at(`codes:${lang}`));
const TUV_FIELD = LANGS.map((lang) => at(`tuv:${lang}`));

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
const TU_OPEN = utf8('    <tu');
const TUID_OPEN = utf8(' tuid="');
const ATTR_OPEN = TU_ATTRS.map((name) => utf8(` ${name}="`));
const ATTR_COUNT = TU_ATTRS.length;
const QUOTE = utf8('"');
const TU_CLOSE = utf8(' srclang="ar">\n');
const NOTE_OPEN = utf8('      <note>');
const NOTE_CLOSE = utf8('</note>\n');
const PROP_OPEN = utf8('      <prop type="');
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
const OPEN = Object.fromEntries(LANGS.map((lang) => [lang, `      <tuv xml:lang="${lang}"><seg>`])) as Record<
  Lang,
  string
>;
const FIRST_TUV = LANGS.map((lang) => utf8(OPEN[lang]));
const NEXT_TUV = LANGS.map((lang) => utf8(`</seg></tuv>\n${OPEN[lang]}`));
const LAST = utf8(`</seg></tuv>\n${TU_END}`);
const HI_CLOSE = utf8('</hi>');

/** Copies `bytes` into `out` at `at`; NO_ROOM when they do not fit. */
function put(out: Uint8Array, at: number, bytes: Uint8Array): number {
  if (at < 0) return at;
  if (at + bytes.length > out.length) return NO_ROOM;
  for (let k = 0; k < bytes.length; k++) out[at + k] = bytes[k]!;
  return at + bytes.length;
}

/** Copies src[from, to) into `out` at `at`; NO_ROOM when it does not fit. */
const copy = (src: Uint8Array, from: number, to: number, out: Uint8Array, at: number) =>
  escapeBytes(src, from, to, out, at, RAW);

const isEmpty = (cuts: Int32Array, i: number) => cuts[2 * i + 1] === cuts[2 * i];
/** Whether field i is `word` (one ASCII character). */
const isChar = (src: Uint8Array, cuts: Int32Array, i: number, c: number) =>
  cuts[2 * i + 1]! - cuts[2 * i]! === 1 && src[cuts[2 * i]!] === c;

/** Writes units as `tu`s from their record bytes; one per export (it keeps the scratch space of its readers). */
export class TuBytes {
  private readonly meta = new Meta();
  private readonly codes = new Codes();
  /** The chosen languages, as indexes into LANGS (Arabic first). */
  private readonly langs: Int32Array;

  /** `langs` as the writer's (Arabic first); `apart`: kept-apart variants are written (the string path does it). */
  constructor(
    langs: readonly Lang[],
    private readonly apart: boolean,
  ) {
    this.langs = Int32Array.from(langs, (lang) => LANGS.indexOf(lang));
  }

  /**
   * Writes the `tu` of the record whose values `cuts` locates in `src` (store/unit-record.ts, cutRecord) into `out` at
   * `at`; answers where it ends, or SKIP, NOT_HERE (write it on the string path) or NO_ROOM (make room, call again).
   */
  write(out: Uint8Array, at: number, src: Uint8Array, cuts: Int32Array): number {
    const { langs } = this;
    if (isEmpty(cuts, AR)) return SKIP;
    let target = false;
    for (let l = 0; l < langs.length; l++) {
      const lang = langs[l]!;
      if (!isEmpty(cuts, TUV_FIELD[lang]!)) return NOT_HERE;
      if (TEXT_FIELD[lang] !== AR && !isEmpty(cuts, TEXT_FIELD[lang]!)) target = true;
    }
    if (!target) return SKIP;
    if (this.apart && !isEmpty(cuts, APART)) return NOT_HERE;
    if (!this.meta.read(src, cuts[2 * TMX]!, cuts[2 * TMX + 1]!)) return NOT_HERE;
    this.wordsOf(src);
    at = this.start(out, at, src, cuts);
    let first = true;
    for (let l = 0; l < langs.length; l++) {
      const lang = langs[l]!;
      const i = TEXT_FIELD[lang]!;
      if (isEmpty(cuts, i)) continue;
      at = put(out, at, first ? FIRST_TUV[lang]! : NEXT_TUV[lang]!);
      if (at < 0) return at;
      at = this.segment(out, at, src, cuts[2 * i]!, cuts[2 * i + 1]!, CODES_FIELD[lang]!, cuts);
      first = false;
    }
    return put(out, at, LAST);
  }

  /** The `tu` start tag, its notes, placement props and props (tmx-stream-write.ts, tuStart). */
  private start(out: Uint8Array, at: number, src: Uint8Array, cuts: Int32Array): number {
    const { ranges, notes, props } = this.meta;
    at = put(out, at, TU_OPEN);
    if (ranges[2 * TUID]! >= 0) at = this.attr(out, at, TUID_OPEN, src, TUID);
    for (let a = 0; a < ATTR_COUNT; a++)
      if (ranges[2 * (ATTR_SLOT + a)]! >= 0) at = this.attr(out, at, ATTR_OPEN[a]!, src, ATTR_SLOT + a);
    at = put(out, at, TU_CLOSE);
    for (let n = 0; n < this.meta.noteCount; n++) {
      at = put(out, at, NOTE_OPEN);
      at = json(src, notes[2 * n]!, notes[2 * n + 1]!, out, at, TEXT);
      at = put(out, at, NOTE_CLOSE);
    }
    at = isEmpty(cuts, DOC) ? this.placedByTmx(out, at, src) : placedInDocument(out, at, src, cuts);
    for (let p = 0; p < this.meta.propCount; p++) {
      at = put(out, at, PROP_OPEN);
      at = json(src, props[4 * p]!, props[4 * p + 1]!, out, at, ATTR);
      at = put(out, at, PROP_VALUE);
      at = json(src, props[4 * p + 2]!, props[4 * p + 3]!, out, at, TEXT);
      at = put(out, at, PROP_CLOSE);
    }
    return at;
  }

  private attr(out: Uint8Array, at: number, open: Uint8Array, src: Uint8Array, slot: number): number {
    at = put(out, at, open);
    at = json(src, this.meta.ranges[2 * slot]!, this.meta.ranges[2 * slot + 1]!, out, at, ATTR);
    return put(out, at, QUOTE);
  }

  /** Placement props of a unit in no document, from its `tmx` metadata (unit-fields.ts, toTmxUnit). */
  private placedByTmx(out: Uint8Array, at: number, src: Uint8Array): number {
    const { ranges } = this.meta;
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
    return this.meta.review ? put(out, at, REVIEW_PROP) : at;
  }

  /**
   * A text as the content of its `seg` (formats/placeables.ts, segmentXml): escaped, each placeable replaced by its
   * code's XML (the codes read when the first placeable is met), a placeable without a code dropped, `hi` balanced.
   * Runs of bytes that need nothing are found four at a time ({@link nextStop}) and copied as they are.
   */
  private segment(
    out: Uint8Array,
    at: number,
    src: Uint8Array,
    from: number,
    to: number,
    field: number,
    cuts: Int32Array,
  ) {
    if (at + MOST * (to - from) > out.length) return NO_ROOM;
    const { words } = this;
    let run = from;
    let read = false;
    let openHi = 0;
    for (let i = nextStop(src, words, from, to); i < to; i = nextStop(src, words, i, to)) {
      const b = src[i]!;
      if (b < 0x80) {
        at = copyRun(src, run, i, out, at);
        at = escapeBytes(src, i, i + 1, out, at, TEXT);
        run = ++i;
        continue;
      }
      const next = src[i + 1]!;
      if (b === 0xef && next >= 0xa4) {
        // U+F900–U+FFFF: only U+FFFE and U+FFFF are written otherwise (as U+FFFD, by escapeBytes).
        if (next === 0xbf && src[i + 2]! >= 0xbe) {
          at = copyRun(src, run, i, out, at);
          at = escapeBytes(src, i, i + 3, out, at, TEXT);
          run = i + 3;
        }
        i += 3;
        continue;
      }
      at = copyRun(src, run, i, out, at); // a placeable, U+E000–U+F8FF
      const k = (((b & 0x0f) << 12) | ((next & 0x3f) << 6) | (src[i + 2]! & 0x3f)) - 0xe000;
      i += 3;
      run = i;
      if (!read && !this.codes.read(src, cuts[2 * field]!, cuts[2 * field + 1]!)) return NOT_HERE;
      read = true;
      if (k >= this.codes.count) continue;
      const { info, bytes } = this.codes;
      const flags = info[3 * k + 2]!;
      if (flags === HI_END) {
        if (openHi === 0) continue;
        openHi--;
      } else if (flags === HI_START) openHi++;
      const [xmlFrom, xmlTo] = [info[3 * k]!, info[3 * k + 1]!];
      if (at < 0 || at + (xmlTo - xmlFrom) + MOST * (to - i) + HI_CLOSE.length * openHi > out.length) return NO_ROOM;
      at = copyRun(bytes, xmlFrom, xmlTo, out, at);
    }
    at = copyRun(src, run, to, out, at);
    for (; openHi > 0; openHi--) at = put(out, at, HI_CLOSE);
    return at;
  }

  private words: Int32Array<ArrayBufferLike> = new Int32Array(0);
  /** Makes {@link words} the Int32 view of src's ArrayBuffer (a page's records share one). */
  private wordsOf(src: Uint8Array): void {
    if (this.words.buffer !== src.buffer) this.words = new Int32Array(src.buffer, 0, src.buffer.byteLength >> 2);
  }
}

/** Most output bytes one text byte becomes (formats/xml-bytes.ts). */
const MOST = MOST_PER_BYTE;

/** A JSON string body escaped as `mode` asks. */
const json = jsonStringBytes;

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
