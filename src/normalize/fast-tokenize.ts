/**
 * The tokenizer's fast path: one pass over UTF-16 code units with two lookup tables, producing exactly what
 * `tokenize` (fold the whole string, then regex) produces. The tables are derived from the slow pipeline itself,
 * one code point at a time, at module load; a string holding any code unit whose folding depends on its neighbours
 * (combining marks that compose under NFC, compatibility characters that expand to several characters, surrogate
 * pairs) takes the slow path. A property test checks the two agree.
 *
 * Indexing a million units spends most of its time here, hence the care: ≈5× faster than the regex pipeline.
 */
import { foldText, tokenizeFolded } from './pipeline';

export const SEP = 0;
export const LETTER = 1;
export const DIGIT = 2;
export const IDEO = 3;
export const IGNORE = 4;
export const SLOW = 5;

export const IDEO_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3005\u3007]/u;
export const DIGIT_RE = /\p{Nd}/u;
export const LETTER_RE = /[\p{L}\p{M}]/u;
/** Marks that compose with a preceding base under NFC (Arabic madda/hamza, Latin, Hangul…) need the slow path. */
// eslint-disable-next-line no-misleading-character-class -- a class of lone combining marks is the point here
const COMPOSING = /[\u0300-\u036F\u0653-\u0655\u1100-\u11FF\u3099\u309A]/u;

export interface Tables {
  /** Kind of each BMP code unit after folding. */
  kind: Uint8Array;
  /** The folded code unit. */
  fold: Uint16Array;
}

let built: Tables | undefined;

/** Derived, immutable data, built on first use (≈90 ms) from the slow pipeline itself. */
export function tables(): Tables {
  if (built) return built;
  const kind = new Uint8Array(0x10000);
  const fold = new Uint16Array(0x10000);
  for (let cp = 0; cp < 0x10000; cp++) {
    const ch = String.fromCharCode(cp);
    if ((cp >= 0xd800 && cp <= 0xdfff) || COMPOSING.test(ch)) {
      kind[cp] = SLOW;
      continue;
    }
    const folded = foldText(ch);
    if (folded.length === 0) {
      kind[cp] = IGNORE;
    } else if (folded.length > 1) {
      kind[cp] = SLOW;
    } else {
      fold[cp] = folded.charCodeAt(0);
      kind[cp] = IDEO_RE.test(folded) ? IDEO : DIGIT_RE.test(folded) ? DIGIT : LETTER_RE.test(folded) ? LETTER : SEP;
    }
  }
  built = { kind, fold };
  return built;
}

const DOT = 0x2e;
const COMMA = 0x2c;

/**
 * Tokens of `text`, identical to `tokenize(text)`. Tokens that folding leaves unchanged are slices of the input
 * (flat strings, cheap to hash); others are built from their folded code units. `out` is cleared and reused.
 */
export function fastTokenize(text: string, out: string[] = []): string[] {
  const { kind: KIND, fold: FOLD } = tables();
  out.length = 0;
  const n = text.length;
  let kind = SEP; // kind of the token being built: LETTER, DIGIT or SEP (none)
  let start = 0; // where the current token starts in `text`
  let folded: number[] | undefined; // its code units, once folding changed one of them
  const close = (end: number) => {
    out.push(folded ? foldedString(folded) : text.slice(start, end));
    folded = undefined;
  };
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const k = KIND[c]!;
    if (k === IGNORE) {
      if (kind !== SEP && !folded) folded = codeUnits(text, start, i);
      continue;
    }
    if (k === SLOW) return tokenizeFolded(foldText(text));
    const f = FOLD[c]!;
    const extend =
      kind !== SEP &&
      (k === kind ||
        (kind === DIGIT && k === SEP && (f === DOT || f === COMMA) && nextKind(KIND, text, i + 1) === DIGIT));
    if (extend) {
      if (folded) folded.push(f);
      else if (f !== c) (folded = codeUnits(text, start, i)).push(f);
      continue;
    }
    if (kind !== SEP) close(i);
    if (k === IDEO) {
      out.push(String.fromCharCode(f));
      kind = SEP;
    } else if (k === SEP) {
      kind = SEP;
    } else {
      start = i;
      kind = k;
      if (f !== c) folded = [f];
    }
  }
  if (kind !== SEP) close(n);
  return out;
}

