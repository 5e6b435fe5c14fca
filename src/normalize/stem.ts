/**
 * The stem of a token, which the matcher compares when tokens differ: an Arabic word without its proclitics
 * (arabic.ts), an English word without its plural ending (english.ts), any other token itself. Tokens with the same
 * stem differ "by a clitic" (an inflection, in English): a quarter of a word.
 */
import { arabicStem, isArabicWord } from './arabic';
import { englishStem } from './english';

export function wordStem(token: string): string {
  return isArabicWord(token) ? arabicStem(token) : englishStem(token);
}
