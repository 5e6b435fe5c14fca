/**
 * Finding the best units of one segment for a query: the candidate index (`searchSegment`) and the exhaustive
 * reference (`scanSegment`). Both verify candidates with the same `verify`, so they can differ only in which units
 * they look at; the index provably looks at every unit that can reach the minimum:
 *
 *  1. Length window. score ≥ min needs d ≤ L·(1 − f), f = (min − ½)/100, L = max(n, m), and d ≥ |n − m|,
 *     hence n·f ≤ m ≤ n/f.
 *  2. Overlap. d ≥ L − c, where c is the multiset overlap of *stems* (a clitic swap costs ¼ ≥ 0, any other
 *     replace 1), hence c ≥ ⌈n·f⌉ =: need (lowered to n − #numbers when the query has numbers: a unit differing only
 *     in numbers scores 100 − 2k whatever its fuzzy score).
 *  3. Prefix filter. Take the query's distinct stems, rarest first, until they cover P = n − need + 1 query
 *     positions: a unit containing none of them overlaps at most need − 1, so only their postings are read.
 *     The same holds for stem bigrams (q-gram lemma: each unit-cost edit destroys at most 2 of the query's n − 1
 *     bigrams, so a unit within d shares ≥ n − 1 − 2d ≥ ⌈n(2f − 1) − 1⌉ of them); bigrams are far rarer than
 *     words, and the search takes whichever prefix reads fewer postings.
 *  4. Upper bound and order. For each candidate, c gives score ≤ round(100·c/L) (100 − 2(n − c) for a possible
 *     number adaptation; 100/101 when c = L). Candidates are verified in descending bound order, and the search
 *     stops when the bound falls below the minimum or the worst of a full top-k (ties are still verified, so the
 *     tie-break by edit distance and unit id is the same as the exhaustive scan's).
 */
import { COST_EDIT, type TokenDistance } from './levenshtein';
import type { PreparedQuery } from './query';
import { distanceLimit, NUMBER_PENALTY, scoreCandidate, SCORE_CONTEXT, SCORE_EXACT, type Penalty } from './score';
import { bigramKey, type HitCounter, type Segment } from './segment';
import type { TopK } from './top-k';
import type { Vocabulary } from './vocabulary';

export interface Hit {
  unitId: string;
  score: number;
  /** Token edit distance in words. */
  editDistance: number;
  penalties: Penalty[];
  adapted: boolean;
}

/** Best first: higher score, then smaller edit distance, then unit id (deterministic). */
export function hitBetter(a: Hit, b: Hit): boolean {
  if (a.score !== b.score) return a.score > b.score;
  if (a.editDistance !== b.editDistance) return a.editDistance < b.editDistance;
  return a.unitId < b.unitId;
}

export interface SearchEnv {
  vocabulary: Vocabulary;
  distance: TokenDistance;
  /** The candidate's text in the query language (read only for identical-token candidates). */
  textOf: (unitId: string) => string;
  /** When the request carries context: true if this identical match's neighbours match it too (→ 101). */
  contextOk?: (unitId: string) => boolean;
  /** Units it returns false for are not results (a unit with none of the requested target languages). */
  accept?: (unitId: string) => boolean;
}

/** Reusable per-segment buffers (not thread-safe; one per segment owner). */
export class SearchScratch implements HitCounter {
  seen = new Uint32Array(0);
  hits = new Uint16Array(0);
  readonly touched: number[] = [];
  stamp = 0;
  queryCount = new Int32Array(0);
  readonly candidates: number[] = [];
  readonly buckets: number[][] = Array.from({ length: SCORE_CONTEXT + 1 }, () => []);

  /** Counts for the second filter (see searchSegment). */
  readonly second: HitCounter = { seen: new Uint32Array(0), hits: new Uint16Array(0), touched: [], stamp: 0 };
  private undoBuffer = new Int32Array(64);

  /** A buffer for at least n stems. */
  undo(n: number): Int32Array {
    if (this.undoBuffer.length < n) this.undoBuffer = new Int32Array(n * 2);
    return this.undoBuffer;
  }

  prepare(slots: number, stems: number): void {
    if (this.seen.length < slots) this.seen = new Uint32Array(Math.max(slots, this.seen.length * 2));
    if (this.hits.length < slots) this.hits = new Uint16Array(Math.max(slots, this.hits.length * 2));
    if (this.queryCount.length < stems) this.queryCount = new Int32Array(Math.max(stems, this.queryCount.length * 2));
    if (++this.stamp === 0xffffffff) {
      this.seen.fill(0);
      this.second.seen.fill(0);
      this.stamp = 1;
    }
  }
}

