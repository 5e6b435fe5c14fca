/**
 * Large documents: 50,000 short rows are written in staged chunks, committed by one O(1) script and applied in
 * chunks while readers wait, without a stack overflow, and readers see the whole document or none of it. Runs on a
 * Redis Cluster as well (every staged key carries the TM's hash tag).
 */
import request from 'supertest';
import { withUnitIds } from '../../src/service';
import { LARGE_DOCUMENT_ROWS } from '../../src/store/document-writer';
import type { AlignedDocument } from '../../src/types';
import { ErrorCode } from '../../src/errors';
import { createTestContext, keysUnder, type TestContext } from '../helpers/context';

let ctx: TestContext;
const TM = 'large';
const ROWS = 50_000;

beforeAll(async () => {
  // Each Redis call of a large write is short, but this file's readers and writer share one connection and queue
  // behind each other's calls: on a loaded machine that outlasts the tests' usual 1 s deadline.
  ctx = await createTestContext({ seed: false, config: { redisTimeoutMs: 30_000 } });
});
afterAll(() => ctx.close());

/** A document of `n` one-sentence rows; `edit` changes the English of some rows. */
function document(n: number, edit: (i: number) => string = (i) => `Sentence ${i}.`): AlignedDocument {
  return {
    meta: { id: 'dlarge', titles: { ar: 'وثيقة طويلة', en: '', zh: '' }, source: 'test', date: '2026-12-04', order: 9 },
    segments: Array.from({ length: n }, (_, i) => ({
      position: i,
      paragraph: i,
      ar: `الجملة رقم ${i} في وثيقة طويلة.`,
      en: edit(i),
      zh: '',
    })),
  };
}

jest.setTimeout(120_000);

const staged = async () => (await keysUnder(ctx.redis, ctx.keys)).filter((k) => k.includes(':stage:'));

