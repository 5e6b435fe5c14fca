/**
 * The TMX element handlers behind the streaming reader: turn saxes events into {@link TmxTu}s, one `tu` at a time,
 * queued in `ready` for the reader to hand out. Holds only the `tu` being read, so memory does not grow with the
 * file; a `tu` larger than `maxUnitChars` is skipped as "too-long" instead of being buffered. What a `tu` read becomes
 * (its languages, counted, handed out or skipped) is tmx-tally.ts's; mizan's own props are read by tmx-placement.ts.
 */
import type { SaxesParser, SaxesTagPlain } from 'saxes';
import { ErrorCode, MizanError } from '../errors';
import { MAX_PLACEABLES, SegmentBuilder, startTag, type CodeKind, type InlineCode } from './placeables';
import { needsRepair, repairCodes } from './inline-repair';
import { ScriptSample } from './source-script';
import { inlineCode, inlineTag, mayHold, pickAttrs, TU_RANK, TUV_RANK } from './tmx-attrs';
import type { TmxHeaderInfo, TmxProp, TmxTu, TmxVariant } from './tmx-model';
import { placementProp } from './tmx-placement';
import { TuTally } from './tmx-tally';
import { xmlText as escapeText } from './xml-fast';
import { MAX_PROLOG_CHARS, prologTooLong } from './xml-stream';

export interface TmxSaxOptions {
  /** Names the input in error messages. */
  param: string;
  /** The `tu` prop that names a unit's document (default `x-document`). */
  documentProp: string;
  /** Characters (texts, codes, props, notes) above which a `tu` is skipped, and the header refused. */
  maxUnitChars: number;
}

const CODES = new Set<string>(['bpt', 'ept', 'ph', 'it', 'ut']);

export class TmxSaxHandler {
  header: TmxHeaderInfo | undefined;
  headerDone = false;
  private sawHeader = false;
  sawRoot = false;
  /** The verdict on each `tu`: languages, counts, skipped or handed out (tmx-tally.ts). */
  private readonly tally = new TuTally();
  readonly counts = this.tally.counts;
  /** Some `tuv` in the file held Arabic text. */
  get sawArabic(): boolean {
    return this.tally.sawArabic;
  }
  /** Until a `tuv` held Arabic, the script of each language's texts (for TMX_NO_ARABIC's hint). */
  get scripts(): ScriptSample {
    return this.tally.scripts;
  }
  /** Units read and not yet handed out. */
  readonly ready: TmxTu[] = [];

  private tu: TmxTu | undefined;
  private tuv: TmxVariant | undefined;
  private seg: SegmentBuilder | undefined;
  private code: InlineCode | undefined;
  private codeDepth = 0;
  /** The elements open in the code being read, the code first. */
  private codeOpen: string[] = [];
  /** How many were open once an element the DTD does not allow where it stands was opened (0: none is open). */
  private misplacedAt = 0;
  private sink: 'prop' | 'note' | undefined;
  private propType = '';
  private buf = '';
  private chars = 0;
  private tooLong = false;
  /** The `tu` breaks the DTD in a way that loses text: a `tuv` with two `seg`s, an unknown element in a `seg`. */
  private invalidTu = false;
  /** `seg`s of the `tuv` being read. */
  private segs = 0;
  /** The `seg` being read has a code the DTD refuses as it came (inline-repair.ts). */
  private repair = false;

  constructor(
    private readonly parser: SaxesParser,
    private readonly options: TmxSaxOptions,
  ) {
    parser.on('opentag', (tag) => this.open(tag));
    parser.on('closetag', (tag) => this.close(tag));
    parser.on('text', (text) => this.text(text));
    parser.on('cdata', (text) => this.text(text));
  }

  private invalid(reason: string): MizanError {
    return new MizanError(ErrorCode.TMX_INVALID, { reason, line: this.parser.line });
  }

  private open(tag: SaxesTagPlain): void {
    const { name, attributes } = tag;
    if (this.code) {
      if (!this.tooLong) this.code.xml += this.nestedTag(tag);
      this.codeOpen.push(name);
      this.codeDepth++;
    } else if (!this.sawRoot) {
      if (this.parser.position > MAX_PROLOG_CHARS) throw prologTooLong(this.parser, this.options.param);
      if (name !== 'tmx') throw this.invalid(`the root element is <${name}>, not <tmx>`);
      this.sawRoot = true;
      this.header = { version: attributes['version'] ?? '', attrs: {}, props: [], notes: [] };
    } else if (this.seg) {
      this.openInline(name, attributes);
    } else if (name === 'tu') {
      this.openTu(attributes);
    } else if (name === 'tuv' && this.tu) {
      const lang = attributes['xml:lang'] ?? attributes['lang'];
      if (lang === undefined) throw this.invalid('<tuv> without xml:lang');
      this.tuv = { tag: lang, text: '', codes: [] };
      this.segs = 0;
      const attrs = pickAttrs(attributes, TUV_RANK);
      if (attrs) this.tuv.attrs = attrs;
    } else if (name === 'seg' && this.tuv) {
      // A tuv holds one seg (DTD): of two, neither can be told the tuv's text.
      if (this.segs++ > 0) this.invalidTu = true;
      this.seg = new SegmentBuilder();
      this.repair = false;
    } else if (name === 'prop' || name === 'note') {
      this.sink = name;
      this.propType = attributes['type'] ?? '';
      this.buf = '';
    } else if (name === 'header' && this.header && !this.headerDone) {
      Object.assign(this.header.attrs, attributes);
      this.sawHeader = true;
    } else if (name === 'body') {
      if (!this.sawHeader) throw this.invalid('no <header> element');
      this.headerDone = true;
    }
  }

