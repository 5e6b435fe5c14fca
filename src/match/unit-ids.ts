/**
 * The unit ids of a UnitTable's rows, and the row of each id. mizan's own ids (`u` + 20 hex digits: service/ids.ts)
 * are kept as their 80 bits in typed arrays (10 bytes a row), found through an open-addressing hash table of rows
 * (linear probing, deletion by backward shift), so that a million units hold no id string and no Map entry: the
 * garbage collector has nothing of them to walk. Any other id (tests, older data) is kept as its string in a Map.
 * An id's string is made again when asked for (`idOf`). DESIGN.md, "The unit table".
 */

/** `u` + 20 lowercase hex digits: the form packed. */
const PACKED = /^u[0-9a-f]{20}$/;

/** The value of hex digit character `c` (PACKED has checked it is one). */
const digit = (c: number) => (c <= 57 ? c - 48 : c - 87);

function word(id: string, from: number, to: number): number {
  let w = 0;
  for (let i = from; i < to; i++) w = w * 16 + digit(id.charCodeAt(i));
  return w;
}

const hex = (w: number, width: number) => w.toString(16).padStart(width, '0');

export class UnitIds {
  /** Per row: the id's bits 0–31, 32–63 and 64–79 (for a packed id). */
  private hi = new Uint32Array(1024);
  private mid = new Uint32Array(1024);
  private lo = new Uint16Array(1024);
  /** Rows + 1 of packed ids by hash (0: empty); never more than half full. */
  private slots = new Int32Array(2048);
  private used = 0;
  /** Ids not in the packed form: by id, and by row. */
  private readonly oddRows = new Map<string, number>();
  private readonly oddIds = new Map<number, string>();

  /** The row of an id, or -1. */
  rowOf(id: string): number {
    if (!PACKED.test(id)) return this.oddRows.get(id) ?? -1;
    const [a, b, c] = [word(id, 1, 9), word(id, 9, 17), word(id, 17, 21)];
    const mask = this.slots.length - 1;
    for (let s = this.hash(a, b, c) & mask; ; s = (s + 1) & mask) {
      const r = this.slots[s]! - 1;
      if (r < 0) return -1;
      if (this.hi[r] === a && this.mid[r] === b && this.lo[r] === c) return r;
    }
  }

  /** The id of a row that holds one. */
  idOf(row: number): string {
    return this.oddIds.get(row) ?? `u${hex(this.hi[row]!, 8)}${hex(this.mid[row]!, 8)}${hex(this.lo[row]!, 4)}`;
  }

  /** Gives `row` the id (which no row has). */
  set(id: string, row: number): void {
    if (!PACKED.test(id)) {
      this.oddRows.set(id, row);
      this.oddIds.set(row, id);
      return;
    }
    if (row >= this.hi.length) this.grow(row);
    const [a, b, c] = [word(id, 1, 9), word(id, 9, 17), word(id, 17, 21)];
    this.hi[row] = a;
    this.mid[row] = b;
    this.lo[row] = c;
    if (2 * (this.used + 1) > this.slots.length) this.rehash(this.slots.length * 2);
    const mask = this.slots.length - 1;
    let s = this.hash(a, b, c) & mask;
    while (this.slots[s] !== 0) s = (s + 1) & mask;
    this.slots[s] = row + 1;
    this.used++;
  }

  /** Takes the id of `row` out (the row holds `id`). */
  delete(id: string, row: number): void {
    if (this.oddIds.get(row) === id) {
      this.oddIds.delete(row);
      this.oddRows.delete(id);
      return;
    }
    const mask = this.slots.length - 1;
    let s = this.hash(this.hi[row]!, this.mid[row]!, this.lo[row]!) & mask;
    while (this.slots[s] !== row + 1) {
      if (this.slots[s] === 0) return;
      s = (s + 1) & mask;
    }
    // Backward shift: each entry after the hole that would not be found past it moves into it.
    for (let hole = s, next = (s + 1) & mask; ; next = (next + 1) & mask) {
      const r = this.slots[next]! - 1;
      if (r < 0) {
        this.slots[hole] = 0;
        break;
      }
      const home = this.hash(this.hi[r]!, this.mid[r]!, this.lo[r]!) & mask;
      // The entry stays if its home lies cyclically in (hole, next].
      if (hole <= next ? hole < home && home <= next : hole < home || home <= next) continue;
      this.slots[hole] = r + 1;
      hole = next;
    }
    this.used--;
  }

  clear(): void {
    this.slots = new Int32Array(2048);
    this.used = 0;
    this.oddRows.clear();
    this.oddIds.clear();
  }

  /** The ids' hash: their bits are a SHA-256's, so mixing two words is plenty. */
  private hash(a: number, b: number, c: number): number {
    return Math.imul(a ^ Math.imul(b ^ c, 0x9e3779b1), 0x85ebca6b) >>> 0;
  }

  private rehash(size: number): void {
    const old = this.slots;
    this.slots = new Int32Array(size);
    const mask = size - 1;
    for (const entry of old) {
      if (entry === 0) continue;
      const r = entry - 1;
      let s = this.hash(this.hi[r]!, this.mid[r]!, this.lo[r]!) & mask;
      while (this.slots[s] !== 0) s = (s + 1) & mask;
      this.slots[s] = entry;
    }
  }

  private grow(row: number): void {
    let size = this.hi.length;
    while (size <= row) size *= 2;
    const grown = <T extends Uint32Array | Uint16Array>(a: T, b: T): T => (b.set(a), b);
    this.hi = grown(this.hi, new Uint32Array(size));
    this.mid = grown(this.mid, new Uint32Array(size));
    this.lo = grown(this.lo, new Uint16Array(size));
  }
}
