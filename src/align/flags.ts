/**
 * Review flags measured over a whole document's rows, after merging (rows.ts): a row next to a row where a language
 * has nothing (a sentence without a counterpart) is flagged too, since an omission shifts or swallows its neighbours'
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

/**
 * `neighbour` for a row with all the document's languages next to one where a language has nothing (a 1:0 / 0:1
 * row), unless the DP was all but certain of it (NEIGHBOUR_BELOW: on wmt24pp `--merge 0.1` that spared 0.4 % of the
 * rows and no wrong link). Languages absent from the whole document are not looked at.
 */
export function flagDocument(rows: readonly AlignedRow[]): AlignedRow[] {
  const langs = (['ar', 'en', 'zh'] as const).filter((l) => rows.some((r) => r[l]));
  if (langs.length < 2) return [...rows];
  const near = (k: number) => lacks(rows[k - 1], langs) || lacks(rows[k + 1], langs);
  return rows.map((r, k) =>
    r.confidence < NEIGHBOUR_BELOW && !lacks(r, langs) && near(k) ? flagRow(r, 'neighbour') : r,
  );
}
