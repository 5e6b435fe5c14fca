/**
 * The merger's index (tu-merge.ts): 80-bit keys (strings of 10 one-byte characters, as hashes give them) to slots
 * 0, 1, 2… in the order they are first seen. A Map of a million such strings costs about a microsecond a lookup and
 * keeps a million small strings alive for the garbage collector to trace, which showed in profiles of large TMX
 * imports. Here the keys are packed into typed arrays (open addressing, linear probing, never more than half full):
 * 16 bytes a bucket and nothing for the collector.
 */

/** Characters in a key. */
export const KEY_CHARS = 10;
const INITIAL_BITS = 11;

export class KeyIndex {
  /** Keys so far (the next key's slot). */
  size = 0;
  /** 32 − log2(buckets): Fibonacci hashing takes the top bits of a product. */
  private shift = 32 - INITIAL_BITS;
  /** Per bucket, four words side by side (one cache line): the key's 80 bits in three, then its slot + 1 (0: empty). */
  private table = new Int32Array(4 << INITIAL_BITS);

  /** The key's slot; a key not seen before gets the next one (and `size` grows by one). */
  slotOf(key: string): number {
    if (key.length !== KEY_CHARS) throw new RangeError(`a merge key is ${KEY_CHARS} characters`);
    const a = word(key, 0);
    const b = word(key, 4);
    const c8 = key.charCodeAt(8);
    const c9 = key.charCodeAt(9);
    if ((c8 | c9) > 0xff) throw new RangeError('a merge key is one byte a character');
    const c = c8 | (c9 << 8);
    const table = this.table;
    const mask = table.length / 4 - 1;
    let at = bucket(a, b, c, this.shift);
    for (; table[4 * at + 3] !== 0; at = (at + 1) & mask) {
      if (table[4 * at] === a && table[4 * at + 1] === b && table[4 * at + 2] === c) return table[4 * at + 3]! - 1;
    }
    const slot = this.size++;
    table[4 * at] = a;
    table[4 * at + 1] = b;
    table[4 * at + 2] = c;
    table[4 * at + 3] = slot + 1;
    if (8 * this.size > table.length) this.grow();
    return slot;
  }

  private grow(): void {
    const old = this.table;
    this.shift--;
    const table = (this.table = new Int32Array(2 * old.length));
    const mask = table.length / 4 - 1;
    for (let from = 0; from < old.length; from += 4) {
      if (old[from + 3] === 0) continue;
      let at = bucket(old[from]!, old[from + 1]!, old[from + 2]!, this.shift);
      while (table[4 * at + 3] !== 0) at = (at + 1) & mask;
      for (let w = 0; w < 4; w++) table[4 * at + w] = old[from + w]!;
    }
  }
}

/** Four characters of the key as one word; throws when one is not a byte. */
function word(key: string, at: number): number {
  const c0 = key.charCodeAt(at);
  const c1 = key.charCodeAt(at + 1);
  const c2 = key.charCodeAt(at + 2);
  const c3 = key.charCodeAt(at + 3);
  if ((c0 | c1 | c2 | c3) > 0xff) throw new RangeError('a merge key is one byte a character');
  return c0 | (c1 << 8) | (c2 << 16) | (c3 << 24);
}

const bucket = (a: number, b: number, c: number, shift: number) =>
  Math.imul(a ^ Math.imul(b, 0x85ebca6b) ^ c, 0x9e3779b1) >>> shift;
