/**
 * Sentence alignment by dynamic programming over beads (1:1, 1:0, 0:1, 2:1, 1:2, 2:2), Gale–Church length cost plus
 * anchor agreement plus an optional hint (what the TM already knows), in a band around the diagonal so that time
 * and memory grow with n·band, not n·m (the band widens only when the best path runs along its edge).
 *
 * Cost: every bead cost is computed once, in the forward pass (dp-forward.ts), and kept for the backward pass; the
 * hint is asked only about beads within HINT_RANGE of a point's best; anchors are compared as sorted integer codes
 * (dp-prepare.ts); the working arrays are reused between alignments. None of this changes a result.
 *
 * Confidence of a link: the forward pass gives the best cost f to each grid point, a backward pass the best cost g
 * from it to the end; f + g is the best complete path through a point. A bead boundary is certain when every
 * neighbouring point's best complete path costs much more (margin m): confidence = 1 − e^(−m), the lower of the
 * bead's two corners. Neighbours on the best path itself (the far corner of a 1:0 or 0:1 bead) are no alternative;
 * the path that skips a corner with one bead (2:1 for 1:0 + 1:1, 2:2 for two 1:1) is.
 */
import type { LengthModel } from './length-model';
import { backward, bypass, margin } from './dp-confidence';
import { forward, type Hint } from './dp-forward';
import * as grids from './dp-grid';
import { grid, type Grid } from './dp-grid';
import { prepare, type Item, type Prepared } from './dp-prepare';

export type { Hint, Item };

/** Module-local copies: a bundler's export getters (tsx) must not run in the DP's inner loops. */
const { DA, DT, K } = grids;

export interface Bead {
  /** Source items [a0, a1) and target items [t0, t1). */
  a0: number;
  a1: number;
  t0: number;
  t1: number;
  confidence: number;
}

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
