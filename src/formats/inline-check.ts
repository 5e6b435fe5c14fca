/**
 * Whether a stored code's XML is one the TMX 1.4b DTD accepts as it is — every `bpt` and `ept` in it (a `sub`'s
 * included) with an `i`, every `it` with a `pos` of `begin` or `end`, and every element inside it where the DTD
 * allows it (a code holds `sub`s; a `sub` or `hi` holds codes and `hi`) — for the export, which writes codes back
 * verbatim and repairs (inline-repair.ts) those of a unit stored before the import repaired them. Two forms of one
 * test: on a string (the string path, tmx-stream-write.ts) and on UTF-8 bytes (the whole-TM export's byte path,
 * service/tu-bytes.ts). The byte form answers false on a tag it cannot read, so that where it answers true the
 * string form does too and the two paths write the same bytes.
 */
import { mayHold } from './tmx-attrs';

/** Any tag as the reader writes it (attribute values escaped: no `"`, `<` or `>` inside; text escaped). */
const TAG = /<(\/?)([^\s/<>]+)([^>]*?)(\/?)>/g;
/**
 * The elements the check looks at. Another element is no element to it: no unit a reader stored holds one inside
 * a code (mizan's readers skipped such a unit, and now write it as the code's text), and text that only looks like
 * markup must not send a unit off the byte path.
 */
const KNOWN = new Set(['bpt', 'ept', 'it', 'ph', 'ut', 'hi', 'sub']);
const ATTR = /\s([^\s=>]+)="([^"]*)"/g;

/** Whether an element's attributes give what the DTD requires: `i` on bpt and ept, `pos` begin or end on it. */
function declared(name: string, attrs: string): boolean {
  if (name !== 'bpt' && name !== 'ept' && name !== 'it') return true;
  for (const [, key, value] of attrs.matchAll(ATTR)) {
    if (name === 'it' ? key === 'pos' && (value === 'begin' || value === 'end') : key === 'i') return true;
  }
  return false;
}

/** True unless the XML holds a `bpt`/`ept` without `i`, an `it` without a valid `pos`, or a misplaced element. */
export function validCodeXml(xml: string): boolean {
  const inner = xml.indexOf('<', 1);
  // No element inside the code (ph, ut, hi, char, most codes): no regex run unless it is a bpt, ept or it.
  if (inner === xml.lastIndexOf('</') && !xml.includes('pt') && !xml.includes('<it')) return true;
  const open: string[] = [];
  for (const [, end, name, attrs, empty] of xml.matchAll(TAG)) {
    if (!KNOWN.has(name!)) continue;
    if (end) {
      open.pop();
      continue;
    }
    if (open.length > 0 && !mayHold(open[open.length - 1]!, name!)) return false;
    if (!declared(name!, attrs!)) return false;
    if (!empty) open.push(name!);
  }
  return true;
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const I = 0x69;
const POS = [0x70, 0x6f, 0x73];
const BEGIN = [0x62, 0x65, 0x67, 0x69, 0x6e];
const END = [0x65, 0x6e, 0x64];
/** The names the check tells apart, as bytes. */
const NAMES = ['bpt', 'ept', 'it', 'ph', 'ut', 'hi', 'sub'].map((name) => [name, [...Buffer.from(name)]] as const);

const isSpace = (b: number | undefined) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
const is = (bytes: Uint8Array, from: number, to: number, word: readonly number[]) => {
  if (to - from !== word.length) return false;
  for (let k = 0; k < word.length; k++) if (bytes[from + k] !== word[k]) return false;
  return true;
};

/** The element named by bytes [from, to), as its name ('' for one the check does not look at: KNOWN). */
function nameOf(bytes: Uint8Array, from: number, to: number): string {
  for (const [name, word] of NAMES) if (is(bytes, from, to, word)) return name;
  return '';
}

/** {@link validCodeXml} on the UTF-8 bytes [from, to) of a code's XML; false also on a tag it cannot read. */
export function validCodeBytes(bytes: Uint8Array, from: number, to: number): boolean {
  let open: string[] | undefined; // made for a code with an element inside (rare)
  let depth = 0;
  for (let k = from; k < to; k++) {
    if (bytes[k] !== LT) continue;
    const end = bytes[k + 1] === SLASH;
    let at = end ? k + 2 : k + 1;
    while (at < to && !isSpace(bytes[at]) && bytes[at] !== SLASH && bytes[at] !== GT && bytes[at] !== LT) at++;
    const name = nameOf(bytes, end ? k + 2 : k + 1, at);
    if (name === '') continue;
    if (end) {
      if (depth > 0) depth--;
      continue;
    }
    if (depth > 0 && !mayHold(open![depth - 1]!, name)) return false;
    if ((name === 'bpt' || name === 'ept' || name === 'it') && !declares(bytes, at, to, name === 'it')) return false;
    const close = bytes.indexOf(GT, at);
    if (close < 0 || close >= to) return false;
    if (bytes[close - 1] !== SLASH) (open ??= [])[depth++] = name;
    k = close;
  }
  return true;
}

/** Whether the start tag whose attributes begin at `at` has an `i` (bpt, ept) or a `pos` of begin or end (`it`). */
function declares(bytes: Uint8Array, at: number, to: number, it: boolean): boolean {
  for (;;) {
    while (at < to && isSpace(bytes[at])) at++;
    if (at >= to || bytes[at] === GT || bytes[at] === SLASH) return false;
    const name = at;
    while (at < to && bytes[at] !== EQUALS && bytes[at] !== GT && !isSpace(bytes[at])) at++;
    const nameEnd = at;
    if (bytes[at] !== EQUALS || bytes[at + 1] !== QUOTE) return false;
    const value = at + 2;
    at = bytes.indexOf(QUOTE, value);
    if (at < 0 || at >= to) return false;
    if (
      it
        ? is(bytes, name, nameEnd, POS) && (is(bytes, value, at, BEGIN) || is(bytes, value, at, END))
        : nameEnd - name === 1 && bytes[name] === I
    )
      return true;
    at++;
  }
}
