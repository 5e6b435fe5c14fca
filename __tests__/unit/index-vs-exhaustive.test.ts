import { edit, generate, rng, syntheticLexicon } from '../../bench/generate';
import { COMPACT_MIN, TmIndex } from '../../src/match';
import type { Unit } from '../../src/types';

const unit = (unitId: string, ar: string): Unit => ({
  unitId,
  tm: 't',
  documentId: '',
  position: 0,
  paragraph: 0,
  ar,
  en: '',
  zh: '',
});

function compare(index: TmIndex, queries: string[], min: number, limit: number): void {
  for (const q of queries) {
    const fast = index.search(q, 'ar', { min, limit });
    const ref = index.search(q, 'ar', { min, limit, exhaustive: true });
    expect(fast.map((h) => [h.unitId, h.score])).toEqual(ref.map((h) => [h.unitId, h.score]));
  }
}

describe('the candidate index', () => {
  const data = generate(5000, 150, 11);

  it('returns exactly what the exhaustive scan returns (5,000 units in near-duplicate clusters, 150 queries)', () => {
    const index = new TmIndex();
    index.load(data.tm.map((ar, i) => unit(`u${i}`, ar)));
    compare(
      index,
      data.queries.map((q) => q.text),
      70,
      5,
    );
  });

  it('is built the same way on a second thread: prepareAsync with and without the worker equals the exhaustive scan', async () => {
    const queries = data.queries.map((q) => q.text);
    for (const workerMin of [undefined, 0]) {
      const index = new TmIndex();
      index.load(data.tm.map((ar, i) => unit(`u${i}`, ar)));
      await index.prepareAsync('ar', workerMin);
      const found = queries.map((q) => index.search(q, 'ar', { min: 70, limit: 5 }));
      expect(found.filter((hits) => hits.length > 0).length).toBeGreaterThan(90);
      compare(index, queries, 70, 5);
    }
  });

  it('stays exact when units without the requested targets are left out', () => {
    const index = new TmIndex();
    index.load(data.tm.map((ar, i) => ({ ...unit(`u${i}`, ar), en: i % 3 === 0 ? '' : `en ${i}` })));
    for (const q of data.queries.slice(0, 80).map((x) => x.text)) {
      const fast = index.search(q, 'ar', { min: 70, limit: 5, withTargets: ['en'] });
      const ref = index.search(q, 'ar', { min: 70, limit: 5, withTargets: ['en'], exhaustive: true });
      expect(fast.map((h) => [h.unitId, h.score])).toEqual(ref.map((h) => [h.unitId, h.score]));
      for (const h of fast) expect(Number(h.unitId.slice(1)) % 3).not.toBe(0);
    }
  });

  it('stays exact at other minimums and limits, including the low ones that fall back to scanning', () => {
    const index = new TmIndex();
    index.load(data.tm.map((ar, i) => unit(`u${i}`, ar)));
    const queries = data.queries.slice(0, 60).map((q) => q.text);
    for (const [min, limit] of [
      [95, 1],
      [85, 10],
      [50, 20],
      [30, 5],
      [0, 3],
    ] as const)
      compare(index, queries, min, limit);
  });

  it('stays exact through writes: appended units, edits, deletions and the compaction they trigger', () => {
    const index = new TmIndex();
    index.load(data.tm.slice(0, 2500).map((ar, i) => unit(`u${i}`, ar)));
    index.prepare('ar');
    const random = rng(5);
    const lexicon = syntheticLexicon([], 2000, random);
    // More writes than COMPACT_MIN, so at least one rebuild happens in between.
    for (let k = 0; k < COMPACT_MIN + 500; k++) {
      const r = random();
      const id = `u${Math.floor(random() * 4000)}`;
      if (r < 0.5) index.upsert(unit(id, data.tm[2500 + (k % 2500)]!));
      else if (r < 0.8) index.upsert(unit(id, edit(data.tm[Math.floor(random() * 2500)]!, 2, lexicon, random)));
      else index.remove(id);
      if (k % 300 === 0)
        compare(
          index,
          data.queries.slice(0, 10).map((q) => q.text),
          70,
          5,
        );
    }
    compare(
      index,
      data.queries.map((q) => q.text),
      70,
      5,
    );
  });

  it('finds a unit differing only in numbers even when numbers are most of the query', () => {
    const index = new TmIndex();
    index.load([
      unit('d', '/مصدر: شينخوا/ 2023:04:27.10:18'),
      ...data.tm.slice(0, 500).map((ar, i) => unit(`u${i}`, ar)),
    ]);
    const [hit] = index.search('/مصدر: شينخوا/ 2024:05:28.11:19', 'ar', { min: 70, limit: 1 });
    // Tokens 2024 · 05 · 28.11 · 19: four numbers differ, 100 − 2·4.
    expect(hit).toMatchObject({ unitId: 'd', adapted: true, score: 92 });
  });
});
