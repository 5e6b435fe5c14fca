/**
 * Which postings a search reads (steps 2–3 of search.ts): the prefix of the query's rarest stems, and of its rarest
 * stem bigrams, each with the count a unit must reach; the search reads the family that costs fewer postings.
 */
import { bigramKey, type IndexBlock } from './block';
import type { PreparedQuery } from './query';

export interface Plan {
  keys: number[];
  /** Query positions each key stands for. */
  weights: number[];
  /** A unit must hit keys worth at least this many positions to be a candidate. */
  threshold: number;
  /** Postings it will read. */
  cost: number;
}

/** Postings read beyond the minimal prefix: up to EXTRA_FACTOR × what the prefix reads, EXTRA_MIN–EXTRA_MAX more. */
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

export interface Plans {
  /** Occurrences of each distinct stem in the query. */
  multiplicity: Map<number, number>;
  /** The family whose prefix reads fewer postings, and the other one (none when bigrams cannot filter). */
  chosen: Plan;
  other: Plan | undefined;
  bigramsChosen: boolean;
}

/** Steps 2–3: the prefix of rarest stems and of rarest stem bigrams, and which of them reads fewer postings. */
export function planKeys(block: IndexBlock, q: PreparedQuery, f: number, need: number): Plans {
  const n = q.n;
  const multiplicity = new Map<number, number>();
  for (let i = 0; i < n; i++) multiplicity.set(q.stems[i]!, (multiplicity.get(q.stems[i]!) ?? 0) + 1);
  const stemPlan = prefixPlan(multiplicity, n - need + 1, (s) => (s < 0 ? 0 : block.df(s)));
  let needBigrams = Math.ceil(n * (2 * f - 1) - 1);
  if (q.numberCount > 0) needBigrams = Math.min(needBigrams, n - 1 - 2 * q.numberCount);
  let bigramPlan: Plan | undefined;
  if (needBigrams >= 1) {
    const pairs = new Map<number, number>();
    for (let i = 1; i < n; i++) {
      const a = q.stems[i - 1]!;
      const b = q.stems[i]!;
      // A pair with a stem the TM has never seen cannot occur in any unit: key −1, no postings.
      const key = a < 0 || b < 0 ? -1 - i : bigramKey(a, b, block.bigramBits);
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
    }
    bigramPlan = prefixPlan(pairs, n - 1 - needBigrams + 1, (key) => (key < 0 ? 0 : block.bigramDf(key)));
  }
  const bigramsChosen = bigramPlan !== undefined && bigramPlan.cost < stemPlan.cost;
  return bigramsChosen
    ? { multiplicity, chosen: bigramPlan!, other: stemPlan, bigramsChosen }
    : { multiplicity, chosen: stemPlan, other: bigramPlan, bigramsChosen };
}
