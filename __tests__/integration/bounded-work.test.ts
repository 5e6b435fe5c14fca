/**
 * Bounded work per request: a floor under `min`, a budget per batch, a batch that stops when its client goes away,
 * and an answer cache that unknown parameters cannot grow.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { silentLogger } from '../../src/config';
import { createApp } from '../../src/http/app';
import { AnswerCache } from '../../src/http/answer-cache';
import { createTranslator } from '../../src/i18n';
import { readManifest, readSeedDocument, type BatchSlot, type MatchRequest } from '../../src/service';
import type { DocumentRow } from '../../src/types';
import { createTestContext, TM_DIR, type TestContext } from '../helpers/context';

let ctx: TestContext;
let rows: DocumentRow[];

beforeAll(async () => {
  ctx = await createTestContext({ config: { minFloor: 40 } });
  rows = readSeedDocument(TM_DIR, readManifest(TM_DIR).documents[0]!).segments;
});
afterAll(() => ctx.close());

/** `n` queries over the seed's Arabic, two rows joined so that each search has work to do. */
function queries(n: number): MatchRequest[] {
  return Array.from({ length: n }, (_, i) => ({
    q: `${rows[i % rows.length]!.ar} ${rows[(i + 3) % rows.length]!.ar}`,
    src: 'ar' as const,
    tgt: ['en', 'zh'] as const,
    min: 30,
    limit: 50,
    tms: ['main'],
  }));
}

const codeOf = (slot: { error?: { code: string } }) => slot.error?.code;

describe('the floor under min', () => {
  it('refuses a match below MIZAN_MIN_FLOOR with MIN_OUT_OF_RANGE naming the floor', async () => {
    const res = await request(ctx.app).get('/api/v1/match').query({ q: rows[0]!.ar, min: '0' }).expect(400);
    expect(res.body.error).toMatchObject({ code: 'MIN_OUT_OF_RANGE', param: 'min' });
    expect(res.body.error.message).toContain('40');
    await request(ctx.app).get('/api/v1/match').query({ q: rows[0]!.ar, min: '40' }).expect(200);
  });

  it('refuses it in a batch slot, and in pretranslation', async () => {
    const res = await request(ctx.app)
      .post('/api/v1/match/batch')
      .send({ queries: [{ q: rows[0]!.ar, min: 10 }, { q: rows[0]!.ar }] })
      .expect(200);
    expect(res.body.results[0].error).toMatchObject({ code: 'MIN_OUT_OF_RANGE', param: 'queries[0].min' });
    expect(res.body.results[1].matches.length).toBeGreaterThan(0);
    const i18n = await request(ctx.app)
      .post('/api/v1/pretranslate/i18next')
      .send({ resources: { a: rows[0]!.ar }, to: ['en'], min: 5 })
      .expect(400);
    expect(i18n.body.error.code).toBe('MIN_OUT_OF_RANGE');
  });
});

describe('a batch budget', () => {
  it('runs queries until the budget is spent and answers the rest BATCH_BUDGET_EXCEEDED, in their slots', async () => {
    // A budget smaller than any search: the first query runs, and none after it.
    const slots = await ctx.tm.matchBatch(queries(20), { budgetMs: 1e-9 });
    expect(slots).toHaveLength(20);
    expect('matches' in slots[0]!).toBe(true);
    for (const slot of slots.slice(1))
      expect(codeOf(slot as { error: { code: string } })).toBe('BATCH_BUDGET_EXCEEDED');
  });

  it('over HTTP: the answered queries come first, the ones past the budget after, each with its error', async () => {
    const tight = await createTestContext({ config: { batchBudgetMs: 1 } });
    try {
      const body = { queries: queries(500).map(({ q }) => ({ q, min: 30, limit: 50 })) };
      const res = await request(tight.app).post('/api/v1/match/batch').send(body).expect(200);
      const results: { matches?: unknown[]; error?: { code: string; message: string } }[] = res.body.results;
      expect(results).toHaveLength(500);
      const firstSkipped = results.findIndex((r) => r.error);
      expect(firstSkipped).toBeGreaterThan(0); // 500 searches take far more than 1 ms, and the first always runs
      for (const r of results.slice(0, firstSkipped)) expect(r.matches).toBeDefined();
      for (const r of results.slice(firstSkipped)) expect(r.error?.code).toBe('BATCH_BUDGET_EXCEEDED');
      expect(results[firstSkipped]!.error!.message).toContain('1 ms');
    } finally {
      await tight.close();
    }
  });
});

describe('a batch whose client went away', () => {
  it('stops at its next query when the signal aborts', async () => {
    const controller = new AbortController();
    // With a slice of 0 the batch yields before every query; the abort lands at the first yield.
    setImmediate(() => controller.abort());
    const slots = await ctx.tm.matchBatch(queries(300), { sliceMs: 0, signal: controller.signal });
    expect(slots.length).toBeLessThan(300);
  });

  it('stops when the HTTP client disconnects: fewer queries are run than were sent', async () => {
    const original = ctx.tm.matchBatch.bind(ctx.tm);
    const run = jest.spyOn(ctx.tm, 'matchBatch');
    const runs: Promise<BatchSlot[]>[] = [];
    // The route's own options (its signal), with a slice of 0 so that the close is noticed between any two queries.
    run.mockImplementation((requests, options) => {
      const started = original(requests, { ...options, sliceMs: 0 });
      runs.push(started);
      return started;
    });
    const server = http.createServer(ctx.app).listen(0, '127.0.0.1');
    try {
      await new Promise((resolve) => server.once('listening', resolve));
      const { port } = server.address() as AddressInfo;
      const body = JSON.stringify({ queries: queries(500).map(({ q }) => ({ q, min: 30, limit: 50 })) });
      const req = http.request({
        port,
        host: '127.0.0.1',
        method: 'POST',
        path: '/api/v1/match/batch',
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
      });
      req.on('error', () => undefined); // the socket is destroyed on purpose
      req.end(body);
      for (let turn = 0; runs.length === 0 && turn < 1e6; turn++) await new Promise((r) => setImmediate(r));
      req.destroy();
      const slots = await runs[0]!;
      expect(slots.length).toBeLessThan(500);
    } finally {
      run.mockRestore();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('the answer cache', () => {
  it('is not grown by unknown parameters: &junk=N asks the same question and adds no entry', async () => {
    const answers = new AnswerCache(ctx.config.answerCacheBytes, (tms) => ctx.tm.revisions(tms));
    const app = createApp({
      tm: ctx.tm,
      translator: await createTranslator(),
      config: ctx.config,
      logger: silentLogger,
      version: 'test',
      answers,
    });
    const q = rows[2]!.ar;
    const first = await request(app).get('/api/v1/match').query({ q }).expect(200);
    const before = answers.stats();
    for (let n = 0; n < 50; n++) {
      const res = await request(app)
        .get('/api/v1/match')
        .query({ q, junk: String(n), [`x${n}`]: 'y'.repeat(500) });
      expect(res.status).toBe(200);
      expect(res.body).toEqual(first.body);
    }
    expect(answers.stats()).toEqual(before);
  });
});
