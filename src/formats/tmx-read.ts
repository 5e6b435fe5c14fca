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

/** Parses a TMX document, calling `onUnit` for each `tu` in order. Returns the header. */
export function parseTmx(input: string | Uint8Array, onUnit: (unit: TmxUnit) => void): TmxHeader {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const header: TmxHeader = { srclang: '', props: {}, attributes: {} };
  const stack: string[] = [];
  let unit: TmxUnit | undefined;
  let variant: TmxVariant | undefined;
  let propType: string | undefined;
  let propText = '';
  let nativeDepth = 0;
  let sawRoot = false;
  let sawHeader = false;
  let failure: Error | undefined;

  parser.on('error', (err) => {
    failure ??= invalid(err.message.replace(/^\S*:\d+:\d+: /, ''), parser.line);
  });
  parser.on('opentag', (tag) => {
    const name = tag.name;
    const parent = stack[stack.length - 1];
    stack.push(name);
    const attr = (key: string) => (tag.attributes[key] as string | undefined) ?? undefined;
    if (stack.length === 1) {
      if (name !== 'tmx') failure ??= invalid(`root element is <${name}>, not <tmx>`, parser.line);
      sawRoot = true;
    } else if (name === 'header' && parent === 'tmx') {
      sawHeader = true;
      for (const [k, v] of Object.entries(tag.attributes)) header.attributes[k] = String(v);
      header.srclang = attr('srclang') ?? '';
    } else if (name === 'tu') {
      unit = { props: {}, variants: [] };
      const tuid = attr('tuid');
      if (tuid !== undefined) unit.tuid = tuid;
    } else if (name === 'tuv' && unit) {
      const lang = attr('xml:lang') ?? attr('lang');
      if (!lang) failure ??= invalid('<tuv> without xml:lang', parser.line);
      variant = { lang: lang ?? '', text: '' };
    } else if (name === 'prop') {
      propType = attr('type') ?? '';
      propText = '';
    } else if (variant && NATIVE_CODE.has(name)) {
      nativeDepth++;
    }
  });
  parser.on('text', (text) => {
    if (propType !== undefined) propText += text;
    else if (variant && nativeDepth === 0 && stack.includes('seg')) variant.text += text;
  });
  parser.on('cdata', (text) => {
    if (variant && nativeDepth === 0 && stack.includes('seg')) variant.text += text;
  });
  parser.on('closetag', (tag) => {
    const name = tag.name;
    stack.pop();
    const parent = stack[stack.length - 1];
    if (name === 'prop' && propType !== undefined) {
      if (parent === 'header') header.props[propType] = propText;
      else if (parent === 'tu' && unit) unit.props[propType] = propText;
      propType = undefined;
    } else if (variant && NATIVE_CODE.has(name)) {
      nativeDepth--;
    } else if (name === 'tuv' && unit && variant) {
      unit.variants.push(variant);
      variant = undefined;
    } else if (name === 'tu' && unit) {
      if (!failure) onUnit(unit);
      unit = undefined;
    }
  });

  try {
    parser.write(decodeXmlBytes(input)).close();
  } catch (err) {
    failure ??= invalid((err as Error).message.replace(/^\S*:\d+:\d+: /, ''), parser.line);
  }
  if (failure) throw failure;
  if (!sawRoot) throw invalid('empty document');
  if (!sawHeader) throw invalid('no <header> element');
  return header;
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
