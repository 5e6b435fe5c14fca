/**
 * A stored unit written as a TMX `tu` from the bytes Redis answers (its record, store/unit-record.ts) straight into
 * the writer's output buffer, for the whole-TM export: texts and metadata are escaped byte to byte
 * (formats/xml-bytes.ts), the `tmx` and `codes:<lang>` JSON read where it lies (tu-json.ts), placeables replaced by
 * their codes' XML, and nothing is made a string or an object a unit. It writes the same bytes as the string path
 * (toTmxUnit + tuXml, encoded as UTF-8: a unit test compares the two); the units it leaves to that path are those with
 * kept-apart variants to write, JSON of another shape than unit-fields.ts writes, or codes the DTD refuses (stored
 * before the import repaired them: the string path repairs them as it writes). The start of a tu and of a tuv
 * with metadata are written by tu-start.ts.
 */
import { TU_END } from '../formats';
import * as inlineCheck from '../formats/inline-check';
import * as xmlBytes from '../formats/xml-bytes';
import { LANGS, type Lang } from '../types';
import * as tuJson from './tu-json';
import * as tuStart from './tu-start';

// Read once into constants of this module: the sources run under tsx (the bench, the tests) make each use of an
// imported binding a getter call, which a loop run a million times notices.
const { copyRun, escapeBytes, MOST_PER_BYTE, nextStop, NO_ROOM, NOT_HERE, TEXT } = xmlBytes;
const { Codes, HI_END, HI_START, Meta } = tuJson;
const { at, isEmpty, put, tuStartBytes, tuvStartBytes, utf8 } = tuStart;
const { validCodeBytes } = inlineCheck;

export { NO_ROOM, NOT_HERE };
/** {@link TuBytes.write}: the export leaves the unit out (no Arabic, or no text in the chosen targets). */
export const SKIP = -3;

const [AR, TMX, APART] = [at('ar'), at('tmx'), at('apart')];
/** Per language (LANGS order): its text's, its codes' and its tuv metadata's field. */
const TEXT_FIELD = LANGS.map((lang) => at(lang));
const CODES_FIELD = LANGS.map((lang) => at(`codes:${lang}`));
const TUV_FIELD = LANGS.map((lang) => at(`tuv:${lang}`));

/** A tuv without metadata, up to its text; the bytes that close it, or one with notes or props. */
const TUV_OPEN = LANGS.map((lang) => utf8(`      <tuv xml:lang="${lang}"><seg>`));
const TUV_CLOSE = utf8('</seg></tuv>\n');
const TUV_META_CLOSE = utf8('</seg>\n      </tuv>\n');
const TU_END_BYTES = utf8(TU_END);
const HI_CLOSE = utf8('</hi>');

/** Writes units as `tu`s from their record bytes; one per export (it keeps the scratch space of its readers). */
export class TuBytes {
  private readonly meta = new Meta();
  private readonly tuvMeta = new Meta(true);
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
      if (TEXT_FIELD[lang] !== AR && !isEmpty(cuts, TEXT_FIELD[lang]!)) target = true;
    }
    // Variants kept apart are written on the string path, an Arabic-only unit's Traditional Chinese too.
    if (this.apart && !isEmpty(cuts, APART)) return NOT_HERE;
    if (!target) return SKIP;
    if (!this.meta.read(src, cuts[2 * TMX]!, cuts[2 * TMX + 1]!)) return NOT_HERE;
    this.wordsOf(src);
    at = tuStartBytes(out, at, src, cuts, this.meta);
    for (let l = 0; l < langs.length; l++) {
      const lang = langs[l]!;
      const i = TEXT_FIELD[lang]!;
      if (isEmpty(cuts, i)) continue;
      const tuv = TUV_FIELD[lang]!;
      let close = TUV_CLOSE;
      if (isEmpty(cuts, tuv)) at = put(out, at, TUV_OPEN[lang]!);
      else {
        if (!this.tuvMeta.read(src, cuts[2 * tuv]!, cuts[2 * tuv + 1]!)) return NOT_HERE;
        at = tuvStartBytes(out, at, src, this.tuvMeta, lang);
        if (this.tuvMeta.noteCount + this.tuvMeta.propCount > 0) close = TUV_META_CLOSE;
      }
      if (at < 0) return at;
      at = this.segment(out, at, src, cuts[2 * i]!, cuts[2 * i + 1]!, CODES_FIELD[lang]!, cuts);
      at = put(out, at, close);
    }
    return put(out, at, TU_END_BYTES);
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
      if (!read && !(this.codes.read(src, cuts[2 * field]!, cuts[2 * field + 1]!) && this.codesValid()))
        return NOT_HERE;
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

  /**
   * Whether the DTD accepts every code read as it is; codes stored before the import repaired them (inline-repair.ts)
   * are left to the string path, which repairs them. Paid only by a text that holds a placeable.
   */
  private codesValid(): boolean {
    const { info, bytes, count } = this.codes;
    for (let k = 0; k < count; k++) if (!validCodeBytes(bytes, info[3 * k]!, info[3 * k + 1]!)) return false;
    return true;
  }

  private words: Int32Array<ArrayBufferLike> = new Int32Array(0);
  /** Makes {@link words} the Int32 view of src's ArrayBuffer (a page's records share one). */
  private wordsOf(src: Uint8Array): void {
    if (this.words.buffer !== src.buffer) this.words = new Int32Array(src.buffer, 0, src.buffer.byteLength >> 2);
  }
}

/** Most output bytes one text byte becomes (formats/xml-bytes.ts). */
const MOST = MOST_PER_BYTE;
