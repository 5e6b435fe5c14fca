/**
 * Streaming TMX import: bytes in (a Node Readable, or any iterable of Buffers or strings), translation units out,
 * one `tu` at a time, in constant memory whatever the file size. The consumer sets the pace: the next chunk of the
 * file is read only when the units of the previous one have been taken (backpressure through the async iterator).
 *
 * - Encodings: UTF-8 with or without BOM, UTF-16 LE/BE with or without BOM, or what the declaration names
 *   (xml-stream.ts); bytes invalid in the encoding → INVALID_ENCODING.
 * - Safety: no DTD is fetched, no entity is declared or expanded (XML_ENTITIES_REFUSED), malformed XML →
 *   XML_MALFORMED with line and column; a file that is not TMX → TMX_INVALID.
 * - Languages (language-tags.ts): `xml:lang` or the old `lang`, BCP 47 or POSIX; ar, en and zh are the unit's
 *   texts, Traditional Chinese and other languages are kept apart on the unit (`apart`) and counted.
 * - A unit is yielded when it has Arabic and at least one of en, zh; the others are counted by reason. A file whose
 *   units hold no Arabic at all fails at the end with TMX_NO_ARABIC (an empty body is not an error).
 * - Units that were read before an error have already been handed out: a caller that needs all-or-nothing stages
 *   them and commits after the iteration ends without error.
 */
import { ErrorCode, MizanError } from '../errors';
import { PROP_DOCUMENT, type TmxCounts, type TmxHeaderInfo, type TmxTu } from './tmx-model';
import { TmxSaxHandler } from './tmx-sax';
import { decodeXmlStream, prologTooLong, MAX_PROLOG_CHARS, safeXmlParser, type ByteSource } from './xml-stream';

export interface TmxReadOptions {
  /** Names the input in error messages (a file name or form field). Default "file". */
  name?: string;
  /** The `tu` prop that names a unit's document. Default `x-document` (what mizan writes). */
  documentProp?: string;
  /** A `tu` with more characters than this (texts, codes, props, notes) is skipped as "too-long". */
  maxUnitChars?: number;
}

export const DEFAULT_MAX_UNIT_CHARS = 1_000_000;

export class TmxStreamReader implements AsyncIterable<TmxTu> {
  /** The encoding the file was decoded with, once reading has started. */
  encoding: string | undefined;
  private readonly param: string;
  private readonly parser;
  private readonly handler: TmxSaxHandler;
  private started = false;

  constructor(
    private readonly source: ByteSource,
    options: TmxReadOptions = {},
  ) {
    this.param = options.name ?? 'file';
    this.parser = safeXmlParser(this.param);
    this.handler = new TmxSaxHandler(this.parser, {
      param: this.param,
      documentProp: options.documentProp ?? PROP_DOCUMENT,
      maxUnitChars: options.maxUnitChars ?? DEFAULT_MAX_UNIT_CHARS,
    });
  }

  /** The header, once the body has started (that is, before the first unit is handed out). */
  get header(): TmxHeaderInfo | undefined {
    return this.handler.headerDone ? this.handler.header : undefined;
  }

  /** Counters so far; final once the iteration has ended. */
  get counts(): TmxCounts {
    return this.handler.counts;
  }

  /** The units, one chunk of the file at a time (each batch is a fresh array the caller may keep). */
  async *batches(): AsyncGenerator<TmxTu[]> {
    if (this.started) throw new Error('a TmxStreamReader can be read once');
    this.started = true;
    const { parser, handler } = this;
    const decoded = await decodeXmlStream(this.source, this.param);
    this.encoding = decoded.encoding;
    let prolog = 0;
    for await (const text of decoded.chunks) {
      parser.write(text);
      if (!handler.sawRoot) {
        prolog += text.length;
        if (prolog > MAX_PROLOG_CHARS) throw prologTooLong(parser, this.param);
      }
      if (handler.ready.length > 0) yield handler.ready.splice(0);
    }
    parser.close();
    if (handler.ready.length > 0) yield handler.ready.splice(0);
    if (!handler.headerDone) {
      throw new MizanError(ErrorCode.TMX_INVALID, { reason: 'no <header> and <body>', line: parser.line });
    }
    this.checkArabic();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<TmxTu> {
    for await (const batch of this.batches()) yield* batch;
  }

  private checkArabic(): void {
    const counts = this.handler.counts;
    if (counts.tus === 0 || this.handler.sawArabic) return;
    const languages = Object.keys(counts.languages).sort();
    // A language whose texts are Arabic script: the file labels its Arabic so (po2tmx --source-language en). Said,
    // never read as Arabic: the labels may be right about the other tuvs, and only the user knows.
    const written = this.handler.scripts.arabicWritten();
    throw new MizanError(ErrorCode.TMX_NO_ARABIC, {
      param: this.param,
      units: counts.tus,
      languages: languages.length > 0 ? languages.join(', ') : '(none)',
      reason: written === undefined ? 'arabic-source' : 'arabic-script',
      ...(written !== undefined && { written }),
    });
  }
}

export interface TmxFileContents {
  header: TmxHeaderInfo;
  units: TmxTu[];
  counts: TmxCounts;
  encoding: string;
}

/** Reads a whole (small) TMX into memory: for tests, seeds and one-document imports. */
export async function readTmxUnits(
  source: ByteSource | Uint8Array | string,
  options?: TmxReadOptions,
): Promise<TmxFileContents> {
  const reader = new TmxStreamReader(
    typeof source === 'string' || source instanceof Uint8Array ? [source] : source,
    options,
  );
  const units: TmxTu[] = [];
  for await (const batch of reader.batches()) for (const unit of batch) units.push(unit);
  return { header: reader.header!, units, counts: reader.counts, encoding: reader.encoding! };
}
