/**
 * Review flags measured over a whole document's rows, after merging (rows.ts): a row near a row where a language has
 * nothing (a sentence without a counterpart) is flagged too, since an omission shifts or swallows its neighbours'
 * text as often as not. Length signals (a row's character ratio against the document's own) were measured and not
 * kept: docs/benchmarks.md, scripts/lib/flag-sweep.ts.
 */
import type { AlignedRow, ReviewReason } from './rows';

type L = 'ar' | 'en' | 'zh';

/** Adds reason to a row's flags (the row is then up for review). */
export function flagRow(row: AlignedRow, reason: ReviewReason): AlignedRow {
  const reasons = row.reasons ?? [];
  return { ...row, review: true, reasons: reasons.includes(reason) ? reasons : [...reasons, reason] };
}

const lacks = (r: AlignedRow | undefined, langs: readonly L[]) => !!r && langs.some((l) => !r[l]);

/** A row next to a 1:0 / 0:1 row is flagged `neighbour` when its confidence is below this. */
export const NEIGHBOUR_BELOW = 0.95;
/** A row two rows away from a 1:0 / 0:1 row is flagged `neighbour` when its confidence is below this. */
export const SECOND_NEIGHBOUR_BELOW = 0.9;

/**
 * `neighbour` for a row with all the document's languages near one where a language has nothing (a 1:0 / 0:1 row):
 * next to it unless the DP was all but certain of it (NEIGHBOUR_BELOW: on wmt24pp `--merge 0.1` that spared 0.4 % of
 * the rows and no wrong link), two rows away when it was less than sure (SECOND_NEIGHBOUR_BELOW). A sentence without
 * a counterpart is where the DP had to guess: when it guessed the wrong place, the rows between the true gap and the
 * one it chose are shifted by a sentence, and the nearer a row is to the gap the likelier it is one of them
 * (`eval:align --raw`: on flores200_devtest the second row caught the last 1–2 wrong links of 1:1 and `--merge 0.1`
 * for 0.2 % more rows). Languages absent from the whole document are not looked at.
 */
export function flagDocument(rows: readonly AlignedRow[]): AlignedRow[] {
  const langs = (['ar', 'en', 'zh'] as const).filter((l) => rows.some((r) => r[l]));
  if (langs.length < 2) return [...rows];
  const gapAt = (k: number) => lacks(rows[k], langs);
  const below = (k: number, r: AlignedRow) =>
    gapAt(k - 1) || gapAt(k + 1)
      ? r.confidence < NEIGHBOUR_BELOW
      : (gapAt(k - 2) || gapAt(k + 2)) && r.confidence < SECOND_NEIGHBOUR_BELOW;
  return rows.map((r, k) => (!lacks(r, langs) && below(k, r) ? flagRow(r, 'neighbour') : r));
}
