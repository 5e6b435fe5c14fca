/**
 * Finding the best units of one index block for a query: the candidate index (`searchBlock`) and the exhaustive
 * reference (`scanBlock`). Both verify candidates with the same `verify`, so they can differ only in which units
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
import { planKeys, type Plans } from './plan';
import type { PreparedQuery } from './query';
import { distanceLimit, NUMBER_PENALTY, scoreCandidate, SCORE_CONTEXT, SCORE_EXACT, type Penalty } from './score';
import type { HitCounter, IndexBlock } from './block';
import { TopK } from './top-k';
import { PROBE_MIN, type SearchOptions, type SearchStats } from './index-options';

export type { SearchStats } from './index-options';
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
  /** The id of the unit in a table row (a block's slots hold their units' rows). */
  idOf: (row: number) => string;
  /** The candidate's text in the query language (read only for identical-token candidates). */
  textOf: (row: number) => string;
  /** When the request carries context: true if this identical match's neighbours match it too (→ 101). */
  contextOk?: (row: number) => boolean;
  /** Units it returns false for are not results (a unit with none of the requested target languages). */
  accept?: (row: number) => boolean;
  /** Counts the work done, when given. */
  stats?: SearchStats;
}

/** Reusable per-block buffers (not thread-safe; one per block owner). */
export class SearchScratch implements HitCounter {
  seen = new Uint32Array(0);
  hits = new Uint16Array(0);
  readonly touched: number[] = [];
  stamp = 0;
  queryCount = new Int32Array(0);
  readonly candidates: number[] = [];
  readonly buckets: number[][] = Array.from({ length: SCORE_CONTEXT + 1 }, () => []);

