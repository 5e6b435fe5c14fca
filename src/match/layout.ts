/**
 * The layout of a bulk-built IndexBlock, on typed arrays only (so that a worker thread can compute it): slots are
 * the units ordered by token count (a counting sort of offsets; no token is copied), and the size of the bigram
 * table.
 */
import { bigramBits } from './bigrams';

/** Token counts above this are cut (slot lengths are 16-bit). */
export const MAX_LEN = 0xffff;

export interface Layout {
  /** order[slot] = the unit (input index) at that slot. */
  order: Uint32Array;
  /** Per slot: its first token position, its token count. */
  off: Uint32Array;
  lens: Uint16Array;
  /** log2 of the bigram table size. */
  bits: number;
}

/**
 * The slots' order: order[slot] = the unit (input index) there, the units sorted by token count (a stable counting
 * sort). `unitOff` holds n + 1 offsets (unit i's tokens are unitOff[i] .. unitOff[i+1]).
 */
export function lengthOrder(unitOff: Uint32Array, n: number): Uint32Array {
  const lenOf = (i: number) => Math.min(unitOff[i + 1]! - unitOff[i]!, MAX_LEN);
  const byLen = new Uint32Array(MAX_LEN + 2);
  for (let i = 0; i < n; i++) byLen[lenOf(i) + 1]!++;
  for (let l = 1; l < byLen.length; l++) byLen[l]! += byLen[l - 1]!;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[byLen[lenOf(i)]!++] = i;
  return order;
}

/** The layout of units as {@link lengthOrder} orders them. */
export function layoutSlots(unitOff: Uint32Array, n: number): Layout {
  const lenOf = (i: number) => Math.min(unitOff[i + 1]! - unitOff[i]!, MAX_LEN);
  const order = lengthOrder(unitOff, n);
  const off = new Uint32Array(n);
  const lens = new Uint16Array(n);
  for (let slot = 0; slot < n; slot++) {
    const i = order[slot]!;
    off[slot] = unitOff[i]!;
    lens[slot] = lenOf(i);
  }
  return { order, off, lens, bits: bigramBits(unitOff[n]!) };
}
