/**
 * Length signals measured by `EVAL_SWEEP=1 npm run eval:align -- --raw` (flag-sweep.ts) and not kept as flags: a
 * row's Gale–Church length probability against the document's own fitted ratio, and its log character ratio in the
 * document's own robust spread, per pair (ar–en, ar–zh, en–zh).
 */
import { lengthOf, lengthProbability, type LengthModel } from '../../src/align/length-model';
import type { AlignedRow } from '../../src/align';

type L = 'ar' | 'en' | 'zh';
/** The pairs checked, and their default ratio and variance per source character (Gale–Church, in characters). */
const PAIRS: readonly { a: L; b: L; base: LengthModel }[] = [
  { a: 'ar', b: 'en', base: { c: 1.12, s2: 4.0 } },
  { a: 'ar', b: 'zh', base: { c: 0.36, s2: 1.0 } },
  { a: 'en', b: 'zh', base: { c: 0.32, s2: 0.8 } },
];

/**
 * The document's own model for each pair: the ratio of its characters over the rows where both sides are present
 * (pulled towards the default below 2,000 characters), the variance from the median squared deviation (robust to
 * the very rows to be found), never below half the default.
 */
export function fitPairs(rows: readonly AlignedRow[]): LengthModel[] {
  return PAIRS.map(({ a, b, base }) => {
    let la = 0;
    let lb = 0;
    const both: [number, number][] = [];
    for (const r of rows) {
      if (!r[a] || !r[b]) continue;
      const x = lengthOf(r[a], a);
      const y = lengthOf(r[b], b);
      la += x;
      lb += y;
      both.push([x, y]);
    }
    if (!la || !lb) return base;
    const w = Math.min(1, la / 2000);
    const c = w * (lb / la) + (1 - w) * base.c;
    const dev = both.map(([x, y]) => (y - c * x) ** 2 / Math.max(x, 1)).sort((p, q) => p - q);
    const s2 = dev.length >= 8 ? dev[dev.length >> 1]! / 0.455 : base.s2;
    return { c, s2: Math.max(base.s2 / 2, w * s2 + (1 - w) * base.s2) };
  });
}

/** Each row's worst length probability over the pairs it has both sides of (1 when it has none). */
export function lengthFits(rows: readonly AlignedRow[], models = fitPairs(rows)): number[] {
  return rows.map((r) =>
    PAIRS.reduce((worst, { a, b }, k) => {
      if (!r[a] || !r[b]) return worst;
      return Math.min(worst, lengthProbability(lengthOf(r[a], a), lengthOf(r[b], b), models[k]!));
    }, 1),
  );
}

/** Log-ratio spread assumed for a pair when a document has too few rows to measure its own. */
const DEFAULT_SPREAD = 0.25;
/** Rows shorter than this (characters, on the shorter side in its own unit) are too short for the ratio test. */
const MIN_CHARS = 12;

/**
 * Each row's worst log-ratio deviation, in the document's own spread, over the pairs it has both sides of: per pair
 * z = (log(lb/la) − median) / spread, the spread 1.4826 × the median absolute deviation (robust to the very rows
 * to be found), never below 0.1. Long sentences' ratios vary less than Gale–Church's √length allows, so a clause
 * carried from the next line shows here where P(δ) does not. 0 for a row with no pair long enough.
 */
export function ratioDeviations(rows: readonly AlignedRow[]): number[] {
  const worst = rows.map(() => 0);
  for (const { a, b } of PAIRS) {
    const at: number[] = [];
    const logs: number[] = [];
    rows.forEach((r, k) => {
      if (!r[a] || !r[b]) return;
      const x = lengthOf(r[a], a);
      const y = lengthOf(r[b], b);
      if (Math.min(x, y) < MIN_CHARS) return;
      at.push(k);
      logs.push(Math.log(y / x));
    });
    if (logs.length < 2) continue;
    const mid = median(logs);
    const spread =
      logs.length >= 8 ? Math.max(0.1, 1.4826 * median(logs.map((v) => Math.abs(v - mid)))) : DEFAULT_SPREAD;
    at.forEach((k, i) => (worst[k] = Math.max(worst[k]!, Math.abs(logs[i]! - mid) / spread)));
  }
  return worst;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((p, q) => p - q);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
