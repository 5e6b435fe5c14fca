/** Latin-script and general folds: case, width (via NFKC) and invisible format characters. */

/** Unicode NFKC: full-width → half-width, Arabic presentation forms → base letters, ligatures split. */
export function nfkc(text: string): string {
  return text.normalize('NFKC');
}

/** Locale-independent lower case (no Turkish dotless-i surprises). */
export function foldCase(text: string): string {
  return text.toLowerCase();
}

/** Zero-width joiners, bidi marks, BOM and other format characters (General Category Cf). */
export function stripFormatChars(text: string): string {
  return text.replace(/\p{Cf}/gu, '');
}
