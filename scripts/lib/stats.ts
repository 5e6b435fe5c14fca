/** Small numeric helpers for the benchmark and evaluation reports. */

/** The p-quantile (0 … 1) of ascending `sorted` by the nearest-rank method; NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

export const round = (x: number, digits = 3): number => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * Precision, recall and F1 of links: `right` of the `predicted` ones are correct, `found` of the `gold` ones were
 * predicted (the two counts differ when a prediction can be right without being a gold link).
 */
export function prf(right: number, predicted: number, found: number, gold: number) {
  const p = right / predicted;
  const r = found / gold;
  return { precision: round(p, 4), recall: round(r, 4), f1: round((2 * p * r) / (p + r), 4) };
}
