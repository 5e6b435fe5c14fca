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
  /** Per bucket, the key's 80 bits as three words (the third holds 16). */
  private words = new Int32Array(3 << INITIAL_BITS);
  /** Per bucket, its slot + 1 (0: empty). */
  private slots = new Int32Array(1 << INITIAL_BITS);

  /** The key's slot; a key not seen before gets the next one (and `size` grows by one). */
  slotOf(key: string): number {
    if (key.length !== KEY_CHARS) throw new RangeError(`a merge key is ${KEY_CHARS} characters`);
    const a = word(key, 0);
    const b = word(key, 4);
    const c8 = key.charCodeAt(8);
    const c9 = key.charCodeAt(9);
    if ((c8 | c9) > 0xff) throw new RangeError('a merge key is one byte a character');
    const c = c8 | (c9 << 8);
    const { words, slots } = this;
    const mask = slots.length - 1;
    let at = bucket(a, b, c, this.shift);
    for (; slots[at] !== 0; at = (at + 1) & mask) {
      if (words[3 * at] === a && words[3 * at + 1] === b && words[3 * at + 2] === c) return slots[at]! - 1;
    }
    const slot = this.size++;
    words[3 * at] = a;
    words[3 * at + 1] = b;
    words[3 * at + 2] = c;
    slots[at] = slot + 1;
    if (2 * this.size > slots.length) this.grow();
    return slot;
  }

  private grow(): void {
    const { words, slots } = this;
    this.shift--;
    this.words = new Int32Array(2 * words.length);
    this.slots = new Int32Array(2 * slots.length);
    const mask = this.slots.length - 1;
    for (let from = 0; from < slots.length; from++) {
      if (slots[from] === 0) continue;
      const a = words[3 * from]!;
      const b = words[3 * from + 1]!;
      const c = words[3 * from + 2]!;
      let at = bucket(a, b, c, this.shift);
      while (this.slots[at] !== 0) at = (at + 1) & mask;
      this.words[3 * at] = a;
      this.words[3 * at + 1] = b;
      this.words[3 * at + 2] = c;
      this.slots[at] = slots[from]!;
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
