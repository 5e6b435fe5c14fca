/**
 * Safe, streaming XML input for the interchange readers that stream (TMX; the XLIFF reader parses whole files into
 * an offset tree, xliff-xml.ts, with its own decoding, UTF-8 and UTF-16 only): bytes are decoded as XML 1.0
 * Appendix F says — by their BOM (a UTF-16 BOM decides whatever the declaration says, as libxml2 reads it), by
 * sniffing UTF-16 without a BOM (`<?` or `<` then 00, or whitespace then 00), or by the XML declaration's `encoding`
 * (UTF-8 by default; legacy encodings such as windows-1256 or GB18030 when declared), strictly — bytes that are not
 * valid in the encoding are an INVALID_ENCODING error naming the encoding the file was read as, not replacement
 * characters. The parser (saxes) never fetches a DTD and knows only the five
 * predefined entities; a DOCTYPE that declares entities (XXE, billion laughs) is refused with XML_ENTITIES_REFUSED
 * before anything is expanded (as the XLIFF reader does), and any well-formedness error is XML_MALFORMED
 * with its line and column.
 */
import { TextDecoder } from 'node:util';
import { SaxesParser } from 'saxes';
import { ErrorCode, MizanError } from '../errors';

export type ByteSource = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

/** The longest prolog (declaration, comments, DOCTYPE) accepted before the root element, in characters. */
export const MAX_PROLOG_CHARS = 1 << 20;
/** How far into the file the XML declaration is looked for. */
const DECLARATION_BYTES = 1024;

const UTF16 = /^(utf-?16(le|be)?|ucs-?2|iso-10646-ucs-2|unicode)$/i;
const UTF8 = /^utf-?8$/i;

export interface DecodedStream {
  /** The encoding used, as a WHATWG label ("utf-8", "utf-16le", "windows-1256"…). */
  encoding: string;
  chunks: AsyncGenerator<string>;
}

/** An encoding as a message names it: UTF-16LE, GB18030, but windows-1256 as Windows spells it. */
const shownEncoding = (label: string) => (/^windows-/i.test(label) ? label.toLowerCase() : label.toUpperCase());

/** INVALID_ENCODING naming the file and the encoding it was read as (or a declaration that cannot be honoured). */
const encodingError = (param: string, encoding: string, cause?: unknown) =>
  new MizanError(ErrorCode.INVALID_ENCODING, { param, encoding: shownEncoding(encoding) }, { cause });

/** Bytes that may start an XML document: `<` and the four whitespace characters. */
const STARTS = new Set([0x3c, 0x20, 0x09, 0x0a, 0x0d]);

/**
 * The encoding family of a file's first bytes (XML 1.0 Appendix F): a BOM; else UTF-16 when the first character
 * (`<`, or whitespace before the first element) is followed (LE) or preceded (BE) by a zero byte — which covers
 * `3C 00 3F 00` and `00 3C 00 3F`, a declaration without a BOM, and a file that starts with its element; else UTF-8
 * (or what an 8-bit file's declaration names).
 */
function sniff(head: Uint8Array): { encoding: string; skip: number; bom: boolean } {
  const [a, b, c] = head;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', skip: 3, bom: true };
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', skip: 2, bom: true };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', skip: 2, bom: true };
  if (a !== undefined && STARTS.has(a) && b === 0x00) return { encoding: 'utf-16le', skip: 0, bom: false };
  if (a === 0x00 && b !== undefined && STARTS.has(b)) return { encoding: 'utf-16be', skip: 0, bom: false };
  return { encoding: 'utf-8', skip: 0, bom: false };
}

/** The `encoding` pseudo-attribute of an XML declaration at the start of `text`, if any. */
export function declaredEncoding(text: string): string | undefined {
  const decl = /^<\?xml\s[^?>]*?\bencoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]*)\1/.exec(text);
  return decl?.[2];
}

/**
 * Chooses the decoder. A UTF-16 BOM decides, whatever the declaration names (it cannot be wrong about the bytes that
 * follow it: a file saved as UTF-16 by a tool that kept `encoding="UTF-8"` is read as UTF-16, as xmllint reads it).
 * UTF-16 sniffed without a BOM must be declared UTF-16 if declared at all; a UTF-8 BOM must not be declared as
 * another encoding (libxml2 refuses both); an 8-bit file without a BOM is read as its declaration says.
 */
