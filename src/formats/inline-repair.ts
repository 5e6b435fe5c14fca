/**
 * Inline codes of one segment that the TMX 1.4b DTD refuses as they came, made valid as they are read, so that a
 * code written back verbatim (placeables.ts) never makes an export invalid. The DTD requires `i` on `bpt` and `ept`
 * and `pos` (`begin` or `end`) on `it`; tools write them without. What each becomes (DESIGN.md, "Interchange: TMX",
 * placeables):
 *
 * - `bpt`/`ept` without `i` are paired in document order as tags nest (an `ept` closes the last `bpt` still open),
 *   among the codes without `i` only (an `i` a file gives is its own pairing, kept); each pair gets the smallest
 *   number not used as an `i` anywhere in the segment (nested codes included).
 * - Such an `ept` with no `bpt` open is an isolated end, `it pos="end"`; a `bpt` never closed an isolated beginning,
 *   `it pos="begin"`: what the DTD means by `it`. Their native code, `x` and `type` stay.
 * - An `it` without a `pos` (or with another value) gets it from its native code: an opening tag (`<b>`,
 *   `<a href="…">`) is `begin`, a closing one (`</b>`) `end`; anything else cannot be told, and becomes a `ph`
 *   (a standalone code: the DTD's `it` must say which end it is), with its native code, `x` and `type`.
 * - The codes inside a `sub` (text a code holds, with codes of its own) follow the same rules, each `sub` on its
 *   own: a pair never reaches across a `sub`'s edge. Its pairs are numbered after the segment's own, in document
 *   order, with the same segment-wide numbers.
 * - An element inside a code where the DTD does not allow it (a code holds `sub`s only; a `sub` or `hi` holds codes
 *   and `hi`: `<bpt i="1">a<ph/>b</bpt>`, `<ph>a<hi>h</hi></ph>`, a `sub` in a `sub`, a `<b>` left unescaped) is
 *   written as text where it stood, whole, its markup escaped (`a&lt;ph/&gt;b`): a code's content is native code
 *   anyway, nothing of the segment's text is lost, and the markup is kept as the reader writes it. This comes
 *   first: the codes left in place are then repaired as above.
 *
 * The export repairs the same way, as it writes them, the codes of a unit stored before this repair existed
 * ({@link writableCodes}; the whole-TM export's byte path leaves such a unit to the string path, inline-check.ts),
 * so that every TMX mizan writes is valid whatever its store holds.
 *
 * Each repaired code is made as the reader makes a code read from the repaired element (same `xml`, same keys in the
 * same order), so an export of it read back gives the same code: import → export → import stays the identity.
 */
import { validCodeXml } from './inline-check';
import { parseXml, serializeXml, type XmlElement, type XmlNode } from './inline-tree';
import type { CodeKind, InlineCode } from './placeables';
import { INLINE_ATTRS, mayHold } from './tmx-attrs';
import { xmlAttr, xmlText } from './xml-fast';

type Repairable = 'bpt' | 'ept' | 'it' | 'ph';

