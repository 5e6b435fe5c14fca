/**
 * Sentence alignment by dynamic programming over beads (1:1, 1:0, 0:1, 2:1, 1:2, 2:2), Gale–Church length cost plus
 * anchor agreement plus an optional hint (what the TM already knows), in a band around the diagonal so that time
 * and memory grow with n·band, not n·m (the band widens only when the best path runs along its edge).
 *
 * Confidence of a link: the forward pass gives the best cost f to each grid point, a backward pass the best cost g
 * from it to the end; f + g is the best complete path through a point. A bead boundary is certain when every
 * neighbouring point's best complete path costs much more (margin m): confidence = 1 − e^(−m), the lower of the
 * bead's two corners.
 */
import { anchorCost, mergeAnchors, type Anchors } from './anchors';
import { lengthCost, type LengthModel } from './length-model';

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

const BEADS: readonly [number, number, number][] = [
  [1, 1, 0.89],
  [1, 0, 0.02],
  [0, 1, 0.02],
  [2, 1, 0.089],
  [1, 2, 0.089],
  [2, 2, 0.011],
].map(([da, dt, p]) => [da!, dt!, -Math.log(p!)] as [number, number, number]);

const DA = Int32Array.from(BEADS.map((b) => b[0]));
const DT = Int32Array.from(BEADS.map((b) => b[1]));
const PRIOR = Float64Array.from(BEADS.map((b) => b[2]));

/** Beads costing more than this many nats above a point's best, before hints, are not worth asking a hint about. */
const HINT_RANGE = 4;

/** Cost of the empty side of a 1:0 / 0:1 bead, per character (an omission of a long sentence is unlikely). */
const SKIP_PER_CHAR = 0.02;

export interface DpOptions {
  model: LengthModel;
  /** Half-width of the band around the diagonal; by default it starts at max(16, 2 % of the longer side) and doubles while the best path touches its edge. */
  band?: number;
  hint?: Hint;
}

export function alignItems(A: readonly Item[], T: readonly Item[], options: DpOptions): Bead[] {
  const longest = Math.max(A.length, T.length);
  let band = options.band ?? Math.max(16, Math.ceil(0.02 * longest));
  for (;;) {
    const result = alignInBand(A, T, options, band);
    if (result && (options.band !== undefined || !result.touchedEdge || band >= longest)) return result.beads;
    band *= 2;
  }
}

/** True when either side has something anchorCost looks at (else the cost is 0 and is skipped). */
function hasAnchors(a: Anchors): boolean {
  return a.numbers.length > 0 || a.latin.length > 0 || a.question > 0 || a.exclaim > 0 || a.quote > 0 || a.paren > 0;
}

