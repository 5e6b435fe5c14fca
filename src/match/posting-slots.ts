/**
 * The slots listed in a block's sealed postings (postings.ts), 3 bytes each: the low 16 bits in one array, bits 16–23
 * in another, read with two aligned loads; bits 24–31 in a third only in a block of 2^24 slots or more (no block a
 * process can hold in practice). A million units' two families, 42 million slots listed, take 125 MB instead of 167.
 */

/** Listed slots: `lo` and `hi` (and `top` for a block of 2^24 slots or more) hold slot `at` at index `at`. */
export interface ListedSlots {
  lo: Uint16Array;
  hi: Uint8Array;
  top: Uint8Array | undefined;
}

/** Whether a block of `slots` slots needs the slots' top byte. */
export const wideSlots = (slots: number): boolean => slots >= 1 << 24;

/** Room for `n` listed slots, with the top byte when `wide`. */
export const listedSlots = (n: number, wide: boolean): ListedSlots => ({
  lo: new Uint16Array(n),
  hi: new Uint8Array(n),
  top: wide ? new Uint8Array(n) : undefined,
});

/** Writes `slot` as the `at`-th listed slot. */
export function putSlot(slots: ListedSlots, at: number, slot: number): void {
  slots.lo[at] = slot & 0xffff;
  slots.hi[at] = (slot >>> 16) & 0xff;
  if (slots.top) slots.top[at] = slot >>> 24;
}

/** The `at`-th listed slot. */
export function slotAt({ lo, hi, top }: ListedSlots, at: number): number {
  const slot = lo[at]! | (hi[at]! << 16);
  return top ? slot | (top[at]! << 24) : slot;
}

/** The buffers of listed slots, to transfer them to another thread. */
export const slotBuffers = ({ lo, hi, top }: ListedSlots): ArrayBuffer[] =>
  [lo.buffer, hi.buffer, ...(top ? [top.buffer] : [])] as ArrayBuffer[];
