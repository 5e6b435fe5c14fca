/**
 * Streaming TMX export: a header, then units one at a time to a Writable, honouring backpressure, in constant
 * memory. The shape is the one every client we know accepts: TMX `version="1.4"`, UTF-8, all seven required header
 * attributes with `srclang="ar"`, `xml:lang` on every `tuv`, the Arabic `tuv` first (Translate Toolkit takes the
 * first as the source), then en and zh. Output validates against the TMX 1.4b DTD, whatever the units hold: codes the
 * DTD refuses (a unit stored before the import repaired them) are repaired as they are written (inline-repair.ts).
 *
 * Lossless against the reader (tmx-stream.ts): placeables become their inline XML again, and `tuid`, `tu`/`tuv`
 * attributes (dates, ids, usage count), props, notes and mizan's placement props (`x-document`, `x-position`,
 * `x-paragraph`, `x-confidence`, `x-review`) are written back, so import → export → import gives the same units.
 */
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { LANGS, type DocumentMeta, type Lang } from '../types';
import { writableCodes } from './inline-repair';
import { segmentXml } from './placeables';
import {
  PROP_CONFIDENCE,
  PROP_DOCUMENT,
  PROP_PARAGRAPH,
  PROP_POSITION,
  PROP_REVIEW,
  TMX_TOOL,
  TU_ATTRS,
  TUV_ATTRS,
  type TmxProp,
  type TmxTuInput,
  type TmxVariantInput,
  type TuAttrs,
} from './tmx-model';
import { tmxDate } from './xml';
import { xmlAttr as escapeAttr, xmlText as escapeText } from './xml-fast';

export interface TmxStreamWriteOptions {
  /** creationtoolversion. */
  toolVersion: string;
  /** Languages written, Arabic first whatever the order given: all three (default), or one pair. */
  langs?: readonly Lang[];
  /** Header creationdate; left out when not given, so output is reproducible. */
  creationDate?: Date;
  /** Header props (e.g. {@link documentProps}) and notes. */
  headerProps?: readonly TmxProp[];
  headerNotes?: readonly string[];
  /** `xml:lang` as read from the source file (ar-SA, zh-CN…) when the unit has it; default: ar, en, zh. */
  keepTags?: boolean;
  /** Also write the variants kept apart on import (other languages, Traditional Chinese). Default false. */
  apart?: boolean;
}

/**
 * Output is encoded straight into buffers of this many bytes, handed to the Writable when full: encoding each
 * unit's small string is ≈ 2× faster than growing one large string and encoding that.
 */
const CHUNK_BYTES = 1 << 18;

/** The languages to write, Arabic first; at least one target. */
function languages(langs: readonly Lang[] | undefined): Lang[] {
  const chosen = LANGS.filter((lang) => !langs || langs.includes(lang));
  if (!chosen.includes('ar') || chosen.length < 2) throw new RangeError('a TMX export needs ar and en and/or zh');
  return chosen;
}

const prop = (indent: string, type: string, value: string) =>
  `${indent}<prop type="${escapeAttr(type)}">${escapeText(value)}</prop>\n`;
const note = (indent: string, value: string) => `${indent}<note>${escapeText(value)}</note>\n`;

function attrsXml(attrs: TuAttrs | undefined, names: readonly string[]): string {
  if (!attrs) return '';
  let out = '';
  for (const name of names) {
    const value = attrs[name as keyof TuAttrs];
    if (value !== undefined) out += ` ${name}="${escapeAttr(value)}"`;
  }
  return out;
}

/** Document metadata as header props, as tmx-write.ts writes them (`x-doc:<id>:<field>`). */
export function documentProps(meta: DocumentMeta): TmxProp[] {
  const base = `x-doc:${meta.id}:`;
  const props: TmxProp[] = LANGS.map((lang) => [`${base}title-${lang}`, meta.titles[lang]]);
  props.push([`${base}source`, meta.source], [`${base}date`, meta.date]);
  if (meta.url) props.push([`${base}url`, meta.url]);
  props.push([`${base}order`, String(meta.order)]);
  return props;
}

