/**
 * A small element tree over an XML text that remembers where every element sits in that text, so that a writer can
 * splice changes into the original string and leave every other character as it was.
 *
 * Parsing is saxes (strict, namespace-aware). Safety: saxes never fetches a DTD and never expands entities other than
 * the five predefined ones and character references; on top of that a DOCTYPE that declares entities is refused
 * before the root element is read (XXE, "billion laughs"), so nothing is ever expanded. Offsets are UTF-16 code
 * units of the decoded text: saxes reports its position just after each `>`, and an element's `<` is the last `<`
 * before that (a `<` cannot occur unescaped inside a tag).
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { ErrorCode, MizanError } from '../errors';

export interface XmlElement {
  /** Qualified name as written (`xlf:source`, `target`). */
  name: string;
  local: string;
  /** Namespace URI ('' when none). */
  uri: string;
  /** Attributes by qualified name as written, values decoded. */
  attrs: Record<string, string>;
  /** Offset of `<` of the start tag. */
  start: number;
  /** Offset just after the start tag's `>`. */
  openEnd: number;
  /** Offset of `</` of the end tag (= openEnd for an empty-element tag). */
  closeStart: number;
  /** Offset just after the end tag (= openEnd for an empty-element tag). */
  end: number;
  selfClosing: boolean;
  /**
   * Child elements and decoded text (character data and CDATA; comments and PIs are left out; with `textIn`, text
   * only inside the elements it names).
   */
  children: XmlNode[];
  parent: XmlElement | undefined;
}
export type XmlNode = XmlElement | string;

export type XmlEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface XmlText {
  text: string;
  encoding: XmlEncoding;
  /** The input began with a byte order mark (kept on output). */
  bom: boolean;
}

const DECLARED_ENCODING = /^<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/;
const ACCEPTED_ENCODINGS = new Set(['utf-8', 'utf8', 'utf-16', 'utf-16le', 'utf-16be', 'us-ascii', 'ascii']);

/**
 * Decodes an XML file's bytes: UTF-8 (with or without BOM) or UTF-16 (BOM, or the `<?` pattern without one).
 * A string is taken as already decoded. Invalid UTF-8 and other declared encodings are refused.
 */
export function decodeXml(input: string | Uint8Array): XmlText {
  if (typeof input === 'string') {
    const bom = input.startsWith('\uFEFF');
    return { text: bom ? input.slice(1) : input, encoding: 'utf-8', bom };
  }
  const b = input;
  let decoded: XmlText;
  try {
    if (b[0] === 0xff && b[1] === 0xfe) decoded = utf16(b.subarray(2), 'utf-16le', true);
    else if (b[0] === 0xfe && b[1] === 0xff) decoded = utf16(b.subarray(2), 'utf-16be', true);
    else if (b[0] === 0x3c && b[1] === 0x00 && b[2] === 0x3f && b[3] === 0x00) decoded = utf16(b, 'utf-16le', false);
    else if (b[0] === 0x00 && b[1] === 0x3c && b[2] === 0x00 && b[3] === 0x3f) decoded = utf16(b, 'utf-16be', false);
    else {
      const bom = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
      const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bom ? b.subarray(3) : b);
      decoded = { text, encoding: 'utf-8', bom };
    }
  } catch {
    throw new MizanError(ErrorCode.INVALID_ENCODING, { param: 'file' });
  }
  const declared = DECLARED_ENCODING.exec(decoded.text)?.[1]?.toLowerCase();
  if (declared !== undefined && !ACCEPTED_ENCODINGS.has(declared)) {
    throw new MizanError(ErrorCode.INVALID_ENCODING, { param: 'file' });
  }
  return decoded;
}

function utf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', bom: boolean): XmlText {
  if (bytes.length % 2 !== 0) throw new Error('odd UTF-16 length');
  return { text: new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes), encoding, bom };
}

