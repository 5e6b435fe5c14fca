/**
 * The DP's forward pass (dp.ts): the best cost from the origin to each grid point of the band, the last bead of that
 * best path, and every bead's cost (Gale–Church length cost, anchor agreement, and the hint where it is asked), kept
 * for the backward pass (dp-confidence.ts).
 */
import { anchorCodeCost } from './anchors';
import { lengthCost, type LengthModel } from './length-model';
import * as grids from './dp-grid';
import type { Grid } from './dp-grid';
import type { Prepared } from './dp-prepare';

/** Module-local copies: a bundler's export getters (tsx) must not run in the DP's inner loops. */
const { DA, DT, K, PRIOR } = grids;

/** Optional extra cost (nats, negative = evidence for) of pairing source items [a0,a1) with target items [t0,t1). */
export type Hint = (a0: number, a1: number, t0: number, t1: number) => number;

/** Beads costing more than this many nats above a point's best, before hints, are not worth asking a hint about. */
const HINT_RANGE = 4;

/** Cost of the empty side of a 1:0 / 0:1 bead, per character (an omission of a long sentence is unlikely). */
const SKIP_PER_CHAR = 0.005;

/**
 * f (best cost from the origin to each point), back (its last bead) and costs (every bead's cost, hint included).
 * Kept in one piece for speed: the inner loop runs once per grid point (n·band of them) and computes the six bead
 * costs inline from the row's and the column's values held in locals, which a helper would take as a dozen
 * arguments; only the hint, asked at few points and costly anyway, is a function of its own (askHint).
 */
export function forward(
  p: Prepared,
  G: Grid,
  model: LengthModel,
  hint: Hint | undefined,
  costs: Float64Array,
  f: Float64Array,
  back: Uint8Array,
): void {
  const { sumA, sumT, oneA, twoA, oneT, twoT, anchoredA, anchoredT } = p;
  const { n, width, LO, HI } = G;
  // Imported functions as locals: some loaders (tsx) turn every use of an import into a getter call.
  const costOfLengths = lengthCost;
  const costOfAnchors = anchorCodeCost;
  const from = new Float64Array(K); // per bead type: f at its start point (Infinity: outside the band, unreachable)
  f[0] = 0;
  for (let i = 0; i <= n; i++) {
    const lo = LO[i]!;
    const row = i * width - lo; // index of (i, j) = row + j
    // Rows i − 1 and i − 2 (empty when absent), and the source side of the beads ending in row i.
    const lo1 = i >= 1 ? LO[i - 1]! : 1;
    const hi1 = i >= 1 ? HI[i - 1]! : 0;
    const row1 = (i - 1) * width - lo1;
    const lo2 = i >= 2 ? LO[i - 2]! : 1;
    const hi2 = i >= 2 ? HI[i - 2]! : 0;
    const row2 = (i - 2) * width - lo2;
    const la1 = i >= 1 ? sumA[i]! - sumA[i - 1]! : 0;
    const la2 = i >= 2 ? sumA[i]! - sumA[i - 2]! : 0;
    const anchoredA1 = i >= 1 && anchoredA[i - 1] === 1;
    const anchoredA2 = anchoredA1 || (i >= 2 && anchoredA[i - 2] === 1);
    for (let j = lo; j <= HI[i]!; j++) {
      if (i === 0 && j === 0) continue;
      const here = row + j;
      const at = here * K;
      const lt1 = j >= 1 ? sumT[j]! - sumT[j - 1]! : 0;
      const lt2 = j >= 2 ? sumT[j]! - sumT[j - 2]! : 0;
      const anchoredT1 = j >= 1 && anchoredT[j - 1] === 1;
      const anchoredT2 = anchoredT1 || (j >= 2 && anchoredT[j - 2] === 1);
      // Bead types in BEADS order: 1:1, 1:0, 0:1, 2:1, 1:2, 2:2.
      from[0] = j - 1 >= lo1 && j - 1 <= hi1 ? f[row1 + j - 1]! : Infinity;
      from[1] = j >= lo1 && j <= hi1 ? f[row1 + j]! : Infinity;
      from[2] = j - 1 >= lo ? f[here - 1]! : Infinity;
      from[3] = j - 1 >= lo2 && j - 1 <= hi2 ? f[row2 + j - 1]! : Infinity;
      from[4] = j - 2 >= lo1 && j - 2 <= hi1 ? f[row1 + j - 2]! : Infinity;
      from[5] = j - 2 >= lo2 && j - 2 <= hi2 ? f[row2 + j - 2]! : Infinity;
      if (from[0] !== Infinity)
        costs[at] =
          PRIOR[0]! +
          costOfLengths(la1, lt1, model) +
          (anchoredA1 || anchoredT1 ? costOfAnchors(oneA[i - 1]!, oneT[j - 1]!) : 0);
      if (from[1] !== Infinity) costs[at + 1] = PRIOR[1]! + SKIP_PER_CHAR * la1;
      if (from[2] !== Infinity) costs[at + 2] = PRIOR[2]! + SKIP_PER_CHAR * lt1;
      if (from[3] !== Infinity)
        costs[at + 3] =
          PRIOR[3]! +
          costOfLengths(la2, lt1, model) +
          (anchoredA2 || anchoredT1 ? costOfAnchors(twoA[i - 2]!, oneT[j - 1]!) : 0);
      if (from[4] !== Infinity)
        costs[at + 4] =
          PRIOR[4]! +
          costOfLengths(la1, lt2, model) +
          (anchoredA1 || anchoredT2 ? costOfAnchors(oneA[i - 1]!, twoT[j - 2]!) : 0);
      if (from[5] !== Infinity)
        costs[at + 5] =
          PRIOR[5]! +
          costOfLengths(la2, lt2, model) +
          (anchoredA2 || anchoredT2 ? costOfAnchors(twoA[i - 2]!, twoT[j - 2]!) : 0);
      let arg = cheapest(from, costs, at, 0);
      if (hint && from[arg]! + costs[at + arg]! < Infinity) arg = askHint(hint, i, j, from, costs, at, arg);
      f[here] = from[arg]! + costs[at + arg]!;
      back[here] = arg;
    }
  }
}