/** The XML declaration, DOCTYPE, `tmx` start, header and `body` start. */
export function tmxHead(options: TmxStreamWriteOptions): string {
  const attrs = [
    `creationtool="${TMX_TOOL}"`,
    `creationtoolversion="${escapeAttr(options.toolVersion)}"`,
    'segtype="sentence"',
    `o-tmf="${TMX_TOOL}"`,
    'adminlang="en"',
    'srclang="ar"',
    'datatype="plaintext"',
    'o-encoding="UTF-8"',
  ];
  if (options.creationDate) attrs.push(`creationdate="${tmxDate(options.creationDate)}"`);
  let inner = '';
  for (const value of options.headerNotes ?? []) inner += note('    ', value);
  for (const [type, value] of options.headerProps ?? []) inner += prop('    ', type, value);
  const header = inner ? `  <header ${attrs.join(' ')}>\n${inner}  </header>\n` : `  <header ${attrs.join(' ')}/>\n`;
  const prolog = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n';
  return `${prolog}<tmx version="1.4">\n${header}  <body>\n`;
}

export const TMX_TAIL = '  </body>\n</tmx>\n';

/** One `tuv`: its metadata, then its `seg`, codes written back (repaired where the DTD refuses them). */
export function tuvXml(variant: TmxVariantInput, lang: string): string {
  let out = `      <tuv xml:lang="${escapeAttr(lang)}"${attrsXml(variant.attrs, TUV_ATTRS)}>`;
  const meta = (variant.notes?.length ?? 0) + (variant.props?.length ?? 0) > 0;
  if (meta) {
    out += '\n';
    for (const value of variant.notes ?? []) out += note('        ', value);
    for (const [type, value] of variant.props ?? []) out += prop('        ', type, value);
    out += '        ';
  }
  // Codes stored before the import repaired them are repaired here (a unit without codes: one length test).
  out += `<seg>${segmentXml(variant.text, writableCodes(variant.codes))}</seg>`;
  return out + (meta ? '\n      </tuv>\n' : '</tuv>\n');
}

function placementXml(unit: Omit<TmxTuInput, 'langs'>): string {
  let out = '';
  if (unit.document !== undefined) out += prop('      ', PROP_DOCUMENT, unit.document);
  if (unit.position !== undefined) out += prop('      ', PROP_POSITION, String(unit.position));
  if (unit.paragraph !== undefined) out += prop('      ', PROP_PARAGRAPH, String(unit.paragraph));
  if (unit.confidence !== undefined) out += prop('      ', PROP_CONFIDENCE, String(unit.confidence));
  if (unit.review) out += prop('      ', PROP_REVIEW, 'true');
  return out;
}

/** A `tu`'s start tag and what comes before its first `tuv`: notes, placement props, props. */
export function tuStart(unit: Omit<TmxTuInput, 'langs'>): string {
  const tuid = unit.tuid !== undefined ? ` tuid="${escapeAttr(unit.tuid)}"` : '';
  let out = `    <tu${tuid}${attrsXml(unit.attrs, TU_ATTRS)} srclang="ar">\n`;
  for (const value of unit.notes ?? []) out += note('      ', value);
  out += placementXml(unit);
  for (const [type, value] of unit.props ?? []) out += prop('      ', type, value);
  return out;
}

/** The end of a `tu`. */
export const TU_END = '    </tu>\n';

/**
 * One `tu`, or '' when the unit has no Arabic or no text in any chosen target language (and, with `apart`, no variant
 * kept apart either: an Arabic-only unit whose Chinese is Traditional is written with it). `langs` must start with
 * 'ar' (see {@link languages}).
 */