function foldedString(units: number[]): string {
  let out = '';
  for (let at = 0; at < units.length; at += 8192) out += String.fromCharCode(...units.slice(at, at + 8192));
  return out;
}

/** Folded code units of text[from, to) (already known to be token characters; ignorables dropped). */
function codeUnits(text: string, from: number, to: number): number[] {
  const { kind: KIND, fold: FOLD } = tables();
  const units: number[] = [];
  for (let j = from; j < to; j++) {
    const c = text.charCodeAt(j);
    if (KIND[c] !== IGNORE) units.push(FOLD[c]!);
  }
  return units;
}

/** Kind of the next code unit that is not ignorable (SEP at the end). */
function nextKind(KIND: Uint8Array, text: string, from: number): number {
  for (let j = from; j < text.length; j++) {
    const k = KIND[text.charCodeAt(j)]!;
    if (k !== IGNORE) return k;
  }
  return SEP;
}

/**
 * Tokens as folded UTF-16 code units, without making strings: token t is codes[starts[t] .. starts[t] + lens[t]).
 * Reused between calls (`tokenizeCodes` clears it), so indexing a million units allocates almost nothing.
 */
export class TokenCodes {
  codes = new Uint16Array(1024);
  starts = new Int32Array(128);
  lens = new Int32Array(128);
  count = 0;
  private used = 0;

  clear(): void {
    this.count = 0;
    this.used = 0;
  }

  /** Room for a text of n code units (a token is at least one code unit; folding never lengthens here). */
  reserve(n: number): void {
    if (this.codes.length < n) this.codes = new Uint16Array(n * 2);
    if (this.starts.length < n) {
      this.starts = new Int32Array(n * 2);
      this.lens = new Int32Array(n * 2);
    }
  }

  setUsed(used: number): void {
    this.used = used;
  }

  /** Starts a token; push its code units with `push`. */
  begin(): void {
    if (this.count === this.starts.length) {
      const starts = new Int32Array(this.count * 2);
      starts.set(this.starts);
      this.starts = starts;
      const lens = new Int32Array(this.count * 2);
      lens.set(this.lens);
      this.lens = lens;
    }
    this.starts[this.count] = this.used;
    this.lens[this.count] = 0;
    this.count++;
  }

  push(code: number): void {
    if (this.used === this.codes.length) {
      const codes = new Uint16Array(this.used * 2);
      codes.set(this.codes);
      this.codes = codes;
    }
    this.codes[this.used++] = code;
    this.lens[this.count - 1]!++;
  }

  pushString(token: string): void {
    this.begin();
    for (let i = 0; i < token.length; i++) this.push(token.charCodeAt(i));
  }
}

/** The tokens of `text` (as `tokenize` gives them) written into `out` as code units. */
export function tokenizeCodes(text: string, out: TokenCodes): TokenCodes {
  const { kind: KIND, fold: FOLD } = tables();
  out.clear();
  const n = text.length;
  out.reserve(n);
  const codes = out.codes;
  const starts = out.starts;
  const lens = out.lens;
  let used = 0;
  let count = 0;
  let kind = SEP;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const k = KIND[c]!;
    if (k === IGNORE) continue;
    if (k === SLOW) {
      out.clear();
      for (const token of tokenizeFolded(foldText(text))) out.pushString(token);
      return out;
    }
    const f = FOLD[c]!;
    if (
      kind !== SEP &&
      (k === kind ||
        (kind === DIGIT && k === SEP && (f === DOT || f === COMMA) && nextKind(KIND, text, i + 1) === DIGIT))
    ) {
      codes[used++] = f;
      lens[count - 1]!++;
      continue;
    }
    if (k === SEP) {
      kind = SEP;
      continue;
    }
    starts[count] = used;
    lens[count] = 1;
    count++;
    codes[used++] = f;
    kind = k === IDEO ? SEP : k;
  }
  out.count = count;
  out.setUsed(used);
  return out;
}
