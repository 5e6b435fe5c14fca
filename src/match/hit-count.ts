/**
 * Counting a search's hits in a block's postings (block.ts): per slot, the weight of the query's keys found in its
 * unit, kept in a counter that a search reuses (a stamp marks the slots this search touched).
 */
import { slotAt } from './posting-slots';
import type { Postings } from './postings';

/** Per-search hit counts by slot: `seen[slot] === stamp` marks slots touched by this search. */
export interface HitCounter {
  seen: Uint32Array;
  hits: Uint16Array;
  touched: number[];
  stamp: number;
}

/** A block's per-slot arrays a count reads: token counts and liveness. */
export interface SlotState {
  lens: Uint16Array;
  alive: Uint8Array;
}

/**
 * Adds `weight` to every live slot listed under `key` whose length is within [lo, hi]. Sealed postings are ordered
 * by length (their slots are), so the window is two binary searches; appended ones are filtered.
 */
export function countKey(
  p: Postings,
  key: number,
  lo: number,
  hi: number,
  weight: number,
  { lens, alive }: SlotState,
  counter: HitCounter,
): void {
  const { seen, hits, touched } = counter;
  const stamp = counter.stamp;
  if (key >= 0 && key + 1 < p.off.length) {
    const read = p.post;
    const { lo: low, hi: high } = read;
    const narrow = read.top === undefined; // slots of 3 bytes: read inline
    let l = p.off[key]!;
    let r = p.off[key + 1]!;
    const end = r;
    while (l < r) {
      const mid = (l + r) >>> 1;
      if (lens[narrow ? low[mid]! | (high[mid]! << 16) : slotAt(read, mid)]! < lo) l = mid + 1;
      else r = mid;
    }
    const a = l;
    r = end;
    while (l < r) {
      const mid = (l + r) >>> 1;
      if (lens[narrow ? low[mid]! | (high[mid]! << 16) : slotAt(read, mid)]! <= hi) l = mid + 1;
      else r = mid;
    }
    for (let k = a; k < l; k++) {
      const slot = narrow ? low[k]! | (high[k]! << 16) : slotAt(read, k);
      if (!alive[slot]) continue;
      if (seen[slot] !== stamp) {
        seen[slot] = stamp;
        hits[slot] = weight;
        touched.push(slot);
      } else hits[slot]! += weight;
    }
  }
  const list = p.open.get(key);
  if (list) {
    for (const slot of list) {
      const len = lens[slot]!;
      if (!alive[slot] || len < lo || len > hi) continue;
      if (seen[slot] !== stamp) {
        seen[slot] = stamp;
        hits[slot] = weight;
        touched.push(slot);
      } else hits[slot]! += weight;
    }
  }
}