export function tuXml(
  unit: TmxTuInput,
  langs: readonly Lang[],
  options: Pick<TmxStreamWriteOptions, 'keepTags' | 'apart'> = {},
): string {
  const ar = unit.langs.ar;
  if (!ar || ar.text === '') return '';
  const apart = options.apart && unit.apart !== undefined && unit.apart.length > 0;
  if (!apart && !langs.some((lang) => lang !== 'ar' && unit.langs[lang]?.text)) return '';
  let out = tuStart(unit);
  for (const lang of langs) {
    const variant = unit.langs[lang];
    if (variant && variant.text !== '') out += tuvXml(variant, (options.keepTags && variant.tag) || lang);
  }
  if (options.apart) for (const variant of unit.apart ?? []) out += tuvXml(variant, variant.tag);
  return out + TU_END;
}

/** Writes a TMX to a Writable unit by unit: `await write(unit)` for each, then `await end()`. */
export class TmxStreamWriter {
  /** Units written, and units left out (no Arabic, or no text in the chosen targets). */
  written = 0;
  skipped = 0;
  private readonly langs: Lang[];
  private buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;

  constructor(
    private readonly out: Writable,
    private readonly options: TmxStreamWriteOptions,
  ) {
    this.langs = languages(options.langs);
    this.append(tmxHead(options));
  }

  /**
   * Adds one unit. Returns a promise only when the buffer had to be handed to the Writable (once a chunk, not once a
   * unit): `await` it either way; a caller writing many units may skip the await when nothing is returned.
   */
  write(unit: TmxTuInput): Promise<void> | undefined {
    const xml = tuXml(unit, this.langs, this.options);
    if (xml === '') {
      this.skipped++;
      return undefined;
    }
    this.written++;
    // A UTF-16 code unit takes at most 3 bytes of UTF-8.
    if (this.used + xml.length * 3 > CHUNK_BYTES) return this.flush().then(() => this.append(xml));
    this.append(xml);
    return undefined;
  }

  /**
   * The chunk being filled, and how much of it is used, for a caller that writes a unit's UTF-8 into it itself (the
   * whole-TM export, service/tu-bytes.ts); {@link wrote} then takes it.
   */
  get chunk(): Buffer {
    return this.buffer;
  }

  get chunkUsed(): number {
    return this.used;
  }

  /** Takes the bytes a caller wrote into {@link chunk}, up to `end`, as one more unit. */
  wrote(end: number): void {
    this.used = end;
    this.written++;
  }

  /** Hands what the chunk holds to the Writable (waiting for it to drain), for a caller that has no room left. */
  makeRoom(): Promise<void> {
    return this.flush();
  }

  async end(): Promise<void> {
    if (this.used + TMX_TAIL.length > CHUNK_BYTES) await this.flush();
    this.append(TMX_TAIL);
    await this.flush();
    this.out.end();
    await finished(this.out);
  }

  private append(xml: string): void {
    if (xml.length * 3 <= this.buffer.length - this.used) {
      this.used += this.buffer.write(xml, this.used, 'utf8');
      return;
    }
    // No room for the worst case (a unit larger than a chunk): grow the buffer; the next write flushes it.
    const bytes = Buffer.from(xml, 'utf8');
    const bigger = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, this.used + bytes.length));
    this.buffer.copy(bigger, 0, 0, this.used);
    bytes.copy(bigger, this.used);
    this.buffer = bigger;
    this.used += bytes.length;
  }

  private async flush(): Promise<void> {
    if (this.out.destroyed) throw new Error('the TMX output was closed before the export ended');
    const chunk = this.buffer.subarray(0, this.used);
    this.buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    this.used = 0;
    if (chunk.length > 0 && !this.out.write(chunk)) await drained(this.out);
  }
}

/** Resolves on 'drain'; rejects if the stream errors or closes first (a client that went away). */
function drained(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      out.off('drain', onDrain);
      out.off('error', done);
      out.off('close', onClose);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(new Error('the TMX output was closed before the export ended'));
    out.on('drain', onDrain);
    out.on('error', done);
    out.on('close', onClose);
  });
}

/** A whole TMX as a string (small exports and tests). */
export function writeTmxUnits(units: Iterable<TmxTuInput>, options: TmxStreamWriteOptions): string {
  const langs = languages(options.langs);
  let out = tmxHead(options);
  for (const unit of units) out += tuXml(unit, langs, options);
  return out + TMX_TAIL;
}