function alignInBand(A: readonly Item[], T: readonly Item[], options: DpOptions, band: number): { beads: Bead[]; touchedEdge: boolean } | undefined {
  const n = A.length;
  const m = T.length;
  if (n === 0 && m === 0) return { beads: [], touchedEdge: false };
  const width = 2 * band + 1;
  const LO = new Int32Array(n + 1);
  const HI = new Int32Array(n + 1);
  for (let i = 0; i <= n; i++) {
    const center = n === 0 ? 0 : Math.round((i * m) / n);
    LO[i] = Math.max(0, Math.min(m, center - band));
    HI[i] = Math.min(m, Math.max(0, center + band));
  }
  const lo = (i: number) => LO[i]!;
  const hi = (i: number) => HI[i]!;
  const inBand = (i: number, j: number) => i >= 0 && i <= n && j >= LO[i]! && j <= HI[i]!;
  const at = (i: number, j: number) => i * width + (j - LO[i]!);

  // Prefix sums of lengths, anchors of adjacent pairs, and which items have anchors: all computed once.
  const sumA = new Float64Array(n + 1);
  A.forEach((x, i) => (sumA[i + 1] = sumA[i]! + x.len));
  const sumT = new Float64Array(m + 1);
  T.forEach((x, j) => (sumT[j + 1] = sumT[j]! + x.len));
  const pairA = A.map((x, i) => (i + 1 < n ? mergeAnchors([x.anchors, A[i + 1]!.anchors]) : x.anchors));
  const pairT = T.map((x, j) => (j + 1 < m ? mergeAnchors([x.anchors, T[j + 1]!.anchors]) : x.anchors));
  const anchoredA = A.map((x) => hasAnchors(x.anchors));
  const anchoredT = T.map((x) => hasAnchors(x.anchors));
  const beadCost = (i: number, j: number, da: number, dt: number, prior: number): number => {
    // bead ends at (i, j): source [i-da, i), target [j-dt, j)
    const la = sumA[i]! - sumA[i - da]!;
    const lt = sumT[j]! - sumT[j - dt]!;
    let cost = prior;
    if (da === 0) return cost + SKIP_PER_CHAR * lt;
    if (dt === 0) return cost + SKIP_PER_CHAR * la;
    cost += lengthCost(la, lt, options.model);
    const anchored = anchoredA[i - 1] || anchoredT[j - 1] || (da === 2 && anchoredA[i - 2]) || (dt === 2 && anchoredT[j - 2]);
    if (anchored) cost += anchorCost(da === 1 ? A[i - 1]!.anchors : pairA[i - 2]!, dt === 1 ? T[j - 1]!.anchors : pairT[j - 2]!);
    return cost;
  };
  const hint = options.hint;

  const size = (n + 1) * width;
  const K = BEADS.length;
  const costs = new Float64Array(size * K).fill(Infinity); // cost of bead type b ending at a point
  const f = new Float64Array(size).fill(Infinity);
  const back = new Uint8Array(size);
  f[at(0, 0)] = 0;
  for (let i = 0; i <= n; i++) {
    for (let j = lo(i); j <= hi(i); j++) {
      if (i === 0 && j === 0) continue;
      const here = at(i, j);
      let best = Infinity;
      let arg = 0;
      for (let b = 0; b < K; b++) {
        const da = DA[b]!;
        const dt = DT[b]!;
        const pi = i - da;
        const pj = j - dt;
        if (!inBand(pi, pj)) continue;
        const from = f[at(pi, pj)]!;
        if (from === Infinity) continue;
        const c = beadCost(i, j, da, dt, PRIOR[b]!);
        costs[here * K + b] = c;
        if (from + c < best) {
          best = from + c;
          arg = b;
        }
      }
      if (hint) {
        // The hint (TM, triangulation) is costly: ask it only for beads that could still win this point.
        const bound = best + HINT_RANGE;
        best = Infinity;
        for (let b = 0; b < K; b++) {
          const da = DA[b]!;
          const dt = DT[b]!;
          if (da === 0 || dt === 0 || !inBand(i - da, j - dt)) continue;
          const from = f[at(i - da, j - dt)]!;
          if (from + costs[here * K + b]! < bound) costs[here * K + b]! += hint(i - da, i, j - dt, j);
        }
        for (let b = 0; b < K; b++) {
          const da = DA[b]!;
          const dt = DT[b]!;
          if (!inBand(i - da, j - dt)) continue;
          const c = f[at(i - da, j - dt)]! + costs[here * K + b]!;
          if (c < best) {
            best = c;
            arg = b;
          }
        }
      }
      f[here] = best;
      back[here] = arg;
    }
  }
  if (!inBand(n, m) || f[at(n, m)] === Infinity) return undefined;

  // Backward pass: g = best cost from a point to (n, m), reusing the bead costs of the forward pass.
  const g = new Float64Array(size).fill(Infinity);
  g[at(n, m)] = 0;
  for (let i = n; i >= 0; i--) {
    for (let j = hi(i); j >= lo(i); j--) {
      if (i === n && j === m) continue;
      let best = Infinity;
      for (let b = 0; b < K; b++) {
        const ni = i + DA[b]!;
        const nj = j + DT[b]!;
        if (!inBand(ni, nj)) continue;
        const next = at(ni, nj);
        const c = g[next]! + costs[next * K + b]!;
        if (c < best) best = c;
      }
      g[at(i, j)] = best;
    }
  }
  const total = f[at(n, m)]!;
  const margin = (i: number, j: number): number => {
    if ((i === 0 && j === 0) || (i === n && j === m)) return Infinity;
    let best = Infinity;
    for (const [di, dj] of [[0, 1], [0, -1], [1, 0], [-1, 0], [1, -1], [-1, 1]] as const) {
      if (!inBand(i + di, j + dj)) continue;
      const through = f[at(i + di, j + dj)]! + g[at(i + di, j + dj)]!;
      if (through < best) best = through;
    }
    return best - total;
  };

  const beads: Bead[] = [];
  let touchedEdge = false;
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    if ((j === lo(i) && lo(i) > 0) || (j === hi(i) && hi(i) < m)) touchedEdge = true;
    const [da, dt] = BEADS[back[at(i, j)]!]!;
    beads.push({ a0: i - da, a1: i, t0: j - dt, t1: j, confidence: 0 });
    i -= da;
    j -= dt;
  }
  beads.reverse();
  for (const b of beads) {
    const mgn = Math.min(margin(b.a0, b.t0), margin(b.a1, b.t1));
    b.confidence = mgn === Infinity ? 1 : 1 - Math.exp(-Math.max(0, mgn));
  }
  return { beads, touchedEdge };
}
