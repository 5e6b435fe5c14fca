/**
 * What ICU's sentence iterator (Intl.Segmenter, the rules of UAX #29) says, read from the few characters around a
 * position, so that the segmenter asks ICU only where this cannot answer. ICU costs ~1–5 µs per sentence it iterates:
 * on text that is nothing but sentence ends (`1?ك!؟` repeated) that was most of a second per 500k characters; here a
 * sentence end costs a few character tests.
 *
 * ICU breaks (UAX #29, SB4–SB11) only after a paragraph separator, or after SATerm Close* Sp* (ignoring the Extend and
 * Format characters that follow any character: SB5). The break the segmenter uses has trailing spaces trimmed: it is
 * after the SATerm and its closers. Whether ICU breaks there depends on the SATerm (STerm, or ATerm: a full stop that
 * may be an abbreviation), the closers, the spaces and the first character after them.
 *
 * - `icuBreakAt`: whether ICU breaks at a position, `undefined` when that needs more than the cases written here.
 * - `icuOnlyBreaks`: the breaks ICU makes that are not ends of the segmenter's runs of final marks and closers (after
 *   a separator, after a terminal of another script, after closers the runs do not hold), or `undefined` when one
 *   of them cannot be read from the text: then the segmenter asks ICU about the paragraph.
 *
 * `segment-icu.test.ts` checks both against ICU itself on random text made of every character class named here.
 */

