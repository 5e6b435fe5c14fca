import { createHash } from 'node:crypto';
import { KeyIndex } from '../../src/formats/key-index';

const key = (i: number) => createHash('sha256').update(String(i)).digest().toString('latin1', 0, 10);

describe('KeyIndex', () => {
  it('gives keys slots in the order they are first seen, the same slot each time, across growth', () => {
    const index = new KeyIndex();
    const slots = new Map<string, number>();
    for (let i = 0; i < 20_000; i++) {
      // Every third key comes back: known keys keep their slot, new ones take the next.
      const k = i % 3 === 2 ? key(Math.floor(i / 7)) : key(i);
      const expected = slots.get(k) ?? slots.size;
      slots.set(k, expected);
      expect(index.slotOf(k)).toBe(expected);
    }
    expect(index.size).toBe(slots.size);
    for (const [k, slot] of slots) expect(index.slotOf(k)).toBe(slot);
    expect(index.size).toBe(slots.size);
  });

  it('tells keys apart by every one of their 80 bits', () => {
    const index = new KeyIndex();
    const base = key(1);
    expect(index.slotOf(base)).toBe(0);
    for (let at = 0; at < 10; at++) {
      for (let bit = 0; bit < 8; bit++) {
        const flipped = base.slice(0, at) + String.fromCharCode(base.charCodeAt(at) ^ (1 << bit)) + base.slice(at + 1);
        expect(index.slotOf(flipped)).toBe(1 + at * 8 + bit);
      }
    }
    expect(index.slotOf(base)).toBe(0);
  });

  it('refuses keys that are not 10 one-byte characters', () => {
    const index = new KeyIndex();
    expect(() => index.slotOf('short')).toThrow(RangeError);
    expect(() => index.slotOf('\u0100' + 'x'.repeat(9))).toThrow(RangeError);
    expect(() => index.slotOf('x'.repeat(9) + '\u0100')).toThrow(RangeError);
    expect(index.size).toBe(0);
  });
});
