import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { bareUnit, generate } from '../../bench/generate';
import { TmIndex } from '../../src/match';
import { UnitIds } from '../../src/match/unit-ids';

/** An id of mizan's own form (`u` + 20 hex digits), as service/ids.ts derives them. */
const realId = (n: number) => 'u' + createHash('sha256').update(String(n)).digest('hex').slice(0, 20);

describe('the unit ids of a unit table', () => {
  it('finds every row by its id and gives each row its id back, through any order of puts and deletes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 400 })), { minLength: 1, maxLength: 3000 }),
        (steps) => {
          const ids = new UnitIds();
          const model = new Map<string, number>();
          const free: number[] = [];
          let rows = 0;
          for (const [put, n] of steps) {
            // Every 7th id is not of mizan's form: it is kept as a string, beside the packed ones.
            const id = n % 7 === 0 ? `odd-${n}` : realId(n);
            if (put && !model.has(id)) {
              const row = free.pop() ?? rows++;
              ids.set(id, row);
              model.set(id, row);
            } else if (!put && model.has(id)) {
              ids.delete(id, model.get(id)!);
              free.push(model.get(id)!);
              model.delete(id);
            }
          }
          for (const [id, row] of model) {
            expect(ids.rowOf(id)).toBe(row);
            expect(ids.idOf(row)).toBe(id);
          }
          for (let n = 0; n <= 400; n++) {
            for (const id of [realId(n), `odd-${n}`]) if (!model.has(id)) expect(ids.rowOf(id)).toBe(-1);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('keeps ids that differ only in their last digits apart, and refuses near misses of the form', () => {
    const ids = new UnitIds();
    const base = 'u0123456789abcdef0123';
    const near = ['u0123456789abcdef0124', 'u1123456789abcdef0123', 'u0123456799abcdef0123'];
    ids.set(base, 0);
    near.forEach((id, i) => ids.set(id, i + 1));
    expect([base, ...near].map((id) => ids.rowOf(id))).toEqual([0, 1, 2, 3]);
    expect(ids.idOf(2)).toBe('u1123456789abcdef0123');
    for (const miss of [
      'U0123456789abcdef0123',
      'u0123456789ABCDEF0123',
      'u0123456789abcdef012',
      'u0123456789abcdef01234',
    ]) {
      expect(ids.rowOf(miss)).toBe(-1);
    }
  });
});

describe('a TM index whose units have ids of mizan’s form', () => {
  const data = generate(1200, 30, 9);
  const units = data.tm.map((ar, i) => ({ ...bareUnit(realId(i), ar), en: `sentence ${i} in english` }));
  const search = (index: TmIndex, q: string, exhaustive = false) =>
    index.search(q, 'ar', { min: 50, limit: 8, exhaustive }).map((h) => [h.unitId, h.score]);

  it('answers with those ids, as the exhaustive scan does, through writes, deletes and a compaction', () => {
    const index = new TmIndex();
    index.load(units);
    for (const { text } of data.queries.slice(0, 10)) expect(search(index, text)).toEqual(search(index, text, true));
    const hit = index.search(units[5]!.ar, 'ar', { min: 100, limit: 1 })[0]!;
    expect(hit.unitId).toBe(realId(5));
    // Enough writes and deletes to pass the compaction threshold; rows freed are given to new units.
    for (let i = 0; i < 1100; i++) index.remove(realId(i));
    for (let i = 0; i < 1100; i++) index.upsert({ ...units[i]!, unitId: realId(10_000 + i), en: `new ${i}` });
    expect(index.size).toBe(1200);
    expect(index.get(realId(3))).toBeUndefined();
    expect(index.get(realId(10_003))?.en).toBe('new 3');
    const again = index.search(units[5]!.ar, 'ar', { min: 100, limit: 1 })[0]!;
    expect(again.unitId).toBe(realId(10_005));
    for (const { text } of data.queries.slice(0, 10)) expect(search(index, text)).toEqual(search(index, text, true));
    const phrase = units[7]!.ar.split(' ').slice(0, 2).join(' ');
    const found = index.concordance(phrase, 'ar', 0, 50);
    expect(found.unitIds).toContain(realId(10_007));
    for (const id of found.unitIds) expect(index.get(id)?.ar).toContain(phrase.split(' ')[1]);
  });
});
