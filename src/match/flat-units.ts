/** Units as the indexer collects them, before an IndexBlock lays them out. */

/** Slots of a built block (IndexBlock has these fields): what a compaction copies. */
export interface SlotSource {
  readonly count: number;
  readonly live: number;
  /** Per slot: the row of its unit in the index's unit table. */
  readonly rows: Int32Array;
  readonly off: Uint32Array;
  readonly lens: Uint16Array;
  readonly alive: Uint8Array;
  readonly ids: Int32Array;
}

/**
 * Units laid out flat, in any order: the token ids of unit i are ids[off[i] .. off[i+1]), its row in the index's
 * unit table rows[i].
 */
export class FlatUnits {
  rows: Int32Array;
  off: Uint32Array;
  ids: Int32Array;

  private stemOf: Int32Array;
  private units = 0;

  /** Capacity hints avoid regrowing (and copying) while a million units are added. */
  constructor(units: number, tokens: number, stemOf: Int32Array) {
    this.stemOf = stemOf;
    this.off = new Uint32Array(units + 1);
    this.rows = new Int32Array(Math.max(1, units));
    this.ids = new Int32Array(tokens);
  }

  /** The stem table the units' ids are read with (the vocabulary's, as of the last add). */
  get stemTableNow(): Int32Array {
    return this.stemOf;
  }

  /** Room for the live slots of a block (filled by copySlots). */
  static forSlots(src: SlotSource, stemOf: Int32Array): FlatUnits {
    let tokens = 0;
    for (let slot = 0; slot < src.count; slot++) if (src.alive[slot]) tokens += src.lens[slot]!;
    return new FlatUnits(src.live, tokens, stemOf);
  }

  /**
   * Adds the live slots [from, to) of a block: one tight pass over the typed arrays (through `add`, a view and a
   * call per unit, it took 5–10 times as long).
   */
  copySlots(src: SlotSource, from: number, to: number): void {
    const { ids, off, rows } = this;
    const { ids: source, off: sourceOff, lens, alive } = src;
    let unit = this.units;
    let at = off[unit]!;
    for (let slot = from; slot < to; slot++) {
      if (!alive[slot]) continue;
      const start = sourceOff[slot]!;
      const len = lens[slot]!;
      for (let j = 0; j < len; j++) ids[at + j] = source[start + j]!;
      at += len;
      rows[unit] = src.rows[slot]!;
      off[++unit] = at;
    }
    this.units = unit;
  }

  /** The vocabulary's stem table grows while units are added: the caller passes the current one. */
  stemTable(stemOf: Int32Array): void {
    this.stemOf = stemOf;
  }

  get count(): number {
    return this.units;
  }

  /** Adds the unit in table row `row`, its token ids `ids`. */
  add(row: number, ids: ArrayLike<number>): void {
    const i = this.units;
    if (i + 1 >= this.off.length) {
      const grown = new Uint32Array(this.off.length * 2);
      grown.set(this.off);
      this.off = grown;
    }
    if (i >= this.rows.length) {
      const grown = new Int32Array(Math.max(2 * this.rows.length, i + 1));
      grown.set(this.rows);
      this.rows = grown;
    }
    const at = this.off[i]!;
    if (at + ids.length > this.ids.length) {
      const grown = new Int32Array(Math.max(this.ids.length * 2, at + ids.length));
      grown.set(this.ids);
      this.ids = grown;
    }
    const target = this.ids;
    for (let j = 0; j < ids.length; j++) target[at + j] = ids[j]!;
    this.off[i + 1] = at + ids.length;
    this.rows[i] = row;
    this.units = i + 1;
  }
}