function chooseDecoder(head: Uint8Array, param: string): { decoder: TextDecoder; skip: number } {
  const found = sniff(head);
  const wide = found.encoding !== 'utf-8';
  let label = found.encoding;
  if (!(wide && found.bom)) {
    const declared = wide
      ? declaredEncoding(new TextDecoder(found.encoding).decode(head.subarray(found.skip)))
      : declaredEncoding(new TextDecoder('latin1').decode(head.subarray(found.skip)));
    if (declared !== undefined) {
      if (wide !== UTF16.test(declared)) throw encodingError(param, declared);
      if (!wide && !UTF8.test(declared)) {
        if (found.bom) throw encodingError(param, declared);
        label = declared;
      }
    }
  }
  try {
    return { decoder: new TextDecoder(label, { fatal: true }), skip: found.skip };
  } catch (err) {
    throw encodingError(param, label, err);
  }
}

type Chunks = AsyncIterator<Uint8Array | string> | Iterator<Uint8Array | string>;

/** Text given as strings is already decoded: passed through, a leading BOM dropped, the declaration ignored. */
async function* passText(first: string, rest: Chunks): AsyncGenerator<string> {
  try {
    yield first.replace(/^\uFEFF/, '');
    for (;;) {
      const next = await rest.next();
      if (next.done) return;
      if (typeof next.value !== 'string') throw new TypeError('a source mixes strings and bytes');
      yield next.value;
    }
  } finally {
    await close(rest);
  }
}

/** Lets the source release what it holds (a file stream its descriptor) when reading stops early. */
async function close(source: Chunks): Promise<void> {
  await source.return?.();
}

/**
 * Decodes a byte stream to text chunks, strictly. A source of strings is taken as text already decoded. The head
 * of the file is buffered (≤ 1 KB) to read the declaration.
 */
export async function decodeXmlStream(source: ByteSource, param: string): Promise<DecodedStream> {
  const iterator = (
    Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]()
  ) as Chunks;
  const parts: Uint8Array[] = [];
  let size = 0;
  let ended = false;
  while (size < DECLARATION_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    if (typeof next.value === 'string') {
      if (parts.length > 0) throw new TypeError('a source mixes strings and bytes');
      return { encoding: 'utf-16', chunks: passText(next.value, iterator) };
    }
    parts.push(next.value);
    size += next.value.length;
  }
  const head = Buffer.concat(parts);
  let chosen: { decoder: TextDecoder; skip: number };
  try {
    chosen = chooseDecoder(head.subarray(0, DECLARATION_BYTES), param);
  } catch (err) {
    if (!ended) await close(iterator);
    throw err;
  }
  const { decoder, skip } = chosen;
  const decode = (bytes: Uint8Array, stream: boolean) => {
    try {
      return decoder.decode(bytes, { stream });
    } catch (err) {
      throw encodingError(param, decoder.encoding, err);
    }
  };
  async function* chunks(): AsyncGenerator<string> {
    try {
      yield decode(head.subarray(skip), !ended);
      if (ended) return;
      for (;;) {
        const next = await iterator.next();
        if (next.done) break;
        if (typeof next.value === 'string') throw new TypeError('a source mixes strings and bytes');
        yield decode(next.value, true);
      }
      yield decode(new Uint8Array(0), false);
    } finally {
      if (!ended) await close(iterator);
    }
  }
  return { encoding: decoder.encoding, chunks: chunks() };
}

/** Strips saxes' "line:column: " prefix from its messages. */
/** saxes's message without its "line:column: " prefix (the numbers travel as params) and its closing period. */
const saxesReason = (message: string) => message.replace(/^[^:]*:?\d+:\d+: /, '').replace(/\.$/, '');

/** The parts of saxes (6.x) that {@link markErrorStarts} wraps; not in its typings. */
interface SaxesInternals {
  stateTable: ((this: SaxesInternals) => void)[];
  state: number;
  chunk: string;
  i: number;
  line: number;
  column: number;
  handleTextOutsideRoot(): void;
}

