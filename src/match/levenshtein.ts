/**
 * Weighted Levenshtein distance over token-id sequences, in quarter-word units (integers keep the rows in typed
 * arrays): insert/delete/replace cost COST_EDIT (one word), replacing a word by the same word with other clitics
 * costs COST_CLITIC (a quarter word).
 *
 * O(n·m) time, O(m) memory with two reused rows. Callers pass `limit`: as soon as a whole row exceeds it the
 * distance cannot come back under it and we return limit + 1 (the "stop value" of Translate Toolkit's matcher).
 * Not thread-safe: one instance per caller (rows are reused between calls).
 */
import type { TokenIds } from './vocabulary';

export const COST_EDIT = 4;
export const COST_CLITIC = 1;
/** Sequences longer than this are compared on their first MAX_TOKENS tokens only (a TM unit is a sentence). */
export const MAX_TOKENS = 4096;

export class TokenDistance {
  private prev = new Uint32Array(64);
  private curr = new Uint32Array(64);

  /** Distance in quarter words, or `limit + 1` when it is certainly above `limit`. */
  compute(a: TokenIds, b: TokenIds, limit = Number.MAX_SAFE_INTEGER): number {
    const n = Math.min(a.ids.length, MAX_TOKENS);
    const m = Math.min(b.ids.length, MAX_TOKENS);
    if (Math.abs(n - m) * COST_EDIT > limit) return limit + 1;
    if (n === 0) return m * COST_EDIT;
    if (m === 0) return n * COST_EDIT;
    if (this.prev.length <= m) {
      this.prev = new Uint32Array(m + 1);
      this.curr = new Uint32Array(m + 1);
    }
    let prev = this.prev;
    let curr = this.curr;
    for (let j = 0; j <= m; j++) prev[j] = j * COST_EDIT;
    const aIds = a.ids, aStems = a.stems, bIds = b.ids, bStems = b.stems;
    for (let i = 1; i <= n; i++) {
      curr[0] = i * COST_EDIT;
      let rowMin = curr[0]!;
      const ai = aIds[i - 1]!;
      const as = aStems[i - 1]!;
      for (let j = 1; j <= m; j++) {
        const bj = bIds[j - 1]!;
        const sub = ai === bj ? 0 : as === bStems[j - 1]! ? COST_CLITIC : COST_EDIT;
        let best = prev[j - 1]! + sub;
        const del = prev[j]! + COST_EDIT;
        if (del < best) best = del;
        const ins = curr[j - 1]! + COST_EDIT;
        if (ins < best) best = ins;
        curr[j] = best;
        if (best < rowMin) rowMin = best;
      }
      if (rowMin > limit) return limit + 1;
      const swap = prev;
      prev = curr;
      curr = swap;
    }
    return prev[m]!;
  }
}
