import { bareUnit, edit, generate, rng, syntheticLexicon } from '../../bench/generate';
import { COMPACT_MIN, TmIndex } from '../../src/match';

// Sizes keep every test well under a second on a busy 2-core machine: the exhaustive scan, the reference each
// result is checked against, costs a few ms per query at this size.
const UNITS = 2000;
const data = generate(UNITS, 120, 11);
const queries = data.queries.map((q) => q.text);

const unit = bareUnit;

const loaded = (units = data.tm.map((ar, i) => unit(`u${i}`, ar))): TmIndex => {
  const index = new TmIndex();
  index.load(units);
  return index;
};

const found = (index: TmIndex, q: string, min: number, limit: number) =>
  index.search(q, 'ar', { min, limit }).map((h) => [h.unitId, h.score]);

function compare(index: TmIndex, texts: string[], min: number, limit: number): void {
  for (const q of texts) {
    const ref = index.search(q, 'ar', { min, limit, exhaustive: true });
    expect(found(index, q, min, limit)).toEqual(ref.map((h) => [h.unitId, h.score]));
  }
}

const chunks = (size: number) =>
  Array.from({ length: Math.ceil(queries.length / size) }, (_, k) => [k * size, (k + 1) * size] as const);

describe('the candidate index', () => {
  let index: TmIndex;
  beforeAll(() => {
    index = loaded();
    index.prepare('ar');
  });

  it.each(chunks(30))(
    `returns exactly what the exhaustive scan returns (${UNITS} units in near-duplicate clusters, queries %i–%i)`,
    (from, to) => compare(index, queries.slice(from, to), 70, 5),
  );

  it.each([
    [95, 1],
    [85, 10],
    [50, 20],
    [30, 5],
    [0, 3],
  ])('stays exact at min %i, limit %i (the low minimums fall back to scanning)', (min, limit) => {
    compare(index, queries.slice(0, 30), min, limit);
  });

  it('stays exact when units without the requested targets are left out', () => {
    const withEnglish = loaded(data.tm.map((ar, i) => ({ ...unit(`u${i}`, ar), en: i % 3 === 0 ? '' : `en ${i}` })));
    for (const q of queries.slice(0, 30)) {
      const fast = withEnglish.search(q, 'ar', { min: 70, limit: 5, withTargets: ['en'] });
      const ref = withEnglish.search(q, 'ar', { min: 70, limit: 5, withTargets: ['en'], exhaustive: true });
      expect(fast.map((h) => [h.unitId, h.score])).toEqual(ref.map((h) => [h.unitId, h.score]));
      for (const h of fast) expect(Number(h.unitId.slice(1)) % 3).not.toBe(0);
    }
  });

  // The index `prepare` builds is checked against the exhaustive scan above; these must find what it finds.
  it.each([
    ['on a second thread (prepareAsync from 0 token positions: always the worker)', 0],
    ['by prepareAsync below its worker threshold (no worker)', undefined],
  ])('is built the same %s', async (_, workerMin) => {
    const other = loaded();
    await other.prepareAsync('ar', workerMin);
    const sample = queries.slice(0, 60);
    const expected = sample.map((q) => found(index, q, 70, 5));
    expect(expected.filter((hits) => hits.length > 0).length).toBeGreaterThan(30);
    expect(sample.map((q) => found(other, q, 70, 5))).toEqual(expected);
  });

  it('stays exact through writes: appended units, edits, deletions and the compaction they trigger', () => {
    const half = UNITS / 2;
    const writable = loaded(data.tm.slice(0, half).map((ar, i) => unit(`u${i}`, ar)));
    writable.prepare('ar');
    const random = rng(5);
    const lexicon = syntheticLexicon([], 2000, random);
    // More upserts than COMPACT_MIN, so at least one rebuild happens in between.
    for (let k = 0; k < COMPACT_MIN + 500; k++) {
      const r = random();
      const id = `u${Math.floor(random() * UNITS * 0.8)}`;
      if (r < 0.5) writable.upsert(unit(id, data.tm[half + (k % half)]!));
      else if (r < 0.8) writable.upsert(unit(id, edit(data.tm[Math.floor(random() * half)]!, 2, lexicon, random)));
      else writable.remove(id);
      if (k % 500 === 0) compare(writable, queries.slice(0, 5), 70, 5);
    }
    compare(writable, queries.slice(0, 25), 70, 5);
  });

  it('compacts off the request path when given a pace: exact before, during and after, writes meanwhile kept', async () => {
    const half = UNITS / 2;
    const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
    const background = new TmIndex({ pace: turn });
    background.load(data.tm.slice(0, half).map((ar, i) => unit(`u${i}`, ar)));
    await background.prepareAsync('ar');
    const random = rng(7);
    const lexicon = syntheticLexicon([], 2000, random);
    const write = (k: number) => {
      const id = `u${Math.floor(random() * UNITS * 0.8)}`;
      const r = random();
      if (r < 0.5) background.upsert(unit(id, data.tm[half + (k % half)]!));
      else if (r < 0.8) background.upsert(unit(id, edit(data.tm[Math.floor(random() * half)]!, 2, lexicon, random)));
      else background.remove(id);
    };
    // Past the threshold (COMPACT_MIN appended), not past the overdue mark: the next query starts the rebuild aside.
    for (let k = 0; k < COMPACT_MIN * 1.5; k++) write(k);
    expect(background.compacting('ar')).toBe(false);
    compare(background, queries.slice(0, 3), 70, 5);
    expect(background.compacting('ar')).toBe(true);
    // Queries keep being answered from the old block, and writes keep coming, while the rebuild goes on.
    let rounds = 0;
    for (let k = 0; background.compacting('ar'); k++, rounds++) {
      write(k);
      if (k % 10 === 0) compare(background, queries.slice(k % 50, (k % 50) + 2), 70, 5);
      await turn();
    }
    expect(rounds).toBeGreaterThan(0);
    expect(background.blockSlots('ar')!.appended).toBeLessThan(COMPACT_MIN); // the new block took over
    compare(background, queries.slice(0, 40), 70, 5);
    // A unit written during the rebuild is found in the new block, with its latest text.
    background.upsert(unit('fresh', data.tm[half + 3]!));
    expect(found(background, data.tm[half + 3]!, 100, 50)).toContainEqual(['fresh', 100]);
  });

  it('builds a block not yet searched off the request path (ready): writes made meanwhile are in it', async () => {
    const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
    const fresh = new TmIndex({ pace: turn });
    fresh.load(data.tm.map((ar, i) => unit(`u${i}`, ar)));
    const ready = fresh.ready('ar');
    expect(fresh.compacting('ar')).toBe(true);
    expect(fresh.blockSlots('ar')).toBeUndefined();
    let writes = 0;
    for (; writes < 20 && fresh.compacting('ar'); writes++) {
      fresh.upsert(unit(`late${writes}`, data.tm[writes]!)); // a copy of a loaded unit, under a new id
      fresh.remove(`u${UNITS - 1 - writes}`);
      await turn();
    }
    await ready;
    expect(fresh.compacting('ar')).toBe(false);
    expect(writes).toBeGreaterThan(0);
    // The loaded units in the built part, the ones written meanwhile replayed after it; the removed ones dead.
    expect(fresh.blockSlots('ar')).toMatchObject({ live: UNITS, appended: writes });
    compare(fresh, queries.slice(0, 40), 70, 5);
    expect(found(fresh, data.tm[0]!, 100, 50)).toEqual(
      expect.arrayContaining([
        ['u0', 100],
        ['late0', 100],
      ]),
    );
    expect(found(fresh, data.tm[UNITS - 1]!, 100, 50)).not.toContainEqual([`u${UNITS - 1}`, 100]);
  });

  it('stays exact when a query has hundreds of candidates and the second key family filters them too', () => {
    // 800 variants of one sentence, 1–3 words edited each: most share enough words with it to be candidates.
    const random = rng(9);
    const lexicon = syntheticLexicon([], 300, random);
    const base = data.tm[0]!;
    const variants = Array.from({ length: 800 }, (_, i) => unit(`v${i}`, edit(base, 1 + (i % 3), lexicon, random)));
    const crowded = loaded(variants);
    compare(crowded, [base, ...variants.slice(0, 4).map((v) => v.ar)], 70, 5);
    compare(crowded, [base], 50, 10);
  });

  it('finds a unit differing only in numbers even when numbers are most of the query', () => {
    const withNumbers = loaded([
      unit('d', '/مصدر: شينخوا/ 2023:04:27.10:18'),
      ...data.tm.slice(0, 500).map((ar, i) => unit(`u${i}`, ar)),
    ]);
    const [hit] = withNumbers.search('/مصدر: شينخوا/ 2024:05:28.11:19', 'ar', { min: 70, limit: 1 });
    // Tokens 2024 · 05 · 28.11 · 19: four numbers differ, 100 − 2·4.
    expect(hit).toMatchObject({ unitId: 'd', adapted: true, score: 92 });
  });
});
