/**
 * Sentence alignment by dynamic programming over beads (1:1, 1:0, 0:1, 2:1, 1:2, 2:2), Gale–Church length cost plus
 * anchor agreement plus an optional hint (what the TM already knows), in a band around the diagonal so that time
 * and memory grow with n·band, not n·m (the band widens only when the best path runs along its edge).
 *
 * Cost: every bead cost is computed once, in the forward pass, and kept for the backward pass; the hint is asked
 * only about beads within HINT_RANGE of a point's best; anchors are compared as sorted integer codes; the working
 * arrays are reused between alignments. None of this changes a result.
 *
 * Confidence of a link: the forward pass gives the best cost f to each grid point, a backward pass the best cost g
 * from it to the end; f + g is the best complete path through a point. A bead boundary is certain when every
 * neighbouring point's best complete path costs much more (margin m): confidence = 1 − e^(−m), the lower of the
 * bead's two corners. Neighbours on the best path itself (the far corner of a 1:0 or 0:1 bead) are no alternative;
 * the path that skips a corner with one bead (2:1 for 1:0 + 1:1, 2:2 for two 1:1) is.
 */
import { anchorCodeCost, encodeAnchors, hasAnchorCodes, joinAnchors, type AnchorCodes, type Anchors } from './anchors';
import { lengthCost, type LengthModel } from './length-model';
import { backward, bypass, margin } from './dp-confidence';
import * as grids from './dp-grid';
import { grid, type Grid } from './dp-grid';

/** Module-local copies: a bundler's export getters (tsx) must not run in the DP's inner loops. */
const { DA, DT, K, PRIOR } = grids;

export interface Item {
  /** Characters (without spaces for zh, as written otherwise). */
  len: number;
  anchors: Anchors;
}

export interface Bead {
  /** Source items [a0, a1) and target items [t0, t1). */
  a0: number;
  a1: number;
  t0: number;
  t1: number;
  confidence: number;
}

/** Optional extra cost (nats, negative = evidence for) of pairing source items [a0,a1) with target items [t0,t1). */
export type Hint = (a0: number, a1: number, t0: number, t1: number) => number;

/** Beads costing more than this many nats above a point's best, before hints, are not worth asking a hint about. */
const HINT_RANGE = 4;

/** Cost of the empty side of a 1:0 / 0:1 bead, per character (an omission of a long sentence is unlikely). */
const SKIP_PER_CHAR = 0.005;

export interface DpOptions {
  model: LengthModel;
  /**
   * Half-width of the band around the diagonal; by default it starts at max(16, 2 % of the longer side) and doubles
   * while the best path touches its edge.
   */
  band?: number;
  hint?: Hint;
}

export function alignItems(A: readonly Item[], T: readonly Item[], options: DpOptions): Bead[] {
  const prepared = prepare(A, T);
  const longest = Math.max(A.length, T.length);
  let band = options.band ?? Math.max(16, Math.ceil(0.02 * longest));
  for (;;) {
    const result = alignInBand(prepared, grid(A.length, T.length, band), options);
    if (result && (options.band !== undefined || !result.touchedEdge || band >= longest)) return result.beads;
    band *= 2;
  }
}

/** What bead costs need, computed once per alignment (not per band): length prefix sums and coded anchors. */
interface Prepared {
  sumA: Float64Array;
  sumT: Float64Array;
  /** Anchors of item k, and of items k and k+1 together. */
  oneA: AnchorCodes[];
  twoA: AnchorCodes[];
  oneT: AnchorCodes[];
  twoT: AnchorCodes[];
  anchoredA: Uint8Array;
  anchoredT: Uint8Array;
}

/**
 * Each item's anchors with only the name keys the other side has somewhere, their count before kept (names.ts:
 * Arabic gives a key for nearly every word; one the other side never has can match nothing, and the DP compares
 * every pair of spans in its band).
 */
function sharedNames(X: readonly Item[], other: readonly Item[]): Anchors[] {
  const keys = new Set<string>();
  for (const o of other) for (const key of o.anchors.names) keys.add(key);
  return X.map(({ anchors }) =>
    anchors.names.length === 0
      ? anchors
      : { ...anchors, names: anchors.names.filter((key) => keys.has(key)), nameTotal: anchors.names.length },
  );
}