/** Longer than any entity or character reference saxes knows (`&#x10FFFF;`): no `;` will make it one. */
const MAX_ENTITY_CHARS = 32;
/** Characters no entity or character reference holds: the `&` before them is a bare ampersand. */
const NOT_IN_ENTITY = /[\s<>&"']/;
const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

interface Position {
  line: number;
  column: number;
}

/**
 * saxes reports two errors far from their cause: a bare `&` (it reads everything after it as the entity's name,
 * looking for its `;`, to the end of the file: "unclosed tag" at the last line, and the whole rest of the file held
 * in one string), and text outside the root element (reported where that text ends, the next line for a file of
 * plain text). This wraps its entity state and its outside-root scan, so that the first fails at once at the `&`
 * and the second names its first character; both positions 1-based, as saxes counts lines.
 */
function markErrorStarts(parser: SaxesParser, fail: (reason: string, at: Position) => never): () => Position | null {
  const p = parser as unknown as SaxesInternals;
  const sEntity = Object.getPrototypeOf(parser).sEntity as (this: SaxesInternals) => void;
  const entityState = p.stateTable.indexOf(sEntity);
  if (entityState < 0) throw new Error('saxes changed: its entity state was not found');
  let entityStart: Position | undefined;
  let entityChars = 0;
  p.stateTable[entityState] = function (this: SaxesInternals) {
    // Entered with the `&` just read: saxes' column is then the `&`'s own (1-based).
    entityStart ??= { line: this.line, column: this.column };
    const from = this.i;
    sEntity.call(this);
    const read = this.chunk.slice(from, this.i);
    entityChars += read.length;
    if (NOT_IN_ENTITY.test(read) || entityChars > MAX_ENTITY_CHARS)
      fail("'&' that starts no entity or character reference (write &amp;)", entityStart);
    if (this.state !== entityState) {
      entityStart = undefined;
      entityChars = 0;
    }
  };
  let outside: { i: number; line: number; column: number } | undefined;
  const handleTextOutsideRoot = p.handleTextOutsideRoot;
  p.handleTextOutsideRoot = function (this: SaxesInternals) {
    outside = { i: this.i, line: this.line, column: this.column };
    try {
      handleTextOutsideRoot.call(this);
    } finally {
      outside = undefined;
    }
  };
  /** During the outside-root scan: where its first non-space character is (the one saxes complains of). */
  return () => {
    if (!outside) return null;
    let { line, column } = outside;
    for (let i = outside.i; i < p.chunk.length; i++) {
      const c = p.chunk[i]!;
      if (!isSpace(c)) return { line, column: column + 1 };
      if (c === '\n' || (c === '\r' && p.chunk[i + 1] !== '\n')) {
        line++;
        column = 0;
      } else if (c !== '\r') column++;
    }
    return null;
  };
}

/**
 * A saxes parser that turns every well-formedness error into XML_MALFORMED (line, column, reason) by throwing out of
 * `write`, and refuses a DOCTYPE that declares entities. `param` names the input in error messages.
 */
export function safeXmlParser(param: string): SaxesParser {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const malformed = (reason: string, at: Position): never => {
    throw new MizanError(ErrorCode.XML_MALFORMED, { param, line: at.line, column: at.column, reason });
  };
  const textStart = markErrorStarts(parser, malformed);
  parser.on('error', (err) => {
    const reason = saxesReason(err.message);
    const at = reason.startsWith('text data outside of root node') ? textStart() : null;
    malformed(reason, at ?? { line: parser.line, column: parser.column });
  });
  parser.on('doctype', (doctype) => {
    if (/<!ENTITY/i.test(doctype)) {
      throw new MizanError(ErrorCode.XML_ENTITIES_REFUSED, { param, line: parser.line });
    }
  });
  return parser;
}

/** The error for a prolog (declaration, comments, DOCTYPE) longer than {@link MAX_PROLOG_CHARS}. */
export function prologTooLong(parser: SaxesParser, param: string): MizanError {
  return new MizanError(ErrorCode.XML_MALFORMED, {
    param,
    line: parser.line,
    column: parser.column,
    reason: `more than ${MAX_PROLOG_CHARS} characters before the root element`,
  });
}
