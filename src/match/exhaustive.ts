/**
 * The reference matcher: scores every candidate. Correct by construction, O(units · n · m); the candidate index
 * must return what this returns. Candidates whose length alone rules them out are skipped, and once `limit` hits
 * are kept the minimum rises to the worst kept score (Translate Toolkit's trick), so most distances stop early.
 */
import type { AnalyzedText } from './analyzed';
import { distanceLimit, scoreDetail, type Penalty } from './score';
import { TopK } from './top-k';
import { TokenDistance } from './levenshtein';

export interface SearchOptions {
  /** Lowest score returned, 0–100. */
  min: number;
  /** Most hits returned. */
  limit: number;
}

export interface Hit {
  unitId: string;
  score: number;
  /** Token edit distance in words. */
  editDistance: number;
  penalties: Penalty[];
}

/** Best first: higher score, then smaller edit distance, then unit id (deterministic). */
export function hitBetter(a: Hit, b: Hit): boolean {
  if (a.score !== b.score) return a.score > b.score;
  if (a.editDistance !== b.editDistance) return a.editDistance < b.editDistance;
  return a.unitId < b.unitId;
}

export function exhaustiveSearch(
  query: AnalyzedText,
  candidates: Iterable<readonly [string, AnalyzedText]>,
  options: SearchOptions,
  distance: TokenDistance = new TokenDistance(),
): Hit[] {
  const top = new TopK<Hit>(options.limit, hitBetter);
  for (const [unitId, candidate] of candidates) {
    const min = top.full ? Math.max(options.min, top.worst()!.score) : options.min;
    const limit = distanceLimit(min, query.length, candidate.length);
    const d = distance.compute(query.tokens, candidate.tokens, limit);
    if (d > limit) continue;
    const detail = scoreDetail(query, candidate, d);
    if (detail.score < options.min) continue;
    top.offer({ unitId, ...detail });
  }
  return top.sorted();
}