  /**
   * The start tag of an element inside a code: as the DTD declares it where the DTD allows it (a code in a `sub`, say);
   * with every attribute where it does not, and inside such an element, which the repair then writes as the code's
   * text (inline-repair.ts): a tool's markup in a code's native code, kept whole rather than the unit skipped.
   */
  private nestedTag(tag: SaxesTagPlain): string {
    const { name, attributes } = tag;
    if (this.misplacedAt === 0 && mayHold(this.codeOpen[this.codeOpen.length - 1]!, name)) {
      if (needsRepair(name, attributes)) this.repair = true; // a code in a sub
      return inlineTag(name, attributes, tag.isSelfClosing);
    }
    if (this.misplacedAt === 0) this.misplacedAt = this.codeOpen.length + 1;
    this.repair = true;
    return startTag(name, attributes, tag.isSelfClosing);
  }

  private openTu(attributes: Record<string, string>): void {
    if (!this.headerDone) throw this.invalid('<tu> outside <body>');
    this.tu = { attrs: pickAttrs(attributes, TU_RANK) ?? {}, props: [], notes: [], langs: {}, apart: [] };
    const tuid = attributes['tuid'];
    if (tuid !== undefined) this.tu.tuid = tuid;
    this.chars = 0;
    this.tooLong = false;
    this.invalidTu = false;
    this.tally.openTu();
  }

  private openInline(name: string, attributes: Record<string, string>): void {
    const seg = this.seg!;
    if (this.tooLong || seg.codes.length >= MAX_PLACEABLES - 1) {
      // Skipped unit: only follow the nesting.
      this.tooLong = true;
      if (CODES.has(name)) this.openCode(name, { kind: name as CodeKind, xml: '' });
    } else if (CODES.has(name)) {
      this.openCode(name, inlineCode(name as CodeKind, attributes));
      if (needsRepair(name, attributes)) this.repair = true;
    } else if (name === 'hi') {
      seg.addCode(inlineCode('hi', attributes));
    } else {
      // An element TMX does not allow in a seg (`<b>`, a second `seg`, a `prop`): the text cannot be told apart from
      // the markup it was meant as, so the tu is skipped as invalid rather than stored without it.
      this.invalidTu = true;
    }
  }

  private openCode(name: string, code: InlineCode): void {
    this.code = code;
    this.codeDepth = 1;
    this.codeOpen = [name];
    this.misplacedAt = 0;
  }

  private text(text: string): void {
    if (this.tu) {
      this.chars += text.length;
      if (this.chars > this.options.maxUnitChars) this.tooLong = true;
      if (this.tooLong) return;
    } else if (this.sink) {
      this.chars += text.length;
      if (this.chars > this.options.maxUnitChars) {
        throw this.invalid(`the header is longer than ${this.options.maxUnitChars} characters`);
      }
    }
    if (this.code) this.code.xml += escapeText(text);
    else if (this.seg) this.addSegText(text);
    else if (this.sink) this.buf += text;
  }

  private addSegText(text: string): void {
    try {
      this.seg!.addText(text);
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      this.tooLong = true;
    }
  }

  private close(tag: SaxesTagPlain): void {
    const name = tag.name;
    if (this.code) {
      if (this.codeOpen.length === this.misplacedAt) this.misplacedAt = 0;
      this.codeOpen.pop();
      if (!tag.isSelfClosing && !this.tooLong) this.code.xml += `</${name}>`;
      if (--this.codeDepth === 0) {
        if (tag.isSelfClosing) this.code.xml = this.code.xml.replace(/>$/, '/>');
        if (!this.tooLong) this.seg!.addCode(this.code);
        this.code = undefined;
      }
    } else if (this.seg) {
      if (name === 'hi' && !this.tooLong) this.seg.addCode({ kind: 'hi', close: true, xml: '</hi>' });
      else if (name === 'seg') this.closeSeg();
    } else if (name === 'prop' || name === 'note') {
      this.closeSink(name);
    } else if (name === 'tuv' && this.tuv) {
      this.closeTuv(this.tuv);
      this.tuv = undefined;
    } else if (name === 'tu' && this.tu) {
      this.closeTu(this.tu);
      this.tu = undefined;
    }
  }

  private closeSeg(): void {
    this.tuv!.text = this.seg!.text;
    this.tuv!.codes = this.seg!.codes;
    if (this.repair) repairCodes(this.tuv!.codes);
    this.seg = undefined;
  }

  private closeSink(name: 'prop' | 'note'): void {
    const value = this.buf;
    this.sink = undefined;
    this.buf = '';
    if (this.tuv) {
      if (name === 'prop') (this.tuv.props ??= []).push([this.propType, value]);
      else (this.tuv.notes ??= []).push(value);
    } else if (this.tu) {
      if (name === 'note') this.tu.notes.push(value);
      else if (!placementProp(this.tu, this.propType, value, this.options.documentProp))
        this.tu.props.push([this.propType, value]);
    } else if (this.header && !this.headerDone) {
      if (name === 'prop') this.header.props.push([this.propType, value] as TmxProp);
      else this.header.notes.push(value);
    }
  }

  private closeTuv(tuv: TmxVariant): void {
    this.tally.closeTuv(this.tu!, tuv);
  }

  private closeTu(tu: TmxTu): void {
    if (this.tally.closeTu(tu, this.tooLong ? 'too-long' : this.invalidTu ? 'invalid' : undefined)) this.ready.push(tu);
  }
}
