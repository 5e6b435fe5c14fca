/**
 * One language's part of a TmIndex: its IndexBlock, the unit → slot map that writes need, the search scratch, and
 * the state of a compaction under way.
 *
 * Compaction. Writes append to the block and mark old slots dead; once the appended or dead part passes
 * COMPACT_RATIO of the block (and COMPACT_MIN), the block is rebuilt from its own token ids. Done at once on the
 * query that finds it due, that rebuild held the event loop ≈ 65 ms at 10k units and 530–670 ms at 100k. With a
 * `pace` (the service's way of giving the loop back), it runs off the request path instead (aside.ts): the live
 * slots are copied a slice at a time, the block is laid out and its postings built on a worker thread while its
 * slot map is filled a slice at a time, and the units written meanwhile are replayed onto it before it replaces the old
 * one. Queries go on meanwhile on the old block, whose appended postings stay exact. Past OVERDUE_FACTOR times the
 * threshold (a flood of writes outrunning the background), or after a background build failed, the query compacts
 * at once as before.
 */
import type { FlatUnits } from './flat-units';
import { IndexBlock } from './block';
import { lengthOrder } from './layout';
import { SearchScratch } from './search';

export const COMPACT_MIN = 1000;
export const COMPACT_RATIO = 0.1;
/** A block this many times past the compaction threshold is compacted at once, background or not. */
export const OVERDUE_FACTOR = 4;
/** Slot-map entries added between two chances to give the event loop back. */
const SLOTS_PER_SLICE = 20_000;

export interface LangIndex {
  block: IndexBlock;
  /**
   * Table row → slot (-1: none), built on the first write after a build from the block's rows (a typed array: a
   * million units hold no Map entry), or in slices.
   */
  slotOf?: SlotMap;
  scratch: SearchScratch;
  /** A background compaction of this block failed: the next one is done at once. */
  compactFailed?: boolean;
}

/** Is the block due for compaction (`factor` times past the threshold)? */
export function needsCompaction(block: IndexBlock, factor = 1): boolean {
  const dead = block.count - block.live;
  const limit = factor * Math.max(COMPACT_MIN, COMPACT_RATIO * block.count);
  return block.appended > limit || dead > limit;
}

/** The slot of each table row in one block (-1 for a row with none). */
export class SlotMap {
  private slots: Int32Array;

  constructor(rows = 0) {
    this.slots = new Int32Array(Math.max(16, rows)).fill(-1);
  }

  /** The row's slot, or -1. */
  get(row: number): number {
    return row < this.slots.length ? this.slots[row]! : -1;
  }

  set(row: number, slot: number): void {
    if (row >= this.slots.length) {
      const grown = new Int32Array(Math.max(2 * this.slots.length, row + 1)).fill(-1);
      grown.set(this.slots);
      this.slots = grown;
    }
    this.slots[row] = slot;
  }

  delete(row: number): void {
    if (row < this.slots.length) this.slots[row] = -1;
  }
}

export function slotsOf(index: LangIndex): SlotMap {
  if (!index.slotOf) {
    const { rows, alive, count } = index.block;
    let most = 0;
    for (let slot = 0; slot < count; slot++) most = Math.max(most, rows[slot]! + 1);
    const slotOf = new SlotMap(most);
    for (let slot = 0; slot < count; slot++) if (alive[slot]) slotOf.set(rows[slot]!, slot);
    index.slotOf = slotOf;
  }
  return index.slotOf;
}

/**
 * The slot map of the block that will be built from `input` (every unit at the slot the layout gives it: the units
 * by token count, layout.ts), and its units' rows in slot order, filled SLOTS_PER_SLICE entries at a time with `pace`
 * between: made while a worker builds the block, instead of after. The input's offsets and rows must stay as they
 * are meanwhile.
 */
export async function slotMapOfInput(
  input: FlatUnits,
  pace: () => Promise<void>,
): Promise<{ slotOf: SlotMap; bySlot: Int32Array }> {
  const order = lengthOrder(input.off, input.count);
  const bySlot = new Int32Array(order.length);
  const { rows } = input;
  let most = 0;
  for (let i = 0; i < input.count; i++) most = Math.max(most, rows[i]! + 1);
  const slotOf = new SlotMap(most);
  for (let slot = 0; slot < order.length; slot++) {
    if (slot > 0 && slot % SLOTS_PER_SLICE === 0) await pace();
    const row = rows[order[slot]!]!;
    slotOf.set(row, slot);
    bySlot[slot] = row;
  }
  return { slotOf, bySlot };
}
