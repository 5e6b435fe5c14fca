/**
 * Reads TMX (1.1–1.4b) with a real, strict XML parser (saxes: no DTD fetching, no custom entities, so no XXE or
 * entity bombs). Streams units to a callback, so a large file never needs a DOM. Accepts UTF-8 with or without a
 * BOM and UTF-16 with a BOM; `xml:lang` or the deprecated `lang`. Inline codes (bpt, ept, ph, it, ut) are native
 * markup and are dropped from the text; `hi` keeps its text.
 */
import { SaxesParser } from 'saxes';
import { ErrorCode, MizanError } from '../errors';

export interface TmxVariant {
  /** The language code as written in the file (e.g. "ar", "zh-CN"). */
  lang: string;
  text: string;
}

export interface TmxUnit {
  tuid?: string;
  /** `prop` elements of the `tu` (the last one wins for a repeated type). */
  props: Record<string, string>;
  variants: TmxVariant[];
}

export interface TmxHeader {
  srclang: string;
  props: Record<string, string>;
  attributes: Record<string, string>;
}

export interface TmxFile {
  header: TmxHeader;
  units: TmxUnit[];
}

const NATIVE_CODE = new Set(['bpt', 'ept', 'ph', 'it', 'ut']);

/** Decodes bytes by their BOM (UTF-16 LE/BE, UTF-8), defaulting to UTF-8; strips the BOM. */
export function decodeXmlBytes(input: string | Uint8Array): string {
  if (typeof input === 'string') return input.replace(/^\uFEFF/, '');
  const bytes = input;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, '');
}

function invalid(reason: string, line?: number): MizanError {
  return new MizanError(ErrorCode.TMX_INVALID, { reason, line: line ?? 0 });
}

/** What the reader has open at a point of the document (see parseTmx). */
interface ReadState {
  header: TmxHeader;
  /** Names of the open elements, outermost first. */
  stack: string[];
  unit?: TmxUnit;
  variant?: TmxVariant;
  /** The `prop` being read (its type) and its text so far. */
  propType?: string;
  propText: string;
  /** Depth inside inline codes (bpt, ept, ph, it, ut), whose text is not the segment's. */
  nativeDepth: number;
  sawRoot: boolean;
  sawHeader: boolean;
}

/** Parses a TMX document, calling `onUnit` for each `tu` in order. Returns the header. */
export function parseTmx(input: string | Uint8Array, onUnit: (unit: TmxUnit) => void): TmxHeader {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const state: ReadState = {
    header: { srclang: '', props: {}, attributes: {} },
    stack: [],
    propText: '',
    nativeDepth: 0,
    sawRoot: false,
    sawHeader: false,
  };
  let failure: Error | undefined;
  const fail = (reason: string) => {
    failure ??= invalid(reason.replace(/^\S*:\d+:\d+: /, ''), parser.line);
  };
  parser.on('error', (err) => fail(err.message));
  parser.on('opentag', (tag) => openTag(state, tag.name, tag.attributes, fail));
  parser.on('text', (text) => {
    if (state.propType !== undefined) state.propText += text;
    else addSegmentText(state, text);
  });
  parser.on('cdata', (text) => addSegmentText(state, text));
  parser.on('closetag', (tag) => {
    const unit = closeTag(state, tag.name);
    if (unit && !failure) onUnit(unit);
  });
  try {
    parser.write(decodeXmlBytes(input)).close();
  } catch (err) {
    fail((err as Error).message);
  }
  if (failure) throw failure;
  if (!state.sawRoot) throw invalid('empty document');
  if (!state.sawHeader) throw invalid('no <header> element');
  return state.header;
}

function openTag(
  state: ReadState,
  name: string,
  attributes: Record<string, string>,
  fail: (reason: string) => void,
): void {
  const parent = state.stack[state.stack.length - 1];
  state.stack.push(name);
  const attr = (key: string): string | undefined => attributes[key];
  if (state.stack.length === 1) {
    if (name !== 'tmx') fail(`root element is <${name}>, not <tmx>`);
    state.sawRoot = true;
  } else if (name === 'header' && parent === 'tmx') {
    state.sawHeader = true;
    for (const [k, v] of Object.entries(attributes)) state.header.attributes[k] = String(v);
    state.header.srclang = attr('srclang') ?? '';
  } else if (name === 'tu') {
    state.unit = { props: {}, variants: [] };
    const tuid = attr('tuid');
    if (tuid !== undefined) state.unit.tuid = tuid;
  } else if (name === 'tuv' && state.unit) {
    const lang = attr('xml:lang') ?? attr('lang');
    if (!lang) fail('<tuv> without xml:lang');
    state.variant = { lang: lang ?? '', text: '' };
  } else if (name === 'prop') {
    state.propType = attr('type') ?? '';
    state.propText = '';
  } else if (state.variant && NATIVE_CODE.has(name)) {
    state.nativeDepth++;
  }
}

/** Text of a `seg`, outside inline codes. */
function addSegmentText(state: ReadState, text: string): void {
  if (state.variant && state.nativeDepth === 0 && state.stack.includes('seg')) state.variant.text += text;
}

/** Closes an element; returns the unit when it is a `tu` that is complete. */
function closeTag(state: ReadState, name: string): TmxUnit | undefined {
  state.stack.pop();
  const parent = state.stack[state.stack.length - 1];
  if (name === 'prop' && state.propType !== undefined) {
    if (parent === 'header') state.header.props[state.propType] = state.propText;
    else if (parent === 'tu' && state.unit) state.unit.props[state.propType] = state.propText;
    state.propType = undefined;
  } else if (state.variant && NATIVE_CODE.has(name)) {
    state.nativeDepth--;
  } else if (name === 'tuv' && state.unit && state.variant) {
    state.unit.variants.push(state.variant);
    state.variant = undefined;
  } else if (name === 'tu' && state.unit) {
    const unit = state.unit;
    state.unit = undefined;
    return unit;
  }
  return undefined;
}

export function readTmx(input: string | Uint8Array): TmxFile {
  const units: TmxUnit[] = [];
  const header = parseTmx(input, (u) => units.push(u));
  return { header, units };
}

/** "ar", "ar-SA", "AR_sa", "zh-Hans-CN" → "ar", "ar", "ar", "zh": the primary language subtag, lower case. */
export function baseLanguage(code: string): string {
  return code.toLowerCase().split(/[-_@]/)[0] ?? '';
}
