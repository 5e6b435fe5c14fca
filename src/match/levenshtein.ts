/**
 * Weighted Levenshtein distance over token-id sequences, in quarter-word units (integers keep the rows in typed
 * arrays): insert/delete/replace cost COST_EDIT (one word), replacing a word by the same word with other clitics
 * costs COST_CLITIC (a quarter word).
 *
 * O(n·m) time, O(m) memory with two reused rows. Callers pass `limit`: as soon as a whole row exceeds it the
 * distance cannot come back under it and we return limit + 1 (the "stop value" of Translate Toolkit's matcher).
 * Not thread-safe: one instance per caller (rows are reused between calls).
 */
export const COST_EDIT = 4;
export const COST_CLITIC = 1;
/** Sequences longer than this are compared on their first MAX_TOKENS tokens only (a TM unit is a sentence). */
export const MAX_TOKENS = 4096;

export class TokenDistance {
  private prev = new Uint32Array(64);
  private curr = new Uint32Array(64);

  /**
   * Distance between the query (ids and stems) and a candidate stored flat: `ids[from .. from+len)`, whose stems
   * are `stemOf[id]`. Returns quarter words, or `limit + 1` when it is certainly above `limit`.
   */
  compute(
    qIds: Int32Array,
    qStems: Int32Array,
    ids: Int32Array,
    from: number,
    len: number,
    stemOf: Int32Array,
    limit = Number.MAX_SAFE_INTEGER,
  ): number {
    const n = Math.min(qIds.length, MAX_TOKENS);
    const m = Math.min(len, MAX_TOKENS);
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
    for (let i = 1; i <= n; i++) {
      curr[0] = i * COST_EDIT;
      let rowMin = curr[0]!;
      const ai = qIds[i - 1]!;
      const as = qStems[i - 1]!;
      for (let j = 1; j <= m; j++) {
        const bj = ids[from + j - 1]!;
        const sub = ai === bj ? 0 : as === stemOf[bj] ? COST_CLITIC : COST_EDIT;
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

export type EditOp = 'equal' | 'clitic' | 'replace' | 'insert' | 'delete';

/**
 * The optimal alignment itself, for explaining a match: one op per step from the start, with the query token index
 * (`q`, −1 for an insert) and the candidate token index (`c`, −1 for a delete). Full O(n·m) matrix: use it on the
 * few matches returned, never in the search loop. `insert` = a token only the query has; `delete` = only the TM unit.
 */
export function alignTokens(
  qIds: Int32Array,
  qStems: Int32Array,
  cIds: Int32Array,
  stemOf: Int32Array,
): { op: EditOp; q: number; c: number }[] {
  const n = qIds.length;
  const m = cIds.length;
  const w = m + 1;
  const d = new Uint32Array((n + 1) * w);
  for (let j = 0; j <= m; j++) d[j] = j * COST_EDIT;
  for (let i = 1; i <= n; i++) {
    d[i * w] = i * COST_EDIT;
    for (let j = 1; j <= m; j++) {
      const sub = qIds[i - 1] === cIds[j - 1] ? 0 : qStems[i - 1] === stemOf[cIds[j - 1]!] ? COST_CLITIC : COST_EDIT;
      d[i * w + j] = Math.min(
        d[(i - 1) * w + j - 1]! + sub,
        d[(i - 1) * w + j]! + COST_EDIT,
        d[i * w + j - 1]! + COST_EDIT,
      );
    }
  }
  const steps: { op: EditOp; q: number; c: number }[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    if (i > 0 && j > 0) {
      const same = qIds[i - 1] === cIds[j - 1];
      const clitic = !same && qStems[i - 1] === stemOf[cIds[j - 1]!];
      const sub = same ? 0 : clitic ? COST_CLITIC : COST_EDIT;
      if (d[i * w + j] === d[(i - 1) * w + j - 1]! + sub) {
        steps.push({ op: same ? 'equal' : clitic ? 'clitic' : 'replace', q: i - 1, c: j - 1 });
        i--;
        j--;
        continue;
      }
    }
    if (i > 0 && d[i * w + j] === d[(i - 1) * w + j]! + COST_EDIT) {
      steps.push({ op: 'insert', q: i - 1, c: -1 });
      i--;
    } else {
      steps.push({ op: 'delete', q: -1, c: j - 1 });
      j--;
    }
  }
  return steps.reverse();
}
