/**
 * The slots listed in a block's sealed postings (postings.ts), packed: 3 bytes each, little-endian, in a block of
 * fewer than 2^24 slots (every block a process can hold in practice: a million units' two families, 42 million
 * slots listed, take 125 MB instead of 167), 4 bytes past that. The bytes end with one spare, so that any slot is
 * read with one unaligned 32-bit load and a mask (`slotAt`).
 */

/** Bytes a listed slot takes in a block of `slots` slots. */
export const slotWidth = (slots: number): 3 | 4 => (slots < 1 << 24 ? 3 : 4);

/** Room for `n` slots of `width` bytes (and the spare byte). */
export const slotBytes = (n: number, width: 3 | 4): Uint8Array => new Uint8Array(n * width + 1);

/** Writes `slot` as the `at`-th listed slot. */
export function putSlot(bytes: Uint8Array, width: 3 | 4, at: number, slot: number): void {
  const i = at * width;
  bytes[i] = slot & 0xff;
  bytes[i + 1] = (slot >>> 8) & 0xff;
  bytes[i + 2] = (slot >>> 16) & 0xff;
  if (width === 4) bytes[i + 3] = slot >>> 24;
}

/** A reader of packed slots: `view` over the bytes, and the mask of a slot's bits. */
export interface SlotReader {
  view: DataView;
  width: 3 | 4;
  mask: number;
}

export const slotReader = (bytes: Uint8Array, width: 3 | 4): SlotReader => ({
  view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength),
  width,
  mask: width === 4 ? -1 : 0xffffff,
});

/** The `at`-th listed slot. */
export function slotAt({ view, width, mask }: SlotReader, at: number): number {
  return view.getInt32(at * width, true) & mask;
}