/** The bead type b with the least from[b] + costs[at + b] (the first of equals); `none` when every one is Infinity. */
function cheapest(from: Float64Array, costs: Float64Array, at: number, none: number): number {
  let best = Infinity;
  let arg = none;
  for (let b = 0; b < K; b++) {
    if (from[b]! + costs[at + b]! < best) {
      best = from[b]! + costs[at + b]!;
      arg = b;
    }
  }
  return arg;
}

/**
 * Adds the hint (TM, triangulation) to the costs of the beads ending at point (i, j) and returns the best bead
 * type after it. The hint is costly: it is asked only about beads that could still win the point (within
 * HINT_RANGE of the best, `arg`). A hint can also raise a cost (evidence against a bead), so when the best rises,
 * beads now within range are asked too. Nor is a bead the hint was not asked about an alternative for the backward
 * pass: without the hint's evidence (which may be against it) it would make a worse path look close (see
 * confidence), so its cost becomes Infinity.
 */
function askHint(
  hint: Hint,
  i: number,
  j: number,
  from: Float64Array,
  costs: Float64Array,
  at: number,
  arg: number,
): number {
  let asked = 0;
  for (;;) {
    const bound = from[arg]! + costs[at + arg]! + HINT_RANGE;
    const before = asked;
    for (let b = 0; b < K; b++) {
      if ((asked & (1 << b)) !== 0 || DA[b] === 0 || DT[b] === 0 || !(from[b]! + costs[at + b]! < bound)) continue;
      costs[at + b]! += hint(i - DA[b]!, i, j - DT[b]!, j);
      asked |= 1 << b;
    }
    if (asked === before) break;
    arg = cheapest(from, costs, at, arg);
  }
  for (let b = 0; b < K; b++) if (DA[b] !== 0 && DT[b] !== 0 && (asked & (1 << b)) === 0) costs[at + b] = Infinity;
  return arg;
}
