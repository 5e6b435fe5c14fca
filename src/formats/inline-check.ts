/**
 * Whether a stored code's XML is one the TMX 1.4b DTD accepts as it is — every `bpt` and `ept` in it (a `sub`'s
 * included) with an `i`, every `it` with a `pos` of `begin` or `end` — for the export, which writes codes back
 * verbatim and repairs (inline-repair.ts) those of a unit stored before the import repaired them. Two forms of one
 * test: on a string (the string path, tmx-stream-write.ts) and on UTF-8 bytes (the whole-TM export's byte path,
 * service/tu-bytes.ts). The byte form answers false on a start tag it cannot read, so that where it answers true the
 * string form does too and the two paths write the same bytes.
 */

/** A `bpt`, `ept` or `it` start tag as the reader writes it (attribute values escaped: no `"` or `>` inside). */
const CODE_START = /<(bpt|ept|it)((?:\s[^\s=>]+="[^"]*")*)\s*\/?>/g;
const ATTR = /\s([^\s=>]+)="([^"]*)"/g;

/** True unless the XML holds a `bpt`/`ept` without `i` or an `it` without a valid `pos`. */
export function validCodeXml(xml: string): boolean {
  if (!xml.includes('pt') && !xml.includes('<it')) return true; // ph, ut, hi, char: no regex run
  for (const [, name, attrs] of xml.matchAll(CODE_START)) {
    let declared = false;
    for (const [, key, value] of attrs!.matchAll(ATTR)) {
      if (name === 'it' ? key === 'pos' && (value === 'begin' || value === 'end') : key === 'i') declared = true;
    }
    if (!declared) return false;
  }
  return true;
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const [B, E, I, P, T] = [0x62, 0x65, 0x69, 0x70, 0x74];
const POS = [0x70, 0x6f, 0x73];
const BEGIN = [0x62, 0x65, 0x67, 0x69, 0x6e];
const END = [0x65, 0x6e, 0x64];

const isSpace = (b: number | undefined) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
const is = (bytes: Uint8Array, from: number, to: number, word: readonly number[]) => {
  if (to - from !== word.length) return false;
  for (let k = 0; k < word.length; k++) if (bytes[from + k] !== word[k]) return false;
  return true;
};

/** {@link validCodeXml} on the UTF-8 bytes [from, to) of a code's XML; false also on a start tag it cannot read. */
export function validCodeBytes(bytes: Uint8Array, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    if (bytes[k] !== LT) continue;
    const c = bytes[k + 1];
    let at: number;
    if ((c === B || c === E) && bytes[k + 2] === P && bytes[k + 3] === T) at = k + 4;
    else if (c === I && bytes[k + 2] === T) at = k + 3;
    else continue;
    if (at >= to || !(isSpace(bytes[at]) || bytes[at] === SLASH || bytes[at] === GT)) continue;
    if (!declares(bytes, at, to, c === I)) return false;
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