function prepare(A: readonly Item[], T: readonly Item[]): Prepared {
  const ids = new Map<string, number>();
  const side = (X: readonly Item[], other: readonly Item[]) => {
    const sum = new Float64Array(X.length + 1);
    X.forEach((x, k) => (sum[k + 1] = sum[k]! + x.len));
    const one = sharedNames(X, other).map((anchors) => encodeAnchors(anchors, ids));
    const two = one.map((x, k) => (k + 1 < X.length ? joinAnchors(x, one[k + 1]!) : x));
    return { sum, one, two, anchored: Uint8Array.from(one, (a) => (hasAnchorCodes(a) ? 1 : 0)) };
  };
  const a = side(A, T);
  const t = side(T, A);
  return {
    sumA: a.sum,
    sumT: t.sum,
    oneA: a.one,
    twoA: a.two,
    oneT: t.one,
    twoT: t.two,
    anchoredA: a.anchored,
    anchoredT: t.anchored,
  };
}

/** The band: source row i holds target columns LO[i] … HI[i], point (i, j) at index i·width + j − LO[i]. */
/**
 * Working memory kept between alignments: touching freshly allocated megabytes (page faults) costs more than the
 * DP itself. It is taken while in use (a re-entrant call, say from a hint, gets its own); sets above
 * RETAINED_DOUBLES (≈ a 3,000-sentence document) are not kept.
 */
interface Memory {
  floats: Float64Array;
  bytes: Uint8Array;
}
const RETAINED_DOUBLES = 4_000_000;
let kept: Memory | undefined;

function alignInBand(p: Prepared, G: Grid, options: DpOptions): { beads: Bead[]; touchedEdge: boolean } | undefined {
  const size = (G.n + 1) * G.width;
  let memory = kept;
  if (memory && memory.bytes.length >= size) kept = undefined;
  else memory = { floats: new Float64Array(size * (K + 2)), bytes: new Uint8Array(size) };
  try {
    return solve(p, G, options, memory);
  } finally {
    if (memory.floats.length <= RETAINED_DOUBLES && (!kept || kept.bytes.length < memory.bytes.length)) kept = memory;
  }
}

function solve(
  p: Prepared,
  G: Grid,
  options: DpOptions,
  memory: Memory,
): { beads: Bead[]; touchedEdge: boolean } | undefined {
  const { n, m, width, LO, HI } = G;
  if (n === 0 && m === 0) return { beads: [], touchedEdge: false };
  const size = (n + 1) * width;
  // The cost of bead type b ending at a point (hint included), for every point.
  const costs = memory.floats.subarray(0, size * K).fill(Infinity);
  const f = memory.floats.subarray(size * K, size * (K + 1)).fill(Infinity);
  const g = memory.floats.subarray(size * (K + 1), size * (K + 2)).fill(Infinity);
  const back = memory.bytes;
  forward(p, G, options.model, options.hint, costs, f, back);
  const end = n * width + (m - LO[n]!);
  if (m < LO[n]! || m > HI[n]! || f[end] === Infinity) return undefined;
  backward(G, costs, g);

  const beads: Bead[] = [];
  let touchedEdge = false;
  for (let i = n, j = m; i > 0 || j > 0;) {
    if ((j === LO[i] && LO[i]! > 0) || (j === HI[i] && HI[i]! < m)) touchedEdge = true;
    const b = back[i * width + (j - LO[i]!)]!;
    beads.push({ a0: i - DA[b]!, a1: i, t0: j - DT[b]!, t1: j, confidence: 0 });
    i -= DA[b]!;
    j -= DT[b]!;
  }
  beads.reverse();
  // Certainty of corner k (where bead k starts; the last one is (n, m)): the best complete paths through its
  // neighbours, and the path that skips it with one bead from corner k − 1 to corner k + 1.
  const corners = [...beads.map((b) => [b.a0, b.t0] as const), [n, m] as const];
  const onPath = new Set(corners.map(([i, j]) => i * (m + 1) + j));
  const certainty = corners.map(([i, j], k) =>
    Math.min(
      margin(G, f, g, f[end]!, i, j, onPath),
      k > 0 && k < beads.length ? bypass(G, f, g, costs, corners[k - 1]!, corners[k + 1]!) - f[end]! : Infinity,
    ),
  );
  beads.forEach((b, k) => {
    const mgn = Math.min(certainty[k]!, certainty[k + 1]!);
    b.confidence = mgn === Infinity ? 1 : 1 - Math.exp(-Math.max(0, mgn));
  });
  return { beads, touchedEdge };
}

/**
 * f (best cost from the origin to each point), back (its last bead) and costs (every bead's cost, hint included).
 * Kept in one piece for speed: the inner loop runs once per grid point (n·band of them) and computes the six bead
 * costs inline from the row's and the column's values held in locals, which a helper would take as a dozen
 * arguments; only the hint, asked at few points and costly anyway, is a function of its own (askHint).
 */
function forward(
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
