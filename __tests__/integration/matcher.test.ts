import request from 'supertest';
import { readManifest, readSeedDocument } from '../../src/service';
import type { DocumentRow } from '../../src/types';
import { createTestContext, TM_DIR, type TestContext } from '../helpers/context';
import { tickChain } from '../helpers/tick-chain';

let ctx: TestContext;
let rows: DocumentRow[];
let ids: string[];

beforeAll(async () => {
  ctx = await createTestContext();
  rows = readSeedDocument(TM_DIR, readManifest(TM_DIR).documents[0]!).segments;
  const doc = await request(ctx.app).get('/api/v1/documents/ace54e57cd73f9de');
  ids = doc.body.segments.map((s: { unitId: string }) => s.unitId);
});
afterAll(() => ctx.close());

const match = (query: Record<string, string>) => request(ctx.app).get('/api/v1/match').query(query);
type Span = { op: string; query: [number, number]; source: [number, number] };

describe('explain=1', () => {
  it('returns diff spans that reassemble both texts and mark the changed word', async () => {
    const row = rows[12]!;
    const q = row.ar.replace('ثقافية', 'تجارية');
    const res = await match({ q, explain: '1' }).expect(200);
    const [best] = res.body.matches;
    const diff: Span[] = best.explain.diff;
    expect(diff.map((d) => q.slice(...d.query)).join('')).toBe(q);
    expect(diff.map((d) => row.ar.slice(...d.source)).join('')).toBe(row.ar);
    const replaced = diff.filter((d) => d.op === 'replace');
    expect(replaced).toHaveLength(1);
    expect(q.slice(...replaced[0]!.query).trim()).toBe('تجارية');
    expect(row.ar.slice(...replaced[0]!.source).trim()).toBe('ثقافية');
    expect(best.explain.editDistance).toBe(1);
  });

  it('marks a clitic-only difference as such', async () => {
    const q = rows[9]!.ar.replace('الجانبان', 'والجانبان');
    const res = await match({ q, explain: 'true' }).expect(200);
    expect(res.body.matches[0].explain.diff.some((d: Span) => d.op === 'clitic')).toBe(true);
    expect(res.body.matches[0].explain.editDistance).toBe(0.25);
  });
});

describe('number adaptation', () => {
  it('returns the targets with the query numbers when only numbers differ, flagged, naming the penalty', async () => {
    const q = rows[2]!.ar.replace('26 أبريل 2023', '٢٧ أبريل ٢٠٢٤');
    const res = await match({ q, explain: '1' }).expect(200);
    const [best] = res.body.matches;
    expect(best.unitId).toBe(ids[2]);
    expect(best.adapted).toBe(true);
    expect(best.score).toBe(96);
    expect(best.explain.penalties).toEqual([{ name: 'numbers', points: 4 }]);
    expect(best.targets.en).toContain("XI'AN, April 27, 2024 (Xinhua)");
    expect(best.targets.zh).toContain('新华社西安2024年4月26日电'.replace('26', '27'));
    expect(best.originalTargets.en).toBe(rows[2]!.en);
  });

  it('replaces all numbers in one pass, so swapped numbers stay swapped', async () => {
    const q = rows[2]!.ar.replace('26 أبريل 2023', '2023 أبريل 26');
    const [best] = (await match({ q }).expect(200)).body.matches;
    expect(best).toMatchObject({ unitId: ids[2], adapted: true });
    expect(best.targets.en).toBe(rows[2]!.en.replace('April 26, 2023', 'April 2023, 26'));
    expect(best.targets.zh).toBe(
      rows[2]!.zh.replace('2023年4月26日', '26年4月2023日').replace('秦刚26日', '秦刚2023日'),
    );
  });
});