/** Encodes text back into the input's encoding (and BOM): untouched parts come out byte for byte. */
export function encodeXml(text: string, encoding: XmlEncoding, bom: boolean): Uint8Array {
  const body = bom ? `\uFEFF${text}` : text;
  if (encoding === 'utf-8') return new TextEncoder().encode(body);
  const bytes = Buffer.from(body, 'utf16le');
  if (encoding === 'utf-16be') bytes.swap16();
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Thrown from inside a saxes handler to stop parsing at once. */
class Abort extends Error {
  constructor(readonly error: MizanError) {
    super(error.message);
  }
}

function malformed(parser: SaxesParser, message: string): MizanError {
  // saxes prefixes its messages with "line:column: "; the numbers travel as params instead.
  const reason = message.replace(/^(?:[^:]*:)?\d+:\d+: /, '').replace(/\.$/, ''); // the message closes the quote
  return new MizanError(ErrorCode.XML_MALFORMED, { line: parser.line, column: parser.column, reason });
}

/**
 * Deepest element nesting a file may have. Real XLIFF nests a few levels of inline codes at most; the tree's
 * walkers recurse, so a hostile file of thousands of nested `<g>` is refused here instead of overflowing the stack.
 */
export const MAX_XML_DEPTH = 256;

export interface TreeOptions {
  /**
   * Local names of the elements whose text is kept (theirs and their descendants'); elsewhere text is left out of
   * the tree. Every element is kept wherever it is. @default all text kept
   */
  textIn?: ReadonlySet<string>;
}

/**
 * Parses XML text into an offset-carrying element tree. Throws XML_MALFORMED or XML_ENTITIES_REFUSED.
 *
 * Memory: a file of tens of MB has hundreds of thousands of elements and text runs, so the tree is kept lean —
 * names, namespace URIs and attribute names are interned (one string per distinct name, not one per element), and
 * with `textIn` only the text a reader looks at is kept (the XLIFF reader: sources and targets, not the whitespace
 * between units, notes or contexts, whose bytes the writer copies from the original text anyway).
 */
export function parseXmlTree(text: string, { textIn }: TreeOptions = {}): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  let root: XmlElement | undefined;
  let current: XmlElement | undefined;
  let depth = 0;
  // Depth of the outermost element whose text is kept (0: none open), when textIn is given.
  let keepFrom = 0;
  const names = new Map<string, string>();
  const intern = (s: string) => {
    const known = names.get(s);
    if (known !== undefined) return known;
    names.set(s, s);
    return s;
  };

  parser.on('doctype', (doctype) => {
    if (/<!ENTITY/i.test(doctype)) throw new Abort(new MizanError(ErrorCode.XML_ENTITIES_REFUSED));
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (++depth > MAX_XML_DEPTH) {
      throw new Abort(malformed(parser, `elements nested deeper than ${MAX_XML_DEPTH} levels`));
    }
    const openEnd = parser.position;
    const attrs: Record<string, string> = {};
    for (const name in tag.attributes) attrs[intern(name)] = tag.attributes[name]!.value;
    if (textIn && keepFrom === 0 && textIn.has(tag.local)) keepFrom = depth;
    const el: XmlElement = {
      name: intern(tag.name),
      local: intern(tag.local),
      uri: intern(tag.uri),
      attrs,
      start: text.lastIndexOf('<', openEnd - 1),
      openEnd,
      closeStart: openEnd,
      end: openEnd,
      selfClosing: tag.isSelfClosing,
      children: [],
      parent: current,
    };
    if (current) current.children.push(el);
    else root = el;
    current = el;
  });
  parser.on('closetag', () => {
    const el = current;
    if (!el) return;
    if (keepFrom === depth) keepFrom = 0;
    depth--;
    if (!el.selfClosing) {
      el.end = parser.position;
      el.closeStart = text.lastIndexOf('</', el.end - 1);
    }
    // An array grown by push keeps room for 16 more; an element's children are complete at its end tag.
    if (el.children.length > 0) el.children = el.children.slice();
    current = el.parent;
  });
  const onText = (t: string) => {
    if (current && t && (!textIn || keepFrom > 0)) current.children.push(t);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('error', (err) => {
    throw new Abort(malformed(parser, err.message));
  });

  try {
    parser.write(text).close();
  } catch (err) {
    if (err instanceof Abort) throw err.error;
    throw malformed(parser, (err as Error).message);
  }
  if (!root)
    throw new MizanError(ErrorCode.XML_MALFORMED, {
      line: parser.line,
      column: parser.column,
      reason: 'no root element',
    });
  return root;
}

/** Child elements, optionally only those with a given local name (and namespace). */
export function childElements(el: XmlElement, local?: string, uri?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const child of el.children) {
    if (typeof child === 'string') continue;
    if (local !== undefined && child.local !== local) continue;
    if (uri !== undefined && child.uri !== uri) continue;
    out.push(child);
  }
  return out;
}

/** The prefix of a qualified name, with its colon (`xlf:`), or '' for the default namespace. */
export function prefixOf(el: XmlElement): string {
  const colon = el.name.indexOf(':');
  return colon < 0 ? '' : el.name.slice(0, colon + 1);
}

/** The `xml:space` in force on an element: its own, else the nearest ancestor's (XML 1.0 §2.10). */
export function spacePreserved(el: XmlElement | undefined): boolean {
  for (; el; el = el.parent) {
    const space = el.attrs['xml:space'];
    if (space !== undefined) return space === 'preserve';
  }
  return false;
}
