/**
 * The tokenizer: one walk over the text that emits each token's folded code units and its [start, end) span in the
 * text, into a reused TokenBuffer. The token strings (`tokenize`), the code units the indexer interns
 * (`tokenizeCodes`) and the spans that explain and highlight (`tokenSpans`) are views of that one result.
 *
 * It produces exactly what folding the whole text (pipeline.ts: `foldText`) and matching the token rule there gives;
 * that regex path is kept only as the oracle the property tests compare with.
 *
 * Two loops, one result:
 *  - the table loop: one pass over UTF-16 code units with tables derived from the pipeline (tables.ts). Indexing a
 *    million units spends most of its time here, hence the care (≈5× faster than the regex path).
 *  - the general loop, for a text holding a code unit the tables cannot fold alone (SLOW: a mark that composes
 *    under NFC, a character whose fold is several characters, a surrogate, Σ). It folds the text stretch by stretch
 *    (a code point and the marks or jamo normalization may merge with it: folding stretches separately equals
 *    folding the whole, as nothing merges across their boundaries and the other folds are per code point), then
 *    lower-cases the whole text at once (the one fold with context: final sigma). Every folded code unit keeps the
 *    span of the stretch it came from, so these texts have spans too.
 *
 * Spans: a token's span runs from its first code unit to its last, and takes in the ignorable code units right after
 * it (the tashkeel of a final letter), so that a highlight covers the whole written word.
 */
import { foldText } from './pipeline';
import { classify, joinsPrevious, Kind, tables } from './tables';
import { codesToString, TokenBuffer } from './token-buffer';

export { codesToString, TokenBuffer };

const { SEP, DIGIT, IDEO, IGNORE, SLOW } = Kind;
const DOT = 0x2e;
const COMMA = 0x2c;

/** The tokens of `text` and their spans, written into `out` (cleared first). Returns `out`. */
export function tokenizeCodes(text: string, out: TokenBuffer): TokenBuffer {
  if (!tableLoop(text, out)) generalLoop(text, out);
  return out;
}

/**
 * The table loop. Returns false, having written nothing useful, when the text holds a SLOW code unit. Kept in one
 * piece on purpose: it runs for every unit indexed, and locals stay in registers only inside one function.
 */
function tableLoop(text: string, out: TokenBuffer): boolean {
  const { kind: KIND, fold: FOLD } = tables();
  const n = text.length;
  out.clear();
  out.reserve(n); // a table fold is one code unit, a token at least one: no bounds checks below
  const { codes, starts, lens, from, to } = out;
  let used = 0;
  let count = 0;
  let kind: number = SEP; // kind of the open token: LETTER or DIGIT, or SEP when none is open
  // The last token's first code unit in `codes` and the end of its span so far: its length and span end are written
  // when the next token starts (or at the end), not for every code unit.
  let at = 0;
  let end = -1;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const k = KIND[c]!;
    if (k === IGNORE) {
      if (end === i) end = i + 1; // right after a token: part of its span
      continue;
    }
    if (k === SLOW) return false;
    const f = FOLD[c]!;
    if (
      kind !== SEP &&
      (k === kind ||
        // a digit run goes on over . or , between digits (3.5, 1,000)
        (kind === DIGIT && k === SEP && (f === DOT || f === COMMA) && nextKind(KIND, text, i + 1) === DIGIT))
    ) {
      codes[used++] = f;
      end = i + 1;
      continue;
    }
    if (k === SEP) {
      kind = SEP;
      continue;
    }
    if (count > 0) {
      lens[count - 1] = used - at;
      to[count - 1] = end;
    }
    at = used;
    starts[count] = used;
    from[count] = i;
    count++;
    codes[used++] = f;
    end = i + 1;
    kind = k === IDEO ? SEP : k; // an ideograph is a token of its own
  }
  if (count > 0) {
    lens[count - 1] = used - at;
    to[count - 1] = end;
  }
  out.count = count;
  out.used = used;
  return true;
}

/** Kind of the next code unit that is not ignorable (SEP at the end). */
function nextKind(KIND: Uint8Array, text: string, from: number): number {
  for (let j = from; j < text.length; j++) {
    const k = KIND[text.charCodeAt(j)]!;
    if (k !== IGNORE) return k;
  }
  return SEP;
}

