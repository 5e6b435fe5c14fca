/**
 * The normalization pipeline: an ordered list of named folds, then the token rule.
 *
 * Every fold is harmless for a translator (it never changes what a sentence says), which is why a difference that
 * only a fold removes costs a small named penalty instead of an edit. The token rule is script-aware, not
 * language-aware, so mixed text works everywhere.
 *
 * This is the definition; the tokenizer (tokenizer.ts) computes the same tokens in one walk, with tables derived
 * from these folds, and this regex path is only its test oracle (`regexTokenize`).
 */
import { foldAlef, foldArabicDigits, foldYaAndTaMarbuta, stripTashkeel } from './arabic';
import { foldScript } from './chinese';
import { foldCase, nfkc, stripFormatChars } from './latin';

export type FoldName = 'width' | 'invisible' | 'diacritics' | 'letterforms' | 'digits' | 'script' | 'case';

export interface Fold {
  readonly name: FoldName;
  readonly apply: (text: string) => string;
}

/** Order matters: NFKC first (presentation forms become letters that the Arabic folds know). */
export const FOLDS: readonly Fold[] = [
  { name: 'width', apply: nfkc },
  { name: 'invisible', apply: stripFormatChars },
  { name: 'diacritics', apply: stripTashkeel },
  { name: 'letterforms', apply: (text) => foldYaAndTaMarbuta(foldAlef(text)) },
  { name: 'digits', apply: foldArabicDigits },
  // Traditional Chinese → simplified, after NFKC (which turns CJK compatibility ideographs into unified ones).
  { name: 'script', apply: foldScript },
  { name: 'case', apply: foldCase },
];

/** Applies every fold (but `skip`, when given) to the text. */
export function foldText(text: string, skip?: FoldName): string {
  let out = text.normalize('NFC');
  for (const fold of FOLDS) {
    if (fold.name !== skip) out = fold.apply(out);
  }
  return out;
}

const IDEO = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\u3005\\u3007';
/**
 * A token is one ideograph, or a run of digits (with inner decimal/thousands separators: 3.5, 1,000), or a run of
 * other letters and marks. Punctuation, symbols and spaces separate tokens and are not tokens themselves.
 */
const TOKEN = new RegExp(`[${IDEO}]|\\p{Nd}+(?:[.,]\\p{Nd}+)*|[[\\p{L}\\p{M}]--[${IDEO}]]+`, 'gv');

/** The oracle: folds the whole text, then matches the token rule. Production code uses tokenizer.ts. */
export function regexTokenize(text: string, skip?: FoldName): string[] {
  return foldText(text, skip).match(TOKEN) ?? [];
}

/** Canonical form for "identical text": Unicode NFC with outer whitespace trimmed. */
export function canonical(text: string): string {
  return text.normalize('NFC').trim();
}
