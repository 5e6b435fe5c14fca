import { edit, generate, rng, syntheticLexicon } from '../../bench/generate';
import { COMPACT_MIN, TmIndex } from '../../src/match';
import type { Unit } from '../../src/types';

// Sizes keep every test well under a second on a busy 2-core machine: the exhaustive scan, the reference each
// result is checked against, costs a few ms per query at this size.
const UNITS = 2000;
const data = generate(UNITS, 120, 11);
const queries = data.queries.map((q) => q.text);

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
