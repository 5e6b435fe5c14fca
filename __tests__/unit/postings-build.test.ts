import fc from 'fast-check';
import { bigramKey } from '../../src/match/bigrams';
import { layoutSlots } from '../../src/match/layout';
import { listedSlots, putSlot, slotAt, wideSlots } from '../../src/match/posting-slots';
import { buildPostings, slotKeys, type Postings } from '../../src/match/postings';

/** Units as token-id lists, and a stem table mapping ids to fewer stems (as clitics and plurals share a stem). */
const corpus = fc.record({
  units: fc.array(fc.array(fc.nat(39), { maxLength: 12 }), { minLength: 1, maxLength: 40 }),
  stems: fc.array(fc.nat(19), { minLength: 40, maxLength: 40 }),
});

/** The units flat (ids, offsets) and laid out in slots, as a block's build takes them. */
function flat(units: number[][]) {
  const unitOff = new Uint32Array(units.length + 1);
  units.forEach((u, i) => (unitOff[i + 1] = unitOff[i]! + u.length));
  return { ids: Int32Array.from(units.flat()), ...layoutSlots(unitOff, units.length) };
}

/** Per key, the slots whose unit holds it, each once, ascending: what CSR postings must list. */
function expected(slots: number[][], keySpace: number): number[][] {
  const lists = Array.from({ length: keySpace }, () => [] as number[]);
  slots.forEach((keys, slot) => new Set(keys).forEach((key) => lists[key]!.push(slot)));
  return lists;
}

/** The slots listed under a key, unpacked. */
const slotsOf = (p: Postings, key: number): number[] =>
  Array.from({ length: p.off[key + 1]! - p.off[key]! }, (_, k) => slotAt(p.post, p.off[key]! + k));

function listed(p: Postings, keySpace: number): number[][] {
  return Array.from({ length: keySpace }, (_, key) => slotsOf(p, key));
}

describe('postings built from keys computed a slot at a time', () => {
  it('list each slot once under each stem of its unit, in slot order', () => {
    fc.assert(
      fc.property(corpus, ({ units, stems }) => {
        const stemOf = Int32Array.from(stems);
        const { ids, order, off, lens } = flat(units);
        const p = buildPostings(20, off, lens, units.length, { ids, stemOf, bits: 0 });
        const bySlot = Array.from(order, (i) => units[i]!.map((id) => stems[id]!));
        expect(listed(p, 20)).toEqual(expected(bySlot, 20));
      }),
    );
  });

  it('list each slot once under the bucket of each adjacent stem pair, as an appended unit is keyed', () => {
    const bits = 16;
    fc.assert(
      fc.property(corpus, ({ units, stems }) => {
        const stemOf = Int32Array.from(stems);
        const { ids, order, off, lens } = flat(units);
        const p = buildPostings(1 << bits, off, lens, units.length, { ids, stemOf, bits });
        const bySlot = Array.from(order, (i) =>
          units[i]!.slice(1).map((id, j) => bigramKey(stems[units[i]![j]!]!, stems[id]!, bits)),
        );
        const want = new Map<number, number[]>();
        bySlot.forEach((keys, slot) => new Set(keys).forEach((key) => want.set(key, [...(want.get(key) ?? []), slot])));
        for (const [key, slots] of want) expect(slotsOf(p, key)).toEqual(slots);
        expect(p.off[1 << bits]).toBe([...want.values()].reduce((n, slots) => n + slots.length, 0));
      }),
    );
  });

  it("are the same bucketed directly or radix-sorted (past 2^22 keys), with the slots' top byte or without", () => {
    fc.assert(
      fc.property(corpus, ({ units, stems }) => {
        const stemOf = Int32Array.from(stems);
        const { ids, off, lens } = flat(units);
        const direct = buildPostings(20, off, lens, units.length, { ids, stemOf, bits: 0 });
        const sorted = buildPostings((1 << 22) + 1, off, lens, units.length, { ids, stemOf, bits: 0 });
        expect(listed(sorted, 20)).toEqual(listed(direct, 20));
        expect(Array.from(sorted.off.subarray(0, 21))).toEqual(Array.from(direct.off));
        const wide = buildPostings(20, off, lens, units.length, { ids, stemOf, bits: 0 }, true);
        expect(listed(wide, 20)).toEqual(listed(direct, 20));
      }),
      { numRuns: 5 },
    );
  });

  it('give a slot of one token no stem pair, and a slot of none no key at all', () => {
    const source = { ids: Int32Array.from([7, 3, 4]), stemOf: Int32Array.from([0, 0, 0, 1, 2, 0, 0, 5]), bits: 16 };
    const out = new Int32Array(8);
    expect(slotKeys(source, 0, 1, out)).toBe(0);
    expect(slotKeys(source, 1, 1, out)).toBe(0);
    expect(slotKeys({ ...source, bits: 0 }, 0, 3, out)).toBe(3);
    expect(Array.from(out.subarray(0, 3))).toEqual([5, 1, 2]);
    expect(slotKeys(source, 0, 3, out)).toBe(2);
    expect(Array.from(out.subarray(0, 2))).toEqual([bigramKey(5, 1, 16), bigramKey(1, 2, 16)]);
  });

  it("keep a slot's top byte only from 2^24 slots, every slot read back as written", () => {
    expect([wideSlots(1), wideSlots((1 << 24) - 1), wideSlots(1 << 24)]).toEqual([false, false, true]);
    const far = listedSlots(2, true);
    putSlot(far, 1, 2 ** 30 + 5);
    expect(slotAt(far, 1)).toBe(2 ** 30 + 5);
    const slots = [0, 1, 255, 256, 65_535, 65_536, (1 << 24) - 1];
    const stemOf = Int32Array.from(slots.map((_, i) => i));
    const ids = Int32Array.from(slots.map((_, i) => i));
    const off = new Uint32Array((1 << 24) + 1);
    const lens = new Uint16Array(off.length);
    slots.forEach((slot, i) => ((off[slot] = i), (lens[slot] = 1)));
    for (const wide of [false, true]) {
      const p = buildPostings(slots.length, off, lens, off.length, { ids, stemOf, bits: 0 }, wide);
      expect(p.post.top === undefined).toBe(!wide);
      expect(slots.map((_, key) => slotsOf(p, key))).toEqual(slots.map((slot) => [slot]));
    }
  });
});