describe('a document of 50,000 rows', () => {
  it('is written in staged chunks, read back whole, matched, and leaves no staged key behind', async () => {
    expect(ROWS).toBeGreaterThan(LARGE_DOCUMENT_ROWS);
    const result = await ctx.store.putDocument(TM, withUnitIds(TM, document(ROWS)));
    expect(result).toMatchObject({ documentId: 'dlarge', changed: ROWS, units: ROWS });
    const stored = await ctx.store.getDocument(TM, 'dlarge');
    expect(stored?.rows).toHaveLength(ROWS);
    expect(stored?.rows[31_415]).toMatchObject({ position: 31_415, en: 'Sentence 31415.' });
    expect(await ctx.redis.scard(ctx.keys.units(TM))).toBe(ROWS);
    expect(await ctx.redis.ttl(ctx.keys.unit(TM, stored!.rows[0]!.unitId))).toBe(-1); // no staging expiry left
    const [hit] = await ctx.tm.match({
      q: 'الجملة رقم 31415 في وثيقة طويلة.',
      src: 'ar',
      tgt: ['en'],
      min: 100,
      limit: 1,
      tms: [TM],
    });
    expect(hit).toMatchObject({ score: 100, targets: { en: 'Sentence 31415.' }, position: 31_415 });
    expect(await staged()).toEqual([]);
  });

  it('is answered through the API whole, in JSON written a slice at a time', async () => {
    const res = await request(ctx.app).get('/api/v1/documents/dlarge').query({ tm: TM }).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers.etag).toMatch(/^"rev-1\.json\.s\d+"$/);
    expect(res.body.segments).toHaveLength(ROWS);
    expect(res.body.segmentCount).toBe(ROWS);
    expect(res.body.segments[31_415]).toMatchObject({ position: 31_415, en: 'Sentence 31415.', confidence: 1 });
    expect(res.body.languages).toEqual(['ar', 'en']);
  });

  it('writes nothing again for the same rows, and only the changed rows for an edited version', async () => {
    expect((await ctx.store.putDocument(TM, withUnitIds(TM, document(ROWS)))).changed).toBe(0);
    const edited = document(ROWS, (i) => (i % 1000 === 7 ? `Sentence ${i}, revised.` : `Sentence ${i}.`));
    expect((await ctx.store.putDocument(TM, withUnitIds(TM, edited))).changed).toBe(ROWS / 1000);
    const stored = await ctx.store.getDocument(TM, 'dlarge');
    expect(stored?.rows[1007]?.en).toBe('Sentence 1007, revised.');
    expect(stored?.summary.rev).toBe(2);
    expect(await staged()).toEqual([]);
  });

  it('shows readers the whole document or none of it while it is written', async () => {
    const rows = document(20_000).segments.map((row) => ({ ...row, ar: row.ar.replace('طويلة', 'كاملة') }));
    const doc = withUnitIds(TM, { segments: rows, meta: { ...document(1).meta, id: 'dwhole' } });
    const last = doc.segments[19_999]!;
    const query = { q: last.ar, src: 'ar' as const, tgt: ['en' as const], min: 100, limit: 1, tms: [TM] };
    const seen = new Set<number>();
    let done = false;
    let reads = 0;
    const writing = ctx.store.putDocument(TM, doc).finally(() => (done = true));
    while (!done || reads === 0) {
      reads++;
      // Once the matcher finds the document's last row, the document is there whole (its log entry comes last).
      const found = (await ctx.tm.match(query)).some((m) => m.documentId === 'dwhole');
      const whole = await ctx.store.getDocument(TM, 'dwhole');
      seen.add(whole?.rows.length ?? 0);
      if (found) expect(whole?.rows).toHaveLength(20_000);
    }
    await writing;
    seen.add((await ctx.store.getDocument(TM, 'dwhole'))?.rows.length ?? 0);
    expect([...seen].every((n) => n === 0 || n === 20_000)).toBe(true);
    expect(seen.has(20_000)).toBe(true);
    expect((await ctx.tm.match(query))[0]).toMatchObject({ documentId: 'dwhole', position: 19_999 });
  });

  it('loses a unit near its start in chunks: the rows after move up keeping their ids, If-Match checked', async () => {
    const before = (await ctx.store.getDocument(TM, 'dlarge'))!;
    const [victim, next] = [before.rows[3]!, before.rows[4]!];
    await expect(ctx.tm.deleteUnit(TM, victim.unitId, ['another-version'])).rejects.toMatchObject({
      code: ErrorCode.PRECONDITION_FAILED,
    });
    expect((await ctx.store.getDocument(TM, 'dlarge'))!.summary.rev).toBe(before.summary.rev);
    const { tag } = (await ctx.store.getTaggedUnit(TM, victim.unitId))!;
    await ctx.tm.deleteUnit(TM, victim.unitId, [tag]);
    const after = (await ctx.store.getDocument(TM, 'dlarge'))!;
    expect(after.rows).toHaveLength(before.rows.length - 1);
    expect(after.rows[3]).toMatchObject({ unitId: next.unitId, position: 3, en: next.en });
    expect(after.rows.at(-1)).toMatchObject({ unitId: before.rows.at(-1)!.unitId, position: before.rows.length - 2 });
    expect(after.summary.rev).toBe(before.summary.rev + 1);
    expect(await ctx.store.getUnit(TM, victim.unitId)).toBeUndefined();
    // One entry in the change log for the whole rewrite, not one per row moved.
    const entries = (await ctx.redis.xrevrange(ctx.keys.log(TM), '+', '-', 'COUNT', 1)) as [string, string[]][];
    const last = entries[0]![1];
    expect(last).toEqual(expect.arrayContaining(['op', 'doc']));
    expect(await staged()).toEqual([]);
    const hits = await ctx.tm.match({ q: victim.ar, src: 'ar', tgt: ['en'], min: 100, limit: 5, tms: [TM] });
    expect(hits.map((h) => h.unitId)).not.toContain(victim.unitId);
  });

  it('is deleted whole', async () => {
    expect(await ctx.store.deleteDocument(TM, 'dwhole')).toBe('deleted');
    expect(await ctx.store.getDocument(TM, 'dwhole')).toBeUndefined();
  });
});

describe('POST /api/v1/documents with 50,000 short rows', () => {
  it('imports them (201) without a stack overflow', async () => {
    const ar = Array.from({ length: ROWS }, (_, i) => `س${i}.`).join('\n');
    const res = await request(ctx.app).post(`/api/v1/documents?tm=${TM}`).send({ ar }).expect(201);
    expect(res.body.segmentCount).toBe(ROWS);
    expect(res.body.unitsWritten).toBe(ROWS);
    expect(await staged()).toEqual([]);
  });
});
