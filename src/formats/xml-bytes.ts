/**
 * XML escaping from UTF-8 bytes to UTF-8 bytes, for writers that copy stored values into their output without
 * decoding them to strings (service/tu-bytes.ts). Each writes the same bytes as xml.ts' escapeText / escapeAttr on the
 * decoded string, encoded again as UTF-8 — for valid UTF-8, which is what every stored value is (written from
 * strings). JSON strings (the body between the quotes, as JSON.stringify or Lua's cjson write them) are decoded and
 * escaped in the same pass.
 *
 * Every function writes into `out` from `at` and returns where it stopped, or NO_ROOM when `out` has not room for the
 * worst case (nothing to undo: the caller writes the unit again after making room), or NOT_HERE when the input holds
 * something these functions leave to the string path (an unknown JSON escape). A negative `at` (a failure before) is
 * answered as it is, so that a caller may chain calls and look once at the end.
 */

export const NO_ROOM = -2;
export const NOT_HERE = -1;

/** How a value is escaped: as element text (escapeText), as an attribute value (escapeAttr), or not at all. */
export const TEXT = 0;
export const ATTR = 1;
export const RAW = 2;
export type Escape = typeof TEXT | typeof ATTR | typeof RAW;

/** Most output bytes one input byte (or one JSON escape's character) becomes: `&amp;` and `&quot;` are the longest. */
export const MOST_PER_BYTE = 6;

const bytes = (s: string) => Buffer.from(s, 'latin1');
const AMP = bytes('&amp;');
const LT = bytes('&lt;');
const GT = bytes('&gt;');
const CR = bytes('&#13;');
const QUOT = bytes('&quot;');
const TAB = bytes('&#9;');
const LF = bytes('&#10;');

function put(out: Uint8Array, at: number, entity: Uint8Array): number {
  for (let k = 0; k < entity.length; k++) out[at++] = entity[k]!;
  return at;
}

/** Writes U+FFFD (what escapeText makes of a character XML cannot carry). */
function replacement(out: Uint8Array, at: number): number {
  out[at] = 0xef;
  out[at + 1] = 0xbf;
  out[at + 2] = 0xbd;
  return at + 3;
}

/** An ASCII character (< 0x80) escaped as `mode` asks. */
function ascii(out: Uint8Array, at: number, c: number, mode: Escape): number {
  if (mode === RAW) {
    out[at] = c;
    return at + 1;
  }
  if (c >= 0x20) {
    if (c === 0x26) return put(out, at, AMP);
    if (c === 0x3c) return put(out, at, LT);
    if (c === 0x3e) return put(out, at, GT);
    if (c === 0x22 && mode === ATTR) return put(out, at, QUOT);
    out[at] = c;
    return at + 1;
  }
  if (c === 0x0d) return put(out, at, CR);
  if (c === 0x09) {
    if (mode === ATTR) return put(out, at, TAB);
  } else if (c === 0x0a) {
    if (mode === ATTR) return put(out, at, LF);
  } else return replacement(out, at);
  out[at] = c;
  return at + 1;
}

/** Bytes that are not copied as they are in TEXT or ATTR mode (ASCII escapes; EF, which may start U+FFFE/U+FFFF). */
const LOOK = new Uint8Array(256);
for (let b = 0; b < 0x20; b++) LOOK[b] = 1;
for (const b of [0x22, 0x26, 0x3c, 0x3e, 0xef]) LOOK[b] = 1;

/**
 * UTF-8 `src[from, to)` escaped as `mode` asks (TEXT: escapeText; ATTR: escapeAttr), into `out` at `at`. Placeables
 * are not looked for: the caller cuts the text around them.
 */
export function escapeBytes(src: Uint8Array, from: number, to: number, out: Uint8Array, at: number, mode: Escape) {
  if (at < 0) return at;
  if (at + MOST_PER_BYTE * (to - from) > out.length) return NO_ROOM;
  for (let i = from; i < to; i++) {
    const b = src[i]!;
    if (LOOK[b] === 0 || mode === RAW) out[at++] = b;
    else if (b < 0x80) at = ascii(out, at, b, mode);
    else if (src[i + 1] === 0xbf && src[i + 2]! >= 0xbe && i + 2 < to) {
      at = replacement(out, at); // U+FFFE, U+FFFF
      i += 2;
    } else out[at++] = b;
  }
  return at;
}

