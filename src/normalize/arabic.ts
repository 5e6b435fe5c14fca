/**
 * Arabic-script folds. Each is a small pure function over a whole string; `pipeline.ts` decides the order.
 * They only touch Arabic code points, so they are safe to run over text in any language.
 */

/** Tashkeel (harakat, tanwin, shadda, sukun, hamza marks U+064B–U+065F), dagger alef U+0670, Quranic marks. */
const TASHKEEL = /[\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E4\u06E7\u06E8\u06EA-\u06ED]/g;
const TATWEEL = /\u0640/g;

export function stripTashkeel(text: string): string {
  return text.replace(TASHKEEL, '').replace(TATWEEL, '');
}

/** أ إ آ ٱ (and the rarer wavy-hamza forms) → ا. */
export function foldAlef(text: string): string {
  return text.replace(/[\u0622\u0623\u0625\u0671\u0672\u0673]/g, '\u0627');
}

/** ى (alef maqsura) → ي and ة (ta marbuta) → ه: spellings that writers interchange, folded for matching only. */
export function foldYaAndTaMarbuta(text: string): string {
  return text.replace(/\u0649/g, '\u064A').replace(/\u0629/g, '\u0647');
}

/** Arabic-Indic (٠–٩) and Extended Arabic-Indic (۰–۹) digits → 0–9; Arabic decimal/thousands separators → . and , */
export function foldArabicDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9\u066B\u066C]/g, (ch) => {
    const code = ch.charCodeAt(0);
    if (code === 0x066b) return '.';
    if (code === 0x066c) return ',';
    return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
  });
}

/**
 * Proclitics that attach to the front of an Arabic word, longest first: conjunctions و ف, prepositions ب ك ل,
 * the article ال and their combinations. ل + ال is written لل.
 */
const PROCLITICS = [
  'وبال',
  'وكال',
  'فبال',
  'فكال',
  'ولل',
  'فلل',
  'وال',
  'فال',
  'بال',
  'كال',
  'لل',
  'ال',
  'وب',
  'وك',
  'ول',
  'فب',
  'فك',
  'فل',
  'و',
  'ف',
  'ب',
  'ك',
  'ل',
];

/** The shortest stem we accept after removing a clitic; shorter remainders keep the clitic (e.g. "ولد" stays). */
export const MIN_STEM_LENGTH = 3;

/**
 * The word without its proclitics, for telling "والصين" and "الصين" apart from truly different words.
 * Input must already be folded (no tashkeel, alef folded). Returns the word itself when nothing can be removed.
 */
export function arabicStem(word: string): string {
  for (const clitic of PROCLITICS) {
    if (word.startsWith(clitic) && word.length - clitic.length >= MIN_STEM_LENGTH) {
      return word.slice(clitic.length);
    }
  }
  return word;
}

const ARABIC_LETTER = /[\u0620-\u064A\u066E-\u06D3\u06FA-\u06FF]/;

export function isArabicWord(word: string): boolean {
  return ARABIC_LETTER.test(word);
}
