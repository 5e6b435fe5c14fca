/**
 * Tokens with their place in the original text, for highlighting (explain diffs, concordance). Same tokens as
 * `tokenize`, but each carries [start, end) offsets into the string as given. Folding is done per code point here,
 * so where folding depends on neighbours (NFC compositions) the tokens could differ: then this returns undefined
 * and callers show no spans rather than wrong ones.
 */
import { DIGIT, DIGIT_RE, IDEO, IDEO_RE, IGNORE, LETTER, LETTER_RE, SEP, SLOW, tables } from './fast-tokenize';
import { foldText, tokenize } from './pipeline';

export interface TokenSpan {
  token: string;
  start: number;
  end: number;
}

function classify(ch: string): number {
  return IDEO_RE.test(ch) ? IDEO : DIGIT_RE.test(ch) ? DIGIT : LETTER_RE.test(ch) ? LETTER : SEP;
}

export function tokenSpans(text: string): TokenSpan[] | undefined {
  const { kind: KIND, fold: FOLD } = tables();
  // Expand the text into (folded char, kind, start, end) units.
  const units: { ch: string; kind: number; start: number; end: number }[] = [];
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const k = width === 1 ? KIND[cp]! : SLOW;
    if (k === IGNORE) {
      // Contributes no character, but marks after a letter (tashkeel, tatweel) belong to it: the span covers them.
      const last = units[units.length - 1];
      if (last && last.end === i) last.end = i + width;
    } else if (k !== SLOW) {
      units.push({ ch: String.fromCharCode(FOLD[cp]!), kind: k, start: i, end: i + width });
    } else {
      for (const ch of foldText(String.fromCodePoint(cp)))
        units.push({ ch, kind: classify(ch), start: i, end: i + width });
    }
    i += width;
  }
  const out: TokenSpan[] = [];
  let current: TokenSpan | undefined;
  let currentKind = SEP;
  const close = () => {
    if (current) out.push(current);
    current = undefined;
    currentKind = SEP;
  };
  units.forEach((u, idx) => {
    if (u.kind === currentKind && current) {
      current.token += u.ch;
      current.end = u.end;
      return;
    }
    if (
      currentKind === DIGIT &&
      u.kind === SEP &&
      (u.ch === '.' || u.ch === ',') &&
      units[idx + 1]?.kind === DIGIT &&
      current
    ) {
      current.token += u.ch;
      current.end = u.end;
      return;
    }
    close();
    if (u.kind === IDEO) out.push({ token: u.ch, start: u.start, end: u.end });
    else if (u.kind === LETTER || u.kind === DIGIT) {
      current = { token: u.ch, start: u.start, end: u.end };
      currentKind = u.kind;
    }
  });
  close();
  const expected = tokenize(text);
  if (expected.length !== out.length || expected.some((t, i) => t !== out[i]!.token)) return undefined;
  return out;
}
