/**
 * Runs of rows shifted by a gap the DP put in the wrong place. When a language lacks a sentence, the DP gives some
 * row nothing in that language (a 1:0 / 0:1 row); where the lengths cannot tell (short lines of dialogue, which all
 * look alike) it may put that gap several rows from the sentence really missing, and every row between is paired with
 * its neighbour's sentence — each of them looking sure (confidence 0.95–0.99 on tico19's dialogue with omissions).
 * The flags next to a gap (flags.ts `neighbour`) reach two rows; such a run can be ten.
 *
 * So the words are asked, over the whole stretch next to each gap: if the language the gap row lacks belongs one row
 * further (towards the gap) in each row of a stretch, do its words agree with the other side's more than as paired?
 * Chinese against English by CC-CEDICT, Arabic against English and English against Arabic by FreeDict. The stretch
 * whose summed gain is largest, at least SHIFT_GAIN words, is flagged `shifted`. One word a row is weak evidence
 * ("I" and "fever" on both sides, "yesterday" on one), a run of them is not.
 */
import type { ArEnLexicon } from './ar-lexicon';
import { hits, perRow, zhWordHits } from './lexical-check';
import type { ZhEnLexicon } from './lexicon';
import type { AlignedRow } from './row';

/** Words a stretch must gain, summed over its rows, to be flagged. */
export const SHIFT_GAIN = 3;
/** Rows looked at on each side of a gap. */
export const SHIFT_WINDOW = 20;

type L = 'ar' | 'en' | 'zh';

/** How many words of row `k`'s language checked translate into row `j`'s other side; null when a side is empty. */
type Agreement = (k: number, j: number) => number | null;

/** Chinese of row `k` against English of row `j`, by CC-CEDICT. */
function zhAgreement(rows: readonly AlignedRow[], zhEn: ZhEnLexicon): Agreement {
  const english = perRow(rows, (r) => r.en && new Set(zhEn.englishIds([r.en]).ids));
  const words = perRow(rows, (r) => r.zh && zhEn.words(r.zh), new Int32Array(0));
  return (k, j) => (rows[k]?.zh && rows[j]?.en ? zhWordHits(zhEn, words(k), english(j)) : null);
}

/**
 * Arabic of row `k` against English of row `j` (`ar`: the Arabic is checked), and Arabic of row `j` against English
 * of row `k` (`en`), by FreeDict; the two read the same words, once.
 */
function arEnAgreements(rows: readonly AlignedRow[], arEn: ArEnLexicon): { ar: Agreement; en: Agreement } {
  const english = perRow(rows, (r) => r.en && arEn.englishIds(r.en));
  const glosses = perRow(rows, (r) => r.ar && arEn.arabicGlosses(r.ar), []);
  const agree = (a: number, e: number) => (rows[a]?.ar && rows[e]?.en ? hits(glosses(a), english(e)) : null);
  return { ar: (k, j) => agree(k, j), en: (k, j) => agree(j, k) };
}

/**
 * The stretch next to gap row `g` (rows moving by `step` away from it) in which `lang` belongs one row further in
 * either direction, if its words gain SHIFT_GAIN or more over the pairing made: those rows' indexes.
 */
function shiftedStretch(
  rows: readonly AlignedRow[],
  g: number,
  step: 1 | -1,
  agree: Agreement,
  langs: readonly L[],
): number[] {
  const gain = [0, 0];
  let best = 0;
  let bestLength = 0;
  for (let n = 1; n <= SHIFT_WINDOW; n++) {
    const k = g + step * n;
    const row = rows[k];
    // The stretch ends at the next row lacking a language of the document (another gap).
    if (!row || langs.some((l) => !row[l])) break;
    const paired = agree(k, k);
    if (paired === null) break;
    [k - 1, k + 1].forEach((j, d) => {
      gain[d]! += (agree(k, j) ?? 0) - paired;
      if (gain[d]! > best) [best, bestLength] = [gain[d]!, n];
    });
  }
  if (best < SHIFT_GAIN) return [];
  return Array.from({ length: bestLength }, (_, n) => g + step * (n + 1));
}

/** Rows of runs shifted by a misplaced gap (see the file comment). */
export function gapShiftedRows(
  rows: readonly AlignedRow[],
  lexicons: { arEn: ArEnLexicon | null; zhEn: ZhEnLexicon | null },
): Set<number> {
  const out = new Set<number>();
  const langs = (['ar', 'en', 'zh'] as const).filter((l) => rows.some((r) => r[l]));
  const checks: Agreement[] = [];
  if (lexicons.zhEn && langs.includes('zh') && langs.includes('en')) checks.push(zhAgreement(rows, lexicons.zhEn));
  if (lexicons.arEn && langs.includes('ar') && langs.includes('en')) {
    const { ar, en } = arEnAgreements(rows, lexicons.arEn);
    checks.push(ar, en);
  }
  rows.forEach((row, g) => {
    // A gap: the row lacks a language of the document.
    if (!langs.some((l) => !row[l])) return;
    for (const agree of checks)
      for (const step of [1, -1] as const) for (const k of shiftedStretch(rows, g, step, agree, langs)) out.add(k);
  });
  return out;
}
