/**
 * The DP's grid and bead types, shared by the forward pass (dp-forward.ts) and the confidence pass
 * (dp-confidence.ts): beads (source count, target count, −log prior) and the band of grid points kept around the
 * diagonal.
 */
export const BEADS: readonly [number, number, number][] = [
  [1, 1, 0.89],
  [1, 0, 0.02],
  [0, 1, 0.02],
  [2, 1, 0.089],
  [1, 2, 0.089],
  [2, 2, 0.011],
].map(([da, dt, p]) => [da!, dt!, -Math.log(p!)] as [number, number, number]);

export const DA = Int32Array.from(BEADS.map((b) => b[0]));
export const DT = Int32Array.from(BEADS.map((b) => b[1]));
export const PRIOR = Float64Array.from(BEADS.map((b) => b[2]));

export interface Grid {
  n: number;
  m: number;
  width: number;
  LO: Int32Array;
  HI: Int32Array;
}

export function grid(n: number, m: number, band: number): Grid {
  const LO = new Int32Array(n + 1);
  const HI = new Int32Array(n + 1);
  for (let i = 0; i <= n; i++) {
    const center = n === 0 ? 0 : Math.round((i * m) / n);
    LO[i] = Math.max(0, Math.min(m, center - band));
    HI[i] = Math.min(m, Math.max(0, center + band));
  }
  return { n, m, width: 2 * band + 1, LO, HI };
}

/** Number of bead types. */
export const K = BEADS.length;
