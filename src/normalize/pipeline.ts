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

/**
 * Text made only of these code units is NFC already: each is a starter (canonical combining class 0) that NFC
 * leaves as it is and that never composes with the character before it. Checked against ICU, code unit by code unit,
 * in the unit tests (normalize.test.ts).
 */
const NFC_INERT_RANGES = [
  '\\u0000-\\u02FF', // ASCII and Latin before the combining marks
  '\\u0600-\\u060F\\u061B-\\u064A', // Arabic letters and punctuation, without the marks U+0610… and U+064B…
  '\\u0660-\\u066F\\u0671-\\u06D5', // Arabic digits, more letters (not U+0670, a mark)
  '\\u2010-\\u2027\\u2030-\\u205E', // general punctuation (not U+2000–U+2001, which NFC replaces)
  '\\u3000-\\u3029\\u3400-\\u4DBF\\u4E00-\\u9FFF', // CJK punctuation (not its tone marks), ideographs
  '\\uE000-\\uF8FF', // private use: placeables
  '\\uFF01-\\uFF5E', // fullwidth ASCII forms
];
export const NFC_INERT = new RegExp(`^[${NFC_INERT_RANGES.join('')}]*$`);

/**
 * Canonical form for "identical text": Unicode NFC with outer whitespace trimmed. Most texts an import reads are NFC
 * already, and one scan saying so costs less than ICU's normalizer (a copy of the text each way).
 */
export function canonical(text: string): string {
  return (NFC_INERT.test(text) ? text : text.normalize('NFC')).trim();
}