interface Plan {
  keys: number[];
  /** Query positions each key stands for. */
  weights: number[];
  /** A unit must hit keys worth at least this many positions to be a candidate. */
  threshold: number;
  /** Postings it will read. */
  cost: number;
}

/** Candidates above which the other key family filters them too, if it reads fewer than RATIO postings each. */
const SECOND_FILTER_MIN = 500;
const SECOND_FILTER_RATIO = 100;

/** Postings read beyond the minimal prefix: up to EXTRA_FACTOR × what the prefix reads, within [EXTRA_MIN, EXTRA_MAX] more. */
const EXTRA_FACTOR = 4;
const EXTRA_MIN = 4096;
const EXTRA_MAX = 65_536;

/**
 * The prefix filter with a count: distinct keys, rarest first, until they cover `positions` query positions (the
 * prefix: a unit holding none of them shares at most total − positions keys with the query, one fewer than it
 * needs). Reading further keys is cheap, and it pays: if the keys read cover positions + e, a unit can only
 * qualify by hitting keys worth e + 1 positions among them, which removes most units that share a single key.
 */
function prefixPlan(multiplicity: Map<number, number>, positions: number, df: (key: number) => number): Plan {
  const ranked = [...multiplicity.keys()].map((key) => ({ key, df: df(key) })).sort((a, b) => a.df - b.df);
  const keys: number[] = [];
  const weights: number[] = [];
  let covered = 0;
  let cost = 0;
  let budget = Infinity;
  for (const { key, df: d } of ranked) {
    if (covered >= positions) {
      if (budget === Infinity) budget = cost + Math.max(EXTRA_MIN, Math.min((EXTRA_FACTOR - 1) * cost, EXTRA_MAX));
      if (cost + d > budget) break;
    }
    const weight = multiplicity.get(key)!;
    covered += weight;
    keys.push(key);
    weights.push(weight);
    cost += d;
  }
  return { keys, weights, threshold: covered - positions + 1, cost };
}

function effectiveMin(min: number, top: TopK<Hit>): number {
  return top.full ? Math.max(min, top.worst()!.score) : min;
}

function verify(seg: Segment, slot: number, q: PreparedQuery, min: number, top: TopK<Hit>, env: SearchEnv): void {
  if (env.accept && !env.accept(seg.unitIds[slot]!)) return;
  const m = seg.lens[slot]!;
  let limit = distanceLimit(effectiveMin(min, top), q.n, m);
  if (m === q.n && q.numberCount > 0) limit = Math.max(limit, COST_EDIT * q.numberCount);
  const from = seg.off[slot]!;
  const d = env.distance.compute(q.ids, q.stems, seg.ids, from, m, env.vocabulary.stems, limit);
  if (d > limit) return;
  const unitId = seg.unitIds[slot]!;
  const detail = scoreCandidate(q, { text: () => env.textOf(unitId), ids: seg.ids, from, len: m }, d, env.vocabulary);
  if (detail.score === SCORE_EXACT && env.contextOk?.(unitId)) detail.score = SCORE_CONTEXT;
  if (detail.score < min) return;
  top.offer({ unitId, ...detail });
}

/** The exhaustive reference: verifies every live unit. */
export function scanSegment(seg: Segment, q: PreparedQuery, min: number, top: TopK<Hit>, env: SearchEnv): void {
  if (q.n === 0) return;
  for (let slot = 0; slot < seg.count; slot++) {
    if (seg.alive[slot]) verify(seg, slot, q, min, top, env);
  }
}