/** The UTF-8 of code point `cp` (no surrogate), escaped as `mode` asks. */
function codePoint(out: Uint8Array, at: number, cp: number, mode: Escape): number {
  if (cp < 0x80) return ascii(out, at, cp, mode);
  if (cp < 0x800) {
    out[at++] = 0xc0 | (cp >> 6);
  } else if (cp < 0x10000) {
    if (mode !== RAW && cp >= 0xfffe) return replacement(out, at);
    out[at++] = 0xe0 | (cp >> 12);
    out[at++] = 0x80 | ((cp >> 6) & 0x3f);
  } else {
    out[at++] = 0xf0 | (cp >> 18);
    out[at++] = 0x80 | ((cp >> 12) & 0x3f);
    out[at++] = 0x80 | ((cp >> 6) & 0x3f);
  }
  out[at] = 0x80 | (cp & 0x3f);
  return at + 1;
}

const hex = (c: number) =>
  c >= 0x30 && c <= 0x39 ? c - 0x30 : (c | 0x20) >= 0x61 && (c | 0x20) <= 0x66 ? (c | 0x20) - 87 : -1;

/** The code unit of `\uXXXX` whose `u` is at src[i], or -1. */
function unicodeEscape(src: Uint8Array, i: number, to: number): number {
  if (i + 4 >= to) return -1;
  const [a, b, c, d] = [hex(src[i + 1]!), hex(src[i + 2]!), hex(src[i + 3]!), hex(src[i + 4]!)];
  return a < 0 || b < 0 || c < 0 || d < 0 ? -1 : (a << 12) | (b << 8) | (c << 4) | d;
}

/** What a one-letter JSON escape stands for (`\"`, `\n`…), or 0. */
const SIMPLE = new Uint8Array(128);
for (const [c, v] of [
  ['"', 0x22],
  ['\\', 0x5c],
  ['/', 0x2f],
  ['b', 0x08],
  ['f', 0x0c],
  ['n', 0x0a],
  ['r', 0x0d],
  ['t', 0x09],
] as const)
  SIMPLE[c.charCodeAt(0)] = v;

/**
 * The body of a JSON string, `src[from, to)` (between its quotes), decoded and escaped as `mode` asks into `out` at
 * `at`: the same bytes as escaping the string JSON.parse makes and encoding it as UTF-8 (a lone surrogate becomes
 * U+FFFD either way).
 */
export function jsonStringBytes(src: Uint8Array, from: number, to: number, out: Uint8Array, at: number, mode: Escape) {
  if (at < 0) return at;
  if (at + MOST_PER_BYTE * (to - from) > out.length) return NO_ROOM;
  for (let i = from; i < to; i++) {
    const b = src[i]!;
    if (b !== 0x5c) {
      if (LOOK[b] === 0 || mode === RAW) out[at++] = b;
      else if (b < 0x80) at = ascii(out, at, b, mode);
      else if (src[i + 1] === 0xbf && src[i + 2]! >= 0xbe && i + 2 < to) {
        at = replacement(out, at);
        i += 2;
      } else out[at++] = b;
      continue;
    }
    const e = src[++i]!;
    if (i >= to) return NOT_HERE;
    if (e !== 0x75) {
      const c = e < 0x80 ? SIMPLE[e]! : 0;
      if (c === 0) return NOT_HERE;
      at = ascii(out, at, c, mode);
      continue;
    }
    let cp = unicodeEscape(src, i, to);
    if (cp < 0) return NOT_HERE;
    i += 4;
    if (cp >= 0xd800 && cp <= 0xdfff) {
      const low = cp < 0xdc00 && src[i + 1] === 0x5c && src[i + 2] === 0x75 ? unicodeEscape(src, i + 2, to) : -1;
      if (low < 0xdc00 || low > 0xdfff) {
        at = replacement(out, at);
        continue;
      }
      cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
      i += 6;
    }
    at = codePoint(out, at, cp, mode);
  }
  return at;
}