/** ATerm: the full stops that may be abbreviations (SB6–SB8 apply to them only). */
const ATERM = /^[.\u2024\uFE52\uFF0E]$/u;
/** STerm or ATerm (Sentence_Terminal). */
const SATERM = /^[\p{Sentence_Terminal}\u2024\uFE52\uFF0E]$/u;
/** Closers and openers that are Close for UAX #29 (the segmenter's closers among them). */
const CLOSE = /^[»"”’')\]」』）》〉“«‘([「『（《〈]$/u;
/** Extend and Format (SB5): they belong to the character before them. */
const JOIN = /^(?![\uFEFF])[\p{M}\p{Cf}]$/u;
/** Spaces that are Sp for UAX #29 and \s for the trimming (not NBSP, ZWNBSP or any separator). */
const SPACE = /^[ \t\u3000]$/u;
const LETTER = /^\p{L}$/u;
const LOWER = /^\p{Lowercase}$/u;
const UPPER = /^[\p{Uppercase}\p{Lt}]$/u;
const DIGIT = /^\p{Nd}$/u;
/**
 * Never read: separators and line ends, ZWNBSP (Format for UAX #29, a space for trimming), letters that are Extend
 * (ﾞﾟ), halves of a character outside the BMP (which may be a terminal, closer or letter of any kind).
 */
const UNSURE = /^[\n\r\u0085\u2028\u2029\uFEFF\uFF9E\uFF9F\uD800-\uDFFF]$/u;
/** Close for UAX #29 (any opening or closing punctuation or quote), Extend, Format, or unsure. */
const CARRIER =
  /^[\p{Ps}\p{Pe}\p{Pi}\p{Pf}\p{Quotation_Mark}\u275B-\u2760\u2E42\p{M}\p{Cf}\uFF9E\uFF9F\uD800-\uDFFF]$/u;
/** Where ICU may break that the segmenter's runs do not cover: separators, terminals of other scripts. */
const ELSEWHERE = /[\n\r\u0085\u2028\u2029]|(?![.!?؟。！？])[\p{Sentence_Terminal}\u2024\uFE52\uFF0E]/gu;
const SEPARATOR = /^[\n\r\u0085\u2028\u2029]$/u;
/** The segmenter's final marks that are terminals: each starts a run of its own. */
const FINAL_TERMINAL = /^[.!?؟。！？]$/u;

/**
 * Whether ICU puts a sentence end at `at` (trailing spaces trimmed, as Segmenter.icuBreaks gives it), when that
 * follows from the characters around it; `undefined` otherwise.
 */
export function icuBreakAt(text: string, at: number): boolean | undefined {
  let t = at - 1;
  let closed = false;
  let joined = false;
  for (; t >= 0; t--) {
    if (CLOSE.test(text[t]!)) closed = true;
    else if (JOIN.test(text[t]!)) joined = true;
    else break;
  }
  if (t < 0) return undefined;
  const mark = text[t]!;
  let next = at;
  while (next < text.length && SPACE.test(text[next]!)) next++;
  const c = text[next];
  if (c === undefined || UNSURE.test(mark) || UNSURE.test(c) || /^\s$/u.test(c)) return undefined;
  const spaced = next > at;
  if (JOIN.test(c)) return spaced ? undefined : false; // it belongs to the character before: no boundary before it
  // No SATerm Close* ends here. A joiner may belong to spaces after one (SB5), a Close of another kind may follow it.
  if (!SATERM.test(mark)) return CARRIER.test(mark) || (joined && /^\s$/u.test(mark)) ? undefined : false;
  if (!ATERM.test(mark)) {
    // STerm: a break unless the sentence end goes on (Close, Sp: SB9, SB10) or a continuation follows (SB8a).
    if (LETTER.test(c) || DIGIT.test(c)) return true;
    return !spaced && CLOSE.test(c) ? false : undefined;
  }
  const bare = !spaced && !closed;
  if (LETTER.test(c)) {
    if (LOWER.test(c)) return false; // SB8: "etc. and"
    if (!UPPER.test(c)) return true; // another letter (Arabic, Chinese): SB11
    if (!bare) return true;
    // SB7: (Upper | Lower) ATerm × Upper, as in "U.S"
    let b = t - 1;
    while (b >= 0 && JOIN.test(text[b]!)) b--;
    if (b < 0) return true;
    if (UNSURE.test(text[b]!)) return undefined;
    return !(LOWER.test(text[b]!) || UPPER.test(text[b]!));
  }
  if (DIGIT.test(c) && bare) return false; // SB6: "3.5"
  return !spaced && CLOSE.test(c) ? false : undefined;
}

/**
 * ICU's breaks that are not ends of runs of final marks and closers (the runs end at `ends`; a break ICU makes at
 * the end of a run after a separator is listed too), in order, or undefined when one cannot be read from the text.
 */
export function icuOnlyBreaks(text: string, ends: readonly number[]): number[] | undefined {
  const out: number[] = [];
  for (const end of ends) if (end < text.length && follow(text, end, true, out) < 0) return undefined;
  ELSEWHERE.lastIndex = 0;
  let reached = 0;
  for (let m = ELSEWHERE.exec(text); m; m = ELSEWHERE.exec(text)) {
    const i = m.index;
    if (i < reached) continue;
    if (SEPARATOR.test(text[i]!)) {
      if (text[i] === '\r' && text[i + 1] === '\n') continue; // CR × LF: the break comes after the LF
      let q = i + 1; // SB4: always a break after a separator, trimmed of the spaces before it
      while (q > 0 && isSpace(text.charCodeAt(q - 1))) if (--q < i && SEPARATOR.test(text[q]!)) return undefined;
      if (q > 0 && q < text.length) out.push(q);
      continue;
    }
    reached = follow(text, i + 1, false, out); // a terminal the runs do not know
    if (reached < 0) return undefined;
  }
  out.sort((a, b) => a - b);
  return out.filter((at, k) => at !== out[k - 1]);
}

/**
 * After a sentence end that stops at `from` (a run's end, or the character after a terminal of another script): ICU
 * carries it over any Close, Extend and Format characters and further terminals, and may break after them. That
 * break is added to `out` (a run's own end is left to the rules, and to icuBreakAt when none matches). Returns where
 * the carried end stops, or -1 when unsure: a closer of another kind, a joiner after spaces, a run of final marks
 * inside ICU's sentence end, a verdict icuBreakAt cannot give.
 */
function follow(text: string, from: number, run: boolean, out: number[]): number {
  let j = from;
  for (; j < text.length && (CLOSE.test(text[j]!) || JOIN.test(text[j]!) || SATERM.test(text[j]!)); j++)
    if (FINAL_TERMINAL.test(text[j]!)) return -1;
  if (j >= text.length) return j;
  if (CARRIER.test(text[j]!)) return -1;
  let k = j;
  while (k < text.length && isSpace(text.charCodeAt(k))) if (UNSURE.test(text[k++]!)) return -1;
  if (k < text.length && CARRIER.test(text[k]!) && !CLOSE.test(text[k]!)) return -1;
  if (run && j === from) return j;
  const verdict = icuBreakAt(text, j);
  if (verdict === undefined) return -1;
  if (verdict) out.push(j);
  return j;
}

/** \s of a regex, for one UTF-16 unit. */
export function isSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}