  /** Counts for the second filter (see searchBlock). */
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

/** Candidates above which the other key family filters them too, if it reads fewer than RATIO postings each. */
const SECOND_FILTER_MIN = 500;
const SECOND_FILTER_RATIO = 100;

function effectiveMin(min: number, top: TopK<Hit>): number {
  return top.full ? Math.max(min, top.worst()!.score) : min;
}

function verify(block: IndexBlock, slot: number, q: PreparedQuery, min: number, top: TopK<Hit>, env: SearchEnv): void {
  const row = block.rows[slot]!;
  if (env.accept && !env.accept(row)) return;
  if (env.stats) env.stats.verified++;
  const m = block.lens[slot]!;
  let limit = distanceLimit(effectiveMin(min, top), q.n, m);
  if (m === q.n && q.numberCount > 0) limit = Math.max(limit, COST_EDIT * q.numberCount);
  const from = block.off[slot]!;
  const d = env.distance.compute(q.ids, q.stems, block.ids, from, m, env.vocabulary.stems, limit);
  if (d > limit) return;
  const text = () => env.textOf(row);
  const detail = scoreCandidate(q, { text, ids: block.ids, from, len: m }, d, env.vocabulary);
  if (detail.score === SCORE_EXACT && env.contextOk?.(row)) detail.score = SCORE_CONTEXT;
  if (detail.score < min) return;
  top.offer({ unitId: env.idOf(row), ...detail });
}

/** The exhaustive reference: verifies every live unit. */
/**
 * The top hits of a block for a query: one pass at `min`, or, below PROBE_MIN, a first pass at PROBE_MIN that
 * usually fills the top-k and a pass at `min` only when it does not.
 */
export function searchPasses(
  block: IndexBlock,
  q: PreparedQuery,
  options: SearchOptions,
  env: SearchEnv,
  scratch: SearchScratch,
): Hit[] {
  const passes = options.exhaustive || options.min >= PROBE_MIN ? [options.min] : [PROBE_MIN, options.min];
  let hits: Hit[] = [];
  for (const min of passes) {
    const top = new TopK<Hit>(options.limit, hitBetter);
    if (options.exhaustive) scanBlock(block, q, min, top, env);
    else searchBlock(block, q, min, top, env, scratch);
    hits = top.sorted();
    if (hits.length >= options.limit) break;
  }
  return hits;
}

export function scanBlock(block: IndexBlock, q: PreparedQuery, min: number, top: TopK<Hit>, env: SearchEnv): void {
  if (q.n === 0) return;
  for (let slot = 0; slot < block.count; slot++) {
    if (block.alive[slot]) verify(block, slot, q, min, top, env);
  }
}

/** The candidate index: same results as scanBlock (see the file comment for why). */
export function searchBlock(
  block: IndexBlock,
  q: PreparedQuery,
  min: number,
  top: TopK<Hit>,
  env: SearchEnv,
  scratch: SearchScratch,
): void {
  const n = q.n;
  if (n === 0 || block.live === 0) return;
  // The filters' bounds hold for a score up to 100; a context match (101) is an exact one whose neighbours match.
  const f = (Math.min(min, SCORE_EXACT) - 0.5) / 100;
  let need = Math.ceil(n * f);
  if (q.numberCount > 0) need = Math.min(need, n - q.numberCount);
  if (f <= 0 || need <= 0) return scanBlock(block, q, min, top, env);
  const window: Window = { lo: Math.max(0, Math.ceil(n * f)), hi: Math.floor(n / f) };
  scratch.prepare(block.count, env.vocabulary.size);
  const plans = planKeys(block, q, f, need);
  countCandidates(block, plans, window, scratch);
  if (plans.other && scratch.candidates.length > SECOND_FILTER_MIN) secondFilter(block, plans, window, scratch);
  bucketByBound(block, q, min, plans.multiplicity, env, scratch);
  verifyByBound(block, q, min, top, env, scratch);
}

/** Step 1: the token-count window [lo, hi] a unit must fall in. */
interface Window {
  lo: number;
  hi: number;
}

/** Counts each unit's hits on the chosen keys; the units reaching the plan's threshold are the candidates. */
function countCandidates(block: IndexBlock, plans: Plans, window: Window, scratch: SearchScratch): void {
  const { chosen: plan, bigramsChosen } = plans;
  const { hits, touched, candidates } = scratch;
  touched.length = 0;
  plan.keys.forEach((key, k) => {
    if (key < 0) return;
    if (bigramsChosen) block.countBigram(key, window.lo, window.hi, plan.weights[k]!, scratch);
    else block.countStem(key, window.lo, window.hi, plan.weights[k]!, scratch);
  });
  candidates.length = 0;
  for (const slot of touched) if (hits[slot]! >= plan.threshold) candidates.push(slot);
}

/**
 * Many candidates: a unit must pass the other family's count filter too, when reading its postings costs far less
 * than checking each candidate's overlap (a posting is a few ns, a candidate a fraction of a µs).
 */
function secondFilter(block: IndexBlock, plans: Plans, window: Window, scratch: SearchScratch): void {
  const other = plans.other!;
  const candidates = scratch.candidates;
  if (other.cost >= SECOND_FILTER_RATIO * candidates.length) return;
  const second = scratch.second;
  second.stamp = scratch.stamp;
  second.touched.length = 0;
  if (second.seen.length < block.count) {
    second.seen = new Uint32Array(scratch.seen.length);
    second.hits = new Uint16Array(scratch.seen.length);
  }
  other.keys.forEach((key, k) => {
    if (key < 0) return;
    if (plans.bigramsChosen) block.countStem(key, window.lo, window.hi, other.weights[k]!, second);
    else block.countBigram(key, window.lo, window.hi, other.weights[k]!, second);
  });
  let kept = 0;
  for (const slot of candidates)
    if (second.seen[slot] === second.stamp && second.hits[slot]! >= other.threshold) candidates[kept++] = slot;
  candidates.length = kept;
}

/** Step 4, first half: each candidate's exact stem overlap, hence an upper bound on its score; bucketed by it. */
function bucketByBound(
  block: IndexBlock,
  q: PreparedQuery,
  min: number,
  multiplicity: Map<number, number>,
  env: SearchEnv,
  scratch: SearchScratch,
): void {
  const n = q.n;
  const stemOf = env.vocabulary.stems;
  const { queryCount, candidates, buckets } = scratch;
  for (const [s, count] of multiplicity) if (s >= 0) queryCount[s] = count;
  const undo = scratch.undo(n);
  const full = env.contextOk ? SCORE_CONTEXT : SCORE_EXACT;
  const ids = block.ids;
  for (const slot of candidates) {
    const m = block.lens[slot]!;
    const from = block.off[slot]!;
    let c = 0;
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
}

/** Step 4, second half: verify, best bound first; stop when no remaining candidate can enter the top-k. */
function verifyByBound(
  block: IndexBlock,
  q: PreparedQuery,
  min: number,
  top: TopK<Hit>,
  env: SearchEnv,
  scratch: SearchScratch,
): void {
  const buckets = scratch.buckets;
  let stopped = false;
  for (let b = buckets.length - 1; b >= 0; b--) {
    const bucket = buckets[b]!;
    if (!stopped && b < effectiveMin(min, top)) stopped = true;
    if (!stopped) for (const slot of bucket) verify(block, slot, q, min, top, env);
    bucket.length = 0;
  }
}