/**
 * Where the JSON string starting at `src[from]` (its opening quote) ends: the index of its closing quote, or -1 if
 * there is none before `to`.
 */
export function jsonStringEnd(src: Uint8Array, from: number, to: number): number {
  for (let i = from + 1; i < to; i++) {
    const b = src[i]!;
    if (b === 0x22) return i;
    if (b === 0x5c) i++;
  }
  return -1;
}

/**
 * Where the JSON number at `src[from]` ends, when it is written as String(Number(it)) writes it (so the bytes can be
 * copied as the string path would write the number): an integer without a leading zero, of up to 15 digits, or a
 * decimal of up to 9 + 6 digits, its last digit not 0, at least 1e-6; else -1.
 */
export function canonicalNumberEnd(src: Uint8Array, from: number, to: number): number {
  let i = from;
  const digit = (k: number) => k < to && src[k]! >= 0x30 && src[k]! <= 0x39;
  if (src[i] === 0x2d) i++;
  const start = i;
  while (digit(i)) i++;
  const whole = i - start;
  if (whole === 0 || whole > 15 || (whole > 1 && src[start] === 0x30)) return -1;
  if (src[i] !== 0x2e || i >= to) return src[from] === 0x2d && whole === 1 && src[start] === 0x30 ? -1 : i;
  const point = ++i;
  while (digit(i)) i++;
  const fraction = i - point;
  if (fraction === 0 || fraction > 6 || whole > 9 || src[i - 1] === 0x30) return -1;
  return i;
}

/** Copies src[from, to) into `out` at `at`: short runs byte by byte, longer ones by the runtime (no room check). */
export function copyRun(src: Uint8Array, from: number, to: number, out: Uint8Array, at: number): number {
  if (at < 0) return at;
  const n = to - from;
  if (n < 48) for (let k = 0; k < n; k++) out[at + k] = src[from + k]!;
  else out.set(src.subarray(from, to), at);
  return at + n;
}

/**
 * Bytes a text's run stops at (service/tu-bytes.ts): those escapeText changes (controls but tab and newline, `&`, `<`,
 * `>`), and the lead bytes EE and EF (placeables U+E000–U+F8FF; U+FFFE, U+FFFF).
 */
const STOP = new Uint8Array(256);
for (let b = 0; b < 0x20; b++) if (b !== 0x09 && b !== 0x0a) STOP[b] = 1;
for (const b of [0x26, 0x3c, 0x3e, 0xee, 0xef]) STOP[b] = 1;
const HIGH = 0x80808080 | 0;

/**
 * The first byte of src[from, to) that is a STOP (or `to`), looked for four bytes at a time in `words` (the Int32
 * view of src's whole ArrayBuffer): a word is looked at byte by byte only when it may hold one — a byte below 0x20,
 * `&`, `<` or `>`, or a byte from 0xEE up (the usual bit tricks; tab and newline are false alarms).
 */
export function nextStop(src: Uint8Array, words: Int32Array, from: number, to: number): number {
  const off = src.byteOffset;
  let i = from;
  for (; i < to && ((off + i) & 3) !== 0; i++) if (STOP[src[i]!] !== 0) return i;
  const last = (off + to) >> 2;
  let w = (off + i) >> 2;
  for (; w < last; w++) {
    const x = words[w]!;
    const amp = x ^ 0x26262626;
    const angle = (x | 0x02020202) ^ 0x3e3e3e3e;
    const low = (x - 0x20202020) & ~x;
    const high = ((x & 0x7f7f7f7f) + 0x12121212) & x;
    if (((low | ((amp - 0x01010101) & ~amp) | ((angle - 0x01010101) & ~angle) | high) & HIGH) === 0) continue;
    const b = 4 * w - off;
    for (let k = b; k < b + 4; k++) if (STOP[src[k]!] !== 0) return k;
  }
  for (i = Math.max(i, 4 * w - off); i < to; i++) if (STOP[src[i]!] !== 0) return i;
  return to;
}