/** The general loop (see the file comment): fold stretch by stretch, lower-case the whole, then make tokens. */
function generalLoop(text: string, out: TokenBuffer): void {
  const { kind: KIND, pre: PRE } = tables();
  const n = text.length;
  let folded = '';
  // The span of each folded code unit: that of the stretch it came from.
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < n;) {
    let j = i + (text.codePointAt(i)! > 0xffff ? 2 : 1);
    for (let cp: number; j < n && joinsPrevious((cp = text.codePointAt(j)!));) j += cp > 0xffff ? 2 : 1;
    const c = text.charCodeAt(i);
    const k = j === i + 1 ? KIND[c]! : SLOW;
    const stretch = k === SLOW ? foldText(text.slice(i, j), 'case') : k === IGNORE ? '' : String.fromCharCode(PRE[c]!);
    if (stretch.length === 0) {
      if (to.length > 0 && to[to.length - 1] === i) to[to.length - 1] = j; // as in the table loop
    }
    for (let u = 0; u < stretch.length; u++) {
      from.push(i);
      to.push(j);
    }
    folded += stretch;
    i = j;
  }
  const lower = folded.toLowerCase();
  if (lower.length === folded.length) return assemble(lower, from, to, out);
  // Only İ lower-cases to two code units (i and a combining dot), wherever it stands: both keep its span.
  const lowerFrom: number[] = [];
  const lowerTo: number[] = [];
  for (let p = 0; p < folded.length;) {
    const cp = folded.codePointAt(p)!;
    for (let u = String.fromCodePoint(cp).toLowerCase().length; u > 0; u--) {
      lowerFrom.push(from[p]!);
      lowerTo.push(to[p]!);
    }
    p += cp > 0xffff ? 2 : 1;
  }
  assemble(lower, lowerFrom, lowerTo, out);
}

/**
 * Tokens of already folded text, as the token rule reads it; folded code unit i has the span [from[i], to[i]) in
 * the original text, or [i, i + 1) without spans.
 */
function assemble(folded: string, from: number[] | undefined, to: number[] | undefined, out: TokenBuffer): void {
  const FOLDED = tables().folded;
  const kindAt = (i: number): number => {
    const cp = folded.codePointAt(i);
    return cp === undefined ? SEP : cp > 0xffff ? classify(String.fromCodePoint(cp)) : FOLDED[cp]!;
  };
  out.clear();
  let kind: number = SEP;
  for (let i = 0; i < folded.length;) {
    const c = folded.charCodeAt(i);
    const k = kindAt(i);
    const width = folded.codePointAt(i)! > 0xffff ? 2 : 1;
    const extend =
      kind !== SEP && (k === kind || (kind === DIGIT && (c === DOT || c === COMMA) && kindAt(i + 1) === DIGIT));
    if (!extend && k === SEP) kind = SEP;
    else {
      if (!extend) {
        out.open(from ? from[i]! : i);
        kind = k === IDEO ? SEP : k;
      }
      for (let u = i; u < i + width; u++) out.push(folded.charCodeAt(u), to ? to[u]! : u + 1);
    }
    i += width;
  }
}

const scratch = new TokenBuffer();

/** Tokens of `text`: the sequence the matcher compares. */
export function tokenize(text: string): string[] {
  return tokenizeCodes(text, scratch).strings();
}

/** Whether the text has at least one token (as `tokenize(text).length > 0`, without making the strings). */
export function hasTokens(text: string): boolean {
  // The table loop opens a token at the first code unit that is not SEP or IGNORE: when the text holds no SLOW code
  // unit (which sends it to the general loop), finding one is the answer, and nothing needs folding or writing.
  const KIND = tables().kind;
  let found = false;
  for (let i = 0; i < text.length; i++) {
    const k = KIND[text.charCodeAt(i)]!;
    if (k === SLOW) return tokenizeCodes(text, scratch).count > 0;
    if (k !== SEP && k !== IGNORE) found = true;
  }
  return found;
}

/** Tokens of text that is already folded (by `foldText`, possibly with a fold left out). */
export function tokenizeFolded(folded: string): string[] {
  assemble(folded, undefined, undefined, scratch);
  return scratch.strings();
}

export interface TokenSpan {
  token: string;
  /** [start, end) in the text as given. */
  start: number;
  end: number;
}

/** Tokens with their place in the text, for highlighting (explain diffs, concordance). */
export function tokenSpans(text: string): TokenSpan[] {
  const tokens = tokenizeCodes(text, scratch);
  const out: TokenSpan[] = [];
  for (let t = 0; t < tokens.count; t++)
    out.push({ token: tokens.token(t), start: tokens.from[t]!, end: tokens.to[t]! });
  return out;
}

/** The general loop alone, whatever the text (for tests: it must agree with the table loop where both apply). */
export function tokenizeCodesGeneral(text: string, out: TokenBuffer): TokenBuffer {
  generalLoop(text, out);
  return out;
}