/** A code's start tag as the reader writes it: attribute values escaped, so no `"` or `>` inside one. */
const START = /^<(bpt|ept|it)((?:\s[^\s=>]+="[^"]*")*)(\/?)>/;
const ATTR = /\s([^\s=>]+)="([^"]*)"/g;
/** The `i` of every `bpt`/`ept` in a code's XML, nested ones included. */
const PAIR_IDS = /<(?:bpt|ept)\s[^>]*?\bi="([^"]*)"/g;
const OPENING_TAG = /^<[A-Za-z_][\w:.-]*(\s[^<>]*)?>$/;
const CLOSING_TAG = /^<\/[A-Za-z_][\w:.-]*\s*>$/;
const ENTITY = /&(lt|gt|amp|quot|apos|#x[0-9A-Fa-f]+|#\d+);/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Whether a code just read needs {@link repairCodes}: a `bpt`/`ept` without `i`, an `it` without a valid `pos`. */
export function needsRepair(name: string, attributes: Record<string, string>): boolean {
  if (name === 'bpt' || name === 'ept') return attributes['i'] === undefined;
  if (name === 'it') return attributes['pos'] !== 'begin' && attributes['pos'] !== 'end';
  return false;
}

const unescape = (text: string) =>
  text.replace(ENTITY, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(Number(e[1] === 'x' ? '0' + e.slice(1) : e.slice(1))) : NAMED[e]!,
  );

/** The native code of an `it` (its text, a `sub`'s tags left out), as `begin`, `end` or undecidable. */
export function itPosition(content: string): 'begin' | 'end' | undefined {
  const native = unescape(content.replace(/<[^>]*>/g, '')).trim();
  if (CLOSING_TAG.test(native)) return 'end';
  if (OPENING_TAG.test(native) && !native.endsWith('/>')) return 'begin';
  return undefined;
}

/**
 * The code as element `kind`, its start tag `first` (attributes written first, in order) and then its own attributes
 * that `kind` declares, less those `first` sets; content and `x` kept.
 */
function retag(code: InlineCode, kind: Repairable, first: Record<string, string>): InlineCode {
  const start = START.exec(code.xml);
  if (!start) return code;
  const allowed = INLINE_ATTRS[kind]!;
  let tag = `<${kind}`;
  for (const name in first) tag += ` ${name}="${xmlAttr(first[name]!)}"`;
  for (const [, name, value] of start[2]!.matchAll(ATTR)) {
    if (allowed.has(name!) && !(name! in first)) tag += ` ${name}="${value}"`;
  }
  const selfClosing = start[3] === '/';
  let xml = tag + (selfClosing ? '/>' : '>');
  if (!selfClosing) xml += code.xml.slice(start[0].length, code.xml.length - `</${start[1]}>`.length) + `</${kind}>`;
  const out: InlineCode = { kind, xml };
  if (first['i'] !== undefined) out.i = first['i'];
  if (code.x !== undefined && allowed.has('x')) out.x = code.x;
  return out;
}

/** The content of a code's element (between its start and end tags; '' when it is empty). */
function content(xml: string): string {
  const start = START.exec(xml);
  if (!start || start[3] === '/') return '';
  return xml.slice(start[0].length, xml.length - `</${start[1]}>`.length);
}

const hasPos = (xml: string) => /^<it\s(?:[^>]*\s)?pos="(?:begin|end)"/.test(xml);

/**
 * The `i` numbers of one segment's pairs: those its codes use, nested ones included (read when the first fresh one
 * is asked for), and the fresh ones handed out, each the smallest not used yet.
 */
class PairNumbers {
  private used: Set<string> | undefined;
  private next = 1;

  constructor(private readonly codes: readonly InlineCode[]) {}

  fresh(): string {
    if (!this.used) {
      this.used = new Set();
      for (const code of this.codes) for (const [, i] of code.xml.matchAll(PAIR_IDS)) this.used.add(i!);
    }
    while (this.used.has(String(this.next))) this.next++;
    this.used.add(String(this.next));
    return String(this.next);
  }
}

/** Makes the segment's codes DTD-valid in place (see the header); codes that are valid are left as they are. */
export function repairCodes(codes: InlineCode[]): void {
  for (let k = 0; k < codes.length; k++) {
    const code = codes[k]!;
    const inner = code.xml.indexOf('<', 1);
    const xml = inner >= 0 && inner !== code.xml.lastIndexOf('</') ? placeElements(code.xml) : code.xml;
    if (xml !== code.xml) codes[k] = { ...code, xml };
  }
  const numbers = new PairNumbers(codes);
  repairScope(codes, numbers);
  for (let k = 0; k < codes.length; k++) {
    const code = codes[k]!;
    const xml = SUB.test(code.xml) ? repairSubs(code.xml, numbers) : code.xml;
    if (xml !== code.xml) codes[k] = { ...code, xml };
  }
}

const NO_CODES: readonly InlineCode[] = [];

/**
 * A segment's codes as an export writes them: the list given when the DTD accepts each as it is (one scan of each
 * code's XML, none for a segment without codes), else a copy repaired by {@link repairCodes} (units stored before the
 * import repaired codes, or their `sub`s); the list given is left as it is.
 */
export function writableCodes(codes: readonly InlineCode[] | undefined): readonly InlineCode[] {
  if (!codes || codes.length === 0) return NO_CODES;
  for (let k = 0; k < codes.length; k++) {
    if (validCodeXml(codes[k]!.xml)) continue;
    const copy = [...codes];
    repairCodes(copy);
    return copy;
  }
  return codes;
}

/** The codes of one segment, or of one `sub`, made valid in place: pairing does not reach past the list. */
function repairScope(codes: InlineCode[], numbers: PairNumbers): void {
  for (let k = 0; k < codes.length; k++) {
    const code = codes[k]!;
    if (code.kind !== 'it' || hasPos(code.xml)) continue;
    const pos = itPosition(content(code.xml));
    codes[k] = pos ? retag(code, 'it', { pos }) : retag(code, 'ph', {});
  }
  if (!codes.some((c) => (c.kind === 'bpt' || c.kind === 'ept') && c.i === undefined)) return;
  const open: number[] = [];
  for (let k = 0; k < codes.length; k++) {
    const code = codes[k]!;
    if (code.i !== undefined) continue;
    if (code.kind === 'bpt') open.push(k);
    else if (code.kind === 'ept' && open.length === 0) codes[k] = retag(code, 'it', { pos: 'end' });
    else if (code.kind === 'ept') {
      const b = open.pop()!;
      const i = numbers.fresh();
      codes[b] = retag(codes[b]!, 'bpt', { i });
      codes[k] = retag(code, 'ept', { i });
    }
  }
  for (const b of open) codes[b] = retag(codes[b]!, 'it', { pos: 'begin' });
}

/** A code's XML with each element the DTD does not allow where it stands written there as text; else as it was. */
function placeElements(xml: string): string {
  const nodes = parseXml(xml);
  if (!nodes) return xml;
  let changed = false;
  const visit = (list: XmlNode[], parent: string | undefined) => {
    list.forEach((node, n) => {
      if (typeof node === 'string') return;
      if (parent === undefined || mayHold(parent, node.name)) {
        visit(node.children, node.name);
      } else {
        list[n] = xmlText(serializeXml([node]));
        changed = true;
      }
    });
  };
  visit(nodes, undefined);
  return changed ? serializeXml(nodes) : xml;
}

const SUB = /<sub[\s/>]/;
const NESTED_CODES = new Set(['bpt', 'ept', 'it', 'ph', 'ut']);

/** A code's XML with the codes of each of its `sub`s made valid, each `sub` a scope of its own; else as it was. */
function repairSubs(xml: string, numbers: PairNumbers): string {
  const nodes = parseXml(xml);
  if (!nodes) return xml;
  let changed = false;
  const visit = (list: XmlNode[]) => {
    for (const node of list) {
      if (typeof node === 'string') continue;
      if (node.name === 'sub') changed = repairSub(node.children, numbers) || changed;
      else visit(node.children);
    }
  };
  visit(nodes);
  return changed ? serializeXml(nodes) : xml;
}

/**
 * Repairs the codes of one `sub` (those in its `hi` too, as a segment's) as {@link repairScope} does, then the
 * `sub`s nested in them; true when a code changed (it is then replaced by its XML).
 */
function repairSub(content: XmlNode[], numbers: PairNumbers): boolean {
  const places: [XmlNode[], number][] = [];
  const codes: InlineCode[] = [];
  const collect = (list: XmlNode[]) => {
    list.forEach((node, n) => {
      if (typeof node === 'string') return;
      if (NESTED_CODES.has(node.name)) {
        places.push([list, n]);
        codes.push(nestedCode(node));
      } else if (node.name === 'hi') collect(node.children);
    });
  };
  collect(content);
  const before = [...codes];
  repairScope(codes, numbers);
  let changed = false;
  codes.forEach((code, k) => {
    const xml = SUB.test(code.xml) ? repairSubs(code.xml, numbers) : code.xml;
    if (code === before[k] && xml === code.xml) return;
    const [list, n] = places[k]!;
    list[n] = xml;
    changed = true;
  });
  return changed;
}

/** A code nested in a `sub`, as the code {@link repairScope} takes (its `i` read from its start tag). */
function nestedCode(element: XmlElement): InlineCode {
  const code: InlineCode = { kind: element.name as CodeKind, xml: serializeXml([element]) };
  for (const [, name, value] of element.start.matchAll(ATTR)) if (name === 'i') code.i = value!;
  return code;
}