describe('context matches', () => {
  it('scores 101 when the previous and next segments match the unit neighbours, 100 otherwise', async () => {
    const [prev, row, next] = [rows[9]!, rows[10]!, rows[11]!];
    const exact = await match({ q: row.ar, prev: prev.ar, next: next.ar }).expect(200);
    expect(exact.body.matches[0]).toMatchObject({ unitId: ids[10], score: 101 });
    const onlyPrev = await match({ q: row.ar, prev: prev.ar }).expect(200);
    expect(onlyPrev.body.matches[0].score).toBe(101);
    const wrong = await match({ q: row.ar, prev: rows[3]!.ar }).expect(200);
    expect(wrong.body.matches[0].score).toBe(100);
  });

  it('compares neighbours as matching does (tashkeel folded); an empty prev/next is the document edge', async () => {
    const vocalizedPrev = rows[9]!.ar.replace('الجانبان', 'الجَانِبَانِ');
    expect((await match({ q: rows[10]!.ar, prev: vocalizedPrev }).expect(200)).body.matches[0]).toMatchObject({
      unitId: ids[10],
      score: 101,
    });
    expect((await match({ q: rows[0]!.ar, prev: '', next: rows[1]!.ar }).expect(200)).body.matches[0]).toMatchObject({
      unitId: ids[0],
      score: 101,
    });
    expect((await match({ q: rows[16]!.ar, next: '' }).expect(200)).body.matches[0]).toMatchObject({
      unitId: ids[16],
      score: 101,
    });
    expect((await match({ q: rows[10]!.ar, prev: '' }).expect(200)).body.matches[0].score).toBe(100);
  });

  it('answers min=101 with the context matches only', async () => {
    const [prev, row, next] = [rows[9]!, rows[10]!, rows[11]!];
    const only = await match({ q: row.ar, prev: prev.ar, next: next.ar, min: '101' }).expect(200);
    expect(only.body.matches.map((m: { unitId: string; score: number }) => [m.unitId, m.score])).toEqual([
      [ids[10], 101],
    ]);
    expect((await match({ q: row.ar, prev: rows[3]!.ar, min: '101' }).expect(200)).body.matches).toEqual([]);
    expect((await match({ q: row.ar, min: '101' }).expect(200)).body.matches).toEqual([]);
  });
});

describe('several TMs', () => {
  it('searches the TMs named in tm= and prefers the first at equal score', async () => {
    const ar = rows[9]!.ar;
    await request(ctx.app)
      .post('/api/v1/units')
      .send({ tm: 'legal', ar, en: 'Legal TM rendering.', zh: '法律库译文。' })
      .expect(201);
    const both = await match({ q: ar, tm: 'legal,main' }).expect(200);
    expect(both.body.matches.map((m: { tm: string; score: number }) => [m.tm, m.score])).toEqual([
      ['legal', 100],
      ['main', 100],
    ]);
    expect(both.body.matches[0].targets.en).toBe('Legal TM rendering.');
    expect(both.body.matches[0].documentId).toBeNull();
    const reversed = await match({ q: ar, tm: 'main,legal' }).expect(200);
    expect(reversed.body.matches[0].tm).toBe('main');
    const unknown = await match({ q: ar, tm: 'main,nosuchtm' }).set('Accept-Language', 'zh').expect(400);
    expect(unknown.body.error).toMatchObject({ code: 'UNKNOWN_TM', message: '不存在名为“nosuchtm”的翻译记忆库。' });
  });
});

