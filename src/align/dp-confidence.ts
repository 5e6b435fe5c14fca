/**
 * Confidence of the DP's links (see dp.ts): the best cost from each grid point to the end (backward), and how much
 * more any path avoiding a point costs than the best path (margin, bypass).
 */
import * as grids from './dp-grid';
import { BEADS, type Grid } from './dp-grid';

/** Module-local copies: a bundler's export getters (tsx) must not run in the DP's inner loops. */
const { K, DA, DT } = grids;

/** g: best cost from each point to (n, m), from the bead costs of the forward pass. */
export function backward(G: Grid, costs: Float64Array, g: Float64Array): void {
  const { n, m, width, LO, HI } = G;
  g[n * width + (m - LO[n]!)] = 0;
  for (let i = n; i >= 0; i--) {
    for (let j = HI[i]!; j >= LO[i]!; j--) {
      if (i === n && j === m) continue;
      let best = Infinity;
      for (let b = 0; b < K; b++) {
        const ni = i + DA[b]!;
        const nj = j + DT[b]!;
        if (ni > n || nj < LO[ni]! || nj > HI[ni]!) continue;
        const next = ni * width + (nj - LO[ni]!);
        const c = g[next]! + costs[next * K + b]!;
        if (c < best) best = c;
      }
      g[i * width + (j - LO[i]!)] = best;
    }
  }
}

const NEIGHBOURS: readonly (readonly [number, number])[] = [
  [0, 1],
  [0, -1],
  [1, 0],
  [-1, 0],
  [1, -1],
  [-1, 1],
];

/** Bead type by source and target counts (−1: none). */
const TYPE = [0, 1, 2].map((da) => [0, 1, 2].map((dt) => BEADS.findIndex(([x, y]) => x === da && y === dt)));

/** The best complete path from one point to another by a single bead (Infinity when no bead type fits). */
export function bypass(
  G: Grid,
  f: Float64Array,
  g: Float64Array,
  costs: Float64Array,
  [i0, j0]: readonly [number, number],
  [i1, j1]: readonly [number, number],
): number {
  const b = TYPE[i1 - i0]?.[j1 - j0] ?? -1;
  if (b < 0) return Infinity;
  const at = i1 * G.width + (j1 - G.LO[i1]!);
  return f[i0 * G.width + (j0 - G.LO[i0]!)]! + costs[at * K + b]! + g[at]!;
}

/** How much more the best complete path through any neighbour of (i, j) costs than the best path (total). */
export function margin(
  G: Grid,
  f: Float64Array,
  g: Float64Array,
  total: number,
  i: number,
  j: number,
  onPath: ReadonlySet<number>,
): number {
  const { n, m, width, LO, HI } = G;
  let best = Infinity;
  for (const [di, dj] of NEIGHBOURS) {
    const ni = i + di;
    const nj = j + dj;
    if (ni < 0 || ni > n || nj < LO[ni]! || nj > HI[ni]! || onPath.has(ni * (m + 1) + nj)) continue;
    const at = ni * width + (nj - LO[ni]!);
    if (f[at]! + g[at]! < best) best = f[at]! + g[at]!;
  }
  return best - total;
}
