/**
 * Names the harmless differences between two texts whose token sequences are already equal: which folds were
 * needed to make them equal, and whether punctuation or spacing differ. Each name costs a small penalty.
 */
import { FOLDS, foldText, type FoldName } from './pipeline';
import { tokenizeFolded } from './tokenizer';

export type DifferenceName = FoldName | 'punctuation' | 'whitespace';

const SEP = '\u0001';
const WHITESPACE = /\s+/gu;
const NOT_WHITESPACE_OR_PUNCT = /[^\s\p{P}\p{S}]+/gu;

function tokensKey(text: string, skip?: FoldName): string {
  return tokenizeFolded(foldText(text, skip)).join(SEP);
}

/**
 * Precondition: `tokenize(a)` equals `tokenize(b)`. Returns the differences in pipeline order, then punctuation and
 * whitespace. Empty means the texts are equal once trimmed and NFC-normalized (or differ only in ways no fold names).
 */
export function harmlessDifferences(a: string, b: string): DifferenceName[] {
  const out: DifferenceName[] = [];
  for (const fold of FOLDS) {
    if (tokensKey(a, fold.name) !== tokensKey(b, fold.name)) out.push(fold.name);
  }
  const fa = foldText(a.trim());
  const fb = foldText(b.trim());
  if (fa.replace(WHITESPACE, '') !== fb.replace(WHITESPACE, '')) out.push('punctuation');
  // Between tokens, keep only the spacing: "a, b" vs "a ,b" differ in punctuation placement, not in spacing.
  const spacing = (s: string) => s.replace(NOT_WHITESPACE_OR_PUNCT, 'x').replace(/[\p{P}\p{S}]/gu, '');
  if (spacing(fa) !== spacing(fb)) out.push('whitespace');
  return out;
}
