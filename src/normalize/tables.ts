/**
 * The tokenizer's lookup tables, derived at first use from the fold pipeline itself (pipeline.ts), one code point at
 * a time, and from what Unicode normalization says about which code points can merge with the one before them.
 */
import { FOLDS, foldText } from './pipeline';

/**
 * Kinds of a code unit. Tokens are runs of LETTER or of DIGIT units, or one IDEO unit; SEP separates them. IGNORE
 * folds to nothing (tashkeel, tatweel, format characters). SLOW: its fold depends on its neighbours or is not one
 * code unit, and the table loop hands the text to the general one. (One object, which hot loops destructure into
 * module constants: a transpiler may turn each imported binding into a getter call.)
 */
export const Kind = { SEP: 0, LETTER: 1, DIGIT: 2, IDEO: 3, IGNORE: 4, SLOW: 5 } as const;
const { SEP, LETTER, DIGIT, IDEO, IGNORE, SLOW } = Kind;

const IDEO_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3005\u3007]/u;
const DIGIT_RE = /\p{Nd}/u;
const LETTER_RE = /[\p{L}\p{M}]/u;
const MARK_RE = /\p{M}/u;
const SIGMA = '\u03a3';

/** The kind of a character (one code point) of already folded text, as pipeline.ts's token rule reads it. */
export function classify(ch: string): number {
  return IDEO_RE.test(ch) ? IDEO : DIGIT_RE.test(ch) ? DIGIT : LETTER_RE.test(ch) ? LETTER : SEP;
}

export interface Tables {
  /** Per BMP code unit: the kind of its fold, IGNORE, or SLOW. */
  kind: Uint8Array;
  /** Its fold (for kinds SEP to IDEO). */
  fold: Uint16Array;
  /** Its fold before lower-casing, the last fold (for the general path, which lower-cases whole texts). */
  pre: Uint16Array;
  /** The kind of the code unit as a character of folded text. */
  folded: Uint8Array;
  /** 1 where NFC or NFKC can merge the code point with the one before it (a mark, a composing jamo or vowel sign). */
  joins: Uint8Array;
}

let built: Tables | undefined;
/** BMP code points that can be the second of a canonical composition (Hangul V and T jamo, marks, vowel signs). */
let seconds: Set<number> | undefined;
/** The same, with the seconds of astral compositions too (needed only for astral code points: computed then). */
let allSeconds: Set<number> | undefined;
const astralJoins = new Map<number, boolean>();

/** Canonical combining class > 0 (ccc ≤ 240; every such code point is a mark, so only marks are probed). */
function nonStarter(ch: string): boolean {
  if (!MARK_RE.test(ch)) return false;
  // NFD reorders a mark of class > 1 after U+0334 (class 1), and one of class < 240 before U+0345 (class 240).
  return ('a' + ch + '\u0334').normalize('NFD').endsWith(ch) || ('a\u0345' + ch).normalize('NFD') !== 'a\u0345' + ch;
}

/**
 * The code points that are the second (or later) part of a canonical decomposition of a code point in [from, to).
 * The BMP tables need only the BMP's: the BMP code points among the seconds of astral compositions are seconds of
 * BMP ones too (a unit test checks it).
 */
export function compositionSeconds(from: number, to: number, into = new Set<number>()): Set<number> {
  for (let cp = from; cp < to; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const ch = String.fromCodePoint(cp);
    const nfd = ch.normalize('NFD');
    if (nfd === ch) continue;
    for (let i = nfd.codePointAt(0)! > 0xffff ? 2 : 1; i < nfd.length; i++) {
      const c = nfd.codePointAt(i)!;
      into.add(c);
      if (c > 0xffff) i++;
    }
  }
  return into;
}

/** Seconds of every composition: the SMP holds every astral multi-code-point decomposition; plane 2 singletons. */
function everySecond(): Set<number> {
  if (!allSeconds) {
    tables(); // fills `seconds`
    allSeconds = compositionSeconds(0x10000, 0x20000, new Set(seconds));
    compositionSeconds(0x2f800, 0x2fa20, allSeconds);
  }
  return allSeconds;
}

/**
 * `foldText(c, 'case')` for each BMP code unit c but the surrogates (''), in one call rather than 63k (≈10× faster):
 * the units are folded as one text, each behind U+0001, a control character that no fold changes, produces or
 * merges with. U+0001 itself is folded alone.
 */
function foldEach(): string[] {
  const units = new Uint16Array(0x20000);
  let n = 0;
  for (let cp = 0; cp < 0x10000; cp++) {
    if (cp > 0) units[n++] = 1;
    if ((cp < 0xd800 || cp > 0xdfff) && cp !== 1) units[n++] = cp;
  }
  const text = new TextDecoder('utf-16le', { ignoreBOM: true }).decode(units.subarray(0, n));
  const out = foldText(text, 'case').split('\u0001');
  if (out.length !== 0x10000) throw new Error('a fold produced or removed U+0001');
  out[1] = foldText('\u0001', 'case');
  return out;
}

/** The first code point of the character's compatibility decomposition: what may merge with the one before. */
function leading(cp: number): number {
  return String.fromCodePoint(cp).normalize('NFKD').codePointAt(0)!;
}

/** Whether normalization can merge a code point whose decomposition starts with `first` with the one before it. */
function joinsBefore(first: number, secondsSet: Set<number>): boolean {
  return secondsSet.has(first) || nonStarter(String.fromCodePoint(first));
}

/** `Tables.joins` for any code point. */
export function joinsPrevious(cp: number): boolean {
  if (cp <= 0xffff) return tables().joins[cp] === 1;
  let known = astralJoins.get(cp);
  if (known === undefined) astralJoins.set(cp, (known = joinsBefore(leading(cp), everySecond())));
  return known;
}

/**
 * Derived, immutable data, built on first use (≈80 ms). A code unit is SLOW when it is a surrogate, when its fold
 * is several code units, when it may merge with the code point before it (a composing mark, a jamo), when it is a
 * mark NFC may reorder that folding keeps, or when it lower-cases to σ or ς depending on its neighbours (Σ).
 */
export function tables(): Tables {
  if (built) return built;
  if (FOLDS[FOLDS.length - 1]!.name !== 'case') throw new Error('the tokenizer tables expect lower-casing last');
  seconds = compositionSeconds(0, 0x10000);
  const kind = new Uint8Array(0x10000);
  const fold = new Uint16Array(0x10000);
  const pre = new Uint16Array(0x10000);
  const folded = new Uint8Array(0x10000);
  const joins = new Uint8Array(0x10000);
  for (let cp = 0; cp < 0x10000; cp++) folded[cp] = classify(String.fromCharCode(cp));
  const folds = foldEach();
  for (let cp = 0; cp < 0x10000; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) {
      kind[cp] = SLOW;
      continue;
    }
    const first = leading(cp);
    const second = seconds.has(first);
    const reorders = nonStarter(String.fromCodePoint(first));
    joins[cp] = second || reorders ? 1 : 0;
    const beforeCase = folds[cp]!;
    const full = beforeCase.toLowerCase();
    if (second) kind[cp] = SLOW;
    else if (full.length === 0) kind[cp] = IGNORE;
    else if (full.length > 1 || beforeCase.length !== 1 || beforeCase === SIGMA || reorders) kind[cp] = SLOW;
    else {
      fold[cp] = full.charCodeAt(0);
      pre[cp] = beforeCase.charCodeAt(0);
      kind[cp] = folded[fold[cp]!]!;
    }
  }
  built = { kind, fold, pre, folded, joins };
  return built;
}