/** The candidate index: same results as scanSegment (see the file comment for why). */
export function searchSegment(
  seg: Segment,
  q: PreparedQuery,
  min: number,
  top: TopK<Hit>,
  env: SearchEnv,
  scratch: SearchScratch,
): void {
  const n = q.n;
  if (n === 0 || seg.live === 0) return;
  const f = (min - 0.5) / 100;
  let need = Math.ceil(n * f);
  if (q.numberCount > 0) need = Math.min(need, n - q.numberCount);
  if (f <= 0 || need <= 0) return scanSegment(seg, q, min, top, env);
  const lo = Math.max(0, Math.ceil(n * f));
  const hi = Math.floor(n / f);

  const stemOf = env.vocabulary.stems;
  scratch.prepare(seg.count, env.vocabulary.size);
  const { queryCount, candidates, buckets } = scratch;

  // Candidates: postings of the rarest query keys, stems or stem bigrams, whichever prefix reads fewer postings.
  const multiplicity = new Map<number, number>();
  for (let i = 0; i < n; i++) multiplicity.set(q.stems[i]!, (multiplicity.get(q.stems[i]!) ?? 0) + 1);
  const stemPlan = prefixPlan(multiplicity, n - need + 1, (s) => (s < 0 ? 0 : seg.df(s)));
  let needBigrams = Math.ceil(n * (2 * f - 1) - 1);
  if (q.numberCount > 0) needBigrams = Math.min(needBigrams, n - 1 - 2 * q.numberCount);
  let bigramPlan: Plan | undefined;
  if (needBigrams >= 1) {
    const pairs = new Map<number, number>();
    for (let i = 1; i < n; i++) {
      const a = q.stems[i - 1]!;
      const b = q.stems[i]!;
      // A pair with a stem the TM has never seen cannot occur in any unit: key −1, no postings.
      const key = a < 0 || b < 0 ? -1 - i : bigramKey(a, b, seg.bigramBits);
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
    }
    bigramPlan = prefixPlan(pairs, n - 1 - needBigrams + 1, (key) => (key < 0 ? 0 : seg.bigramDf(key)));
  }
  const useBigrams = bigramPlan !== undefined && bigramPlan.cost < stemPlan.cost;
  const plan = useBigrams ? bigramPlan! : stemPlan;
  const { hits, touched } = scratch;
  touched.length = 0;
  plan.keys.forEach((key, k) => {
    if (key < 0) return;
    if (useBigrams) seg.countBigram(key, lo, hi, plan.weights[k]!, scratch);
    else seg.countStem(key, lo, hi, plan.weights[k]!, scratch);
  });
  candidates.length = 0;
  for (const slot of touched) if (hits[slot]! >= plan.threshold) candidates.push(slot);
  // Many candidates: a unit must pass the other family's count filter too, and reading its postings costs far
  // less than checking each candidate's overlap (a posting is a few ns, a candidate a fraction of a µs).
  const other = useBigrams ? stemPlan : bigramPlan;
  if (other && candidates.length > SECOND_FILTER_MIN && other.cost < SECOND_FILTER_RATIO * candidates.length) {
    const second = scratch.second;
    second.stamp = scratch.stamp;
    second.touched.length = 0;
    if (second.seen.length < seg.count) {
      second.seen = new Uint32Array(scratch.seen.length);
      second.hits = new Uint16Array(scratch.seen.length);
    }
    other.keys.forEach((key, k) => {
      if (key < 0) return;
      if (useBigrams) seg.countStem(key, lo, hi, other.weights[k]!, second);
      else seg.countBigram(key, lo, hi, other.weights[k]!, second);
    });
    let kept = 0;
    for (const slot of candidates)
      if (second.seen[slot] === second.stamp && second.hits[slot]! >= other.threshold) candidates[kept++] = slot;
    candidates.length = kept;
  }

  // Exact stem overlap → upper bound → buckets.
  for (const [s, count] of multiplicity) if (s >= 0) queryCount[s] = count;
  const undo = scratch.undo(n);
  const full = env.contextOk ? SCORE_CONTEXT : SCORE_EXACT;
  for (const slot of candidates) {
    const m = seg.lens[slot]!;
    const from = seg.off[slot]!;
    let c = 0;
    const ids = seg.ids;
    for (let j = from; j < from + m; j++) {
      const s = stemOf[ids[j]!]!;
      if (queryCount[s]! > 0) {
        queryCount[s]!--;
        undo[c++] = s;
      }
    }
    for (let u = 0; u < c; u++) queryCount[undo[u]!]!++;
    const L = Math.max(n, m);
    let bound = c >= L ? full : Math.round((100 * c) / L);
    if (m === n && q.numberCount > 0 && n - c <= q.numberCount)
      bound = Math.max(bound, SCORE_EXACT - NUMBER_PENALTY * (n - c));
    if (bound >= min) buckets[Math.min(bound, full)]!.push(slot);
  }
  for (const s of multiplicity.keys()) if (s >= 0) queryCount[s] = 0;

  // Verify, best bound first; stop when no remaining candidate can enter the top-k.
  let stopped = false;
  for (let b = full; b >= 0; b--) {
    const bucket = buckets[b]!;
    if (!stopped && b < effectiveMin(min, top)) stopped = true;
    if (!stopped) for (const slot of bucket) verify(seg, slot, q, min, top, env);
    bucket.length = 0;
  }
}