describe('POST /api/v1/match/batch', () => {
  it('answers up to 500 queries in order, in any source language', async () => {
    const res = await request(ctx.app)
      .post('/api/v1/match/batch')
      .send({
        queries: [
          { q: rows[9]!.ar },
          { q: rows[11]!.en, src: 'en', tgt: ['ar'] },
          { q: rows[12]!.zh, src: 'zh', tgt: 'ar,en', limit: 1 },
          { q: 'لا شيء يشبه هذا إطلاقا في أي مكان' },
        ],
      })
      .expect(200);
    const results = res.body.results;
    expect(results).toHaveLength(4);
    expect(results[0].matches[0]).toMatchObject({ unitId: ids[9], score: 100 });
    expect(results[1].matches[0]).toMatchObject({ unitId: ids[11], score: 100, targets: { ar: rows[11]!.ar } });
    expect(results[2].matches).toHaveLength(1);
    expect(results[2].matches[0].targets).toEqual({ ar: rows[12]!.ar, en: rows[12]!.en });
    expect(results[3].matches).toEqual([]);
  });

  it('answers a bad query in its own slot (naming it) and the others with their matches', async () => {
    const res = await request(ctx.app)
      .post('/api/v1/match/batch')
      .send({
        queries: [{ q: rows[9]!.ar }, { q: '!!' }, { q: '' }, { q: 'نص', limit: 51 }, 'x', { q: 'a', tm: 'nope' }],
      })
      .set('Accept-Language', 'ar')
      .expect(200);
    const [good, empty, missing, limit, notObject, noTm] = res.body.results;
    expect(good.matches[0]).toMatchObject({ unitId: ids[9], score: 100 });
    expect(empty).toEqual({ error: { code: 'QUERY_EMPTY', param: 'queries[1].q', message: expect.any(String) } });
    expect(missing.error).toMatchObject({ code: 'QUERY_MISSING', param: 'queries[2].q' });
    expect(missing.error.message).toMatch(/[\u0600-\u06FF]/); // localized from Accept-Language
    expect(limit.error).toMatchObject({ code: 'LIMIT_OUT_OF_RANGE', param: 'queries[3].limit' });
    expect(notObject.error).toMatchObject({ code: 'INVALID_PARAMETER', param: 'queries[4]' });
    expect(noTm.error).toMatchObject({ code: 'UNKNOWN_TM', param: 'queries[5].tm' });
    expect(res.headers['content-language']).toBe('ar');
  });

  it('refuses an item whose tgt names no language in its slot, reads explain as 1/0 like the query string, and names the item’s field in every message', async () => {
    const res = await request(ctx.app)
      .post('/api/v1/match/batch')
      .send({
        queries: [
          { q: rows[9]!.ar, tgt: [] },
          { q: rows[9]!.ar, explain: 1, limit: 1 },
          { q: rows[9]!.ar, explain: 0, limit: 1 },
          { q: rows[9]!.ar, explain: 2 },
          { q: rows[9]!.ar, min: 7 },
          { q: rows[9]!.ar, limit: 0 },
        ],
      })
      .expect(200);
    const [noTgt, explained, plain, badExplain, min, limit] = res.body.results;
    expect(noTgt.error).toMatchObject({ code: 'INVALID_PARAMETER', param: 'queries[0].tgt' });
    expect(explained.matches[0].explain).toMatchObject({ editDistance: 0 });
    expect(plain.matches[0].explain).toBeUndefined();
    expect(badExplain.error).toMatchObject({ code: 'INVALID_PARAMETER', param: 'queries[3].explain' });
    expect(min.error).toMatchObject({ code: 'MIN_OUT_OF_RANGE', param: 'queries[4].min' });
    expect(min.error.message).toBe('"queries[4].min" must be a whole number from 30 to 101 (got "7").');
    expect(limit.error.message).toMatch(/^"queries\[5\]\.limit" must be a whole number from 1 to \d+/);
  });

  it('rejects a batch over 500, bad JSON and non-JSON bodies as a whole', async () => {
    const many = Array.from({ length: 501 }, () => ({ q: 'x' }));
    const big = await request(ctx.app).post('/api/v1/match/batch').send({ queries: many }).expect(400);
    expect(big.body.error.code).toBe('BATCH_TOO_LARGE');
    const json = await request(ctx.app)
      .post('/api/v1/match/batch')
      .set('Content-Type', 'application/json')
      .send('{"queries": [')
      .set('Accept-Language', 'ar')
      .expect(400);
    expect(json.body.error).toMatchObject({ code: 'INVALID_BODY', message: 'تعذّرت قراءة نص الطلب: ليس JSON صالحًا.' });
    const array = await request(ctx.app)
      .post('/api/v1/match/batch')
      .send([{ q: 'x' }])
      .expect(400);
    expect(array.body.error).toMatchObject({
      code: 'INVALID_BODY',
      message: 'The request body cannot be read: a JSON object is expected.',
    });
    const none = await request(ctx.app).post('/api/v1/match/batch').send({ queries: [] }).expect(400);
    expect(none.body.error).toMatchObject({ code: 'INVALID_PARAMETER', param: 'queries' });
    const heavy = await request(ctx.app)
      .post('/api/v1/match/batch')
      .send({ queries: Array.from({ length: 130 }, () => ({ q: 'كلمة '.repeat(400) })) })
      .expect(400);
    expect(heavy.body.error).toMatchObject({
      code: 'BATCH_TEXT_TOO_LONG',
      param: 'queries',
      message: 'The queries of a batch hold at most 250000 characters together (got 260000).',
    });
    const text = await request(ctx.app)
      .post('/api/v1/match/batch')
      .set('Content-Type', 'text/plain')
      .send('q=x')
      .expect(415);
    expect(text.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const empty = await request(ctx.app).post('/api/v1/match/batch').send({}).expect(400);
    expect(empty.body.error).toMatchObject({ code: 'FIELD_MISSING', param: 'queries' });
  });
});

describe('a long batch', () => {
  it('gives the event loop back between slices, so other requests are not held up', async () => {
    // With a slice of 0 ms the batch yields before every query: other work (here a chain of setImmediate callbacks,
    // standing for other requests) runs between any two queries, whatever the machine's speed.
    const requests = Array.from({ length: 200 }, (_, i) => ({
      q: `${rows[i % rows.length]!.ar} ${rows[(i + 5) % rows.length]!.ar}`,
      src: 'ar' as const,
      tgt: ['en', 'zh'] as const,
      min: 0,
      limit: 3,
      tms: ['main'],
    }));
    const ticker = tickChain();
    const results = await ctx.tm.matchBatch(requests, { sliceMs: 0 });
    ticker.stop();
    const ticks = ticker.ticks();
    expect(results).toHaveLength(200);
    expect([ids[0], ids[5]]).toContain((results[0] as { matches: { unitId: string }[] }).matches[0]!.unitId);
    expect(ticks).toBeGreaterThanOrEqual(requests.length);
  });

  it('answers a long batch over HTTP in order', async () => {
    const queries = Array.from({ length: 450 }, (_, i) => ({ q: rows[i % rows.length]!.ar, min: 30, limit: 3 }));
    const res = await request(ctx.app).post('/api/v1/match/batch').send({ queries }).expect(200);
    expect(res.body.results).toHaveLength(450);
    res.body.results.forEach((r: { matches: { unitId: string }[] }, i: number) =>
      expect(r.matches[0]!.unitId).toBe(ids[i % rows.length]),
    );
  });
});

describe('GET /api/v1/concordance', () => {
  it('finds units containing a phrase (clitic variants included), with highlight spans, paginated', async () => {
    const res = await request(ctx.app)
      .get('/api/v1/concordance')
      .query({ q: 'آسيا الوسطى', lang: 'ar', limit: '3' })
      .expect(200);
    expect(res.body.total).toBeGreaterThan(3);
    expect(res.body.hits).toHaveLength(3);
    for (const hit of res.body.hits) {
      expect(hit.highlights.length).toBeGreaterThan(0);
      for (const [s, e] of hit.highlights) expect(hit.ar.slice(s, e)).toMatch(/آسيا الوسطى$/);
    }
    const all = await request(ctx.app).get('/api/v1/concordance').query({ q: 'آسيا الوسطى', limit: '100' }).expect(200);
    expect(all.body.hits).toHaveLength(all.body.total);
    const page2 = await request(ctx.app)
      .get('/api/v1/concordance')
      .query({ q: 'آسيا الوسطى', limit: '3', offset: '3' })
      .expect(200);
    expect(page2.body.hits.map((h: { unitId: string }) => h.unitId)).toEqual(
      all.body.hits.slice(3, 6).map((h: { unitId: string }) => h.unitId),
    );
    const clitic = await request(ctx.app).get('/api/v1/concordance').query({ q: 'الصين' }).expect(200);
    expect(clitic.body.hits.some((h: { ar: string }) => h.ar.includes('والصين') || h.ar.includes('للصين'))).toBe(true);
    const en = await request(ctx.app)
      .get('/api/v1/concordance')
      .query({ q: 'Central Asian countries', lang: 'en' })
      .expect(200);
    expect(en.body.total).toBeGreaterThan(0);
    const none = await request(ctx.app).get('/api/v1/concordance').query({ q: 'غضنفر' }).expect(200);
    expect(none.body).toEqual({ hits: [], total: 0, offset: 0, limit: 20 });
    await request(ctx.app).get('/api/v1/concordance').query({ q: 'x', limit: '101' }).expect(400);
  });
});
