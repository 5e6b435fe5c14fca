/**
 * Logs and metrics of a real app: the request id, one access line per request with the route pattern and no segment
 * text, and /metrics whose series move with the requests made.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { RequestListener } from 'node:http';
import express from 'express';
import request from 'supertest';
import { createLogger, type Config } from '../../src/config';
import { createApp } from '../../src/http/app';
import { Metrics } from '../../src/http/metrics';
import { metricsApp } from '../../src/http/routes/metrics';
import { createTranslator } from '../../src/i18n';
import { createTestContext, type TestContext } from '../helpers/context';
import { checkedApp } from '../helpers/openapi-check';

const QUERY = 'وقد توصل الجانبان إلى توافق واسع حول تعزيز التعاون العملي';
const TOKEN = 'metrics-token-for-tests';

let ctx: TestContext;
const lines: Record<string, unknown>[] = [];
const raw: string[] = [];

async function appWith(overrides: Partial<Config>, metrics?: Metrics): Promise<RequestListener> {
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        raw.push(line);
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  const app = createApp({
    tm: ctx.tm,
    translator: await createTranslator(),
    config: { ...ctx.config, ...overrides },
    logger: createLogger('info', destination),
    version: 'test',
    metrics,
  });
  return checkedApp(app, ctx.violations);
}

/** The value of one series in an exposition text (0 when absent). */
function value(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(series + ' '));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());
beforeEach(() => {
  lines.length = 0;
  raw.length = 0;
});

describe('request ids and the access log', () => {
  it('When a request carries a sane X-Request-Id, Then it is answered back and logged with the request', async () => {
    const app = await appWith({});
    const res = await request(app).get('/healthz').set('X-Request-Id', 'proxy-7.abc').expect(200);
    expect(res.headers['x-request-id']).toBe('proxy-7.abc');
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', msg: 'request', reqId: 'proxy-7.abc', route: '/healthz', status: 200 }),
    ]);
    expect(typeof lines[0]!.ms).toBe('number');
  });

  it('When the incoming id is not sane, Then a new one is made', async () => {
    const app = await appWith({});
    const res = await request(app).get('/healthz').set('X-Request-Id', 'a b<script>').expect(200);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines[0]!.reqId).toBe(res.headers['x-request-id']);
  });

  it('When a match, a unit read and an unknown path are asked, Then each line names the route pattern, no text', async () => {
    const app = await appWith({});
    await request(app).get('/api/v1/match').query({ q: QUERY, tgt: 'en', junk: 'نص' }).expect(200);
    const units = await request(app).get('/api/v1/match').query({ q: QUERY, min: 40 }).expect(200);
    const unitId = (units.body as { matches: { unitId: string }[] }).matches[0]!.unitId;
    await request(app).get(`/api/v1/units/${unitId}`).expect(200);
    await request(app)
      .get(`/api/v1/units/u${'0'.repeat(20)}`)
      .expect(404);
    await request(app).get('/no/such/كلمة').expect(404);
    expect(lines.map((l) => [l.route, l.status])).toEqual([
      ['/api/v1/match', 200],
      ['/api/v1/match', 200],
      ['/api/v1/units/:id', 200],
      ['/api/v1/units/:id', 404],
      ['unmatched', 404],
    ]);
    expect(lines[0]).toMatchObject({ params: ['q', 'tgt', 'junk'], method: 'GET' });
    const all = raw.join('\n');
    for (const text of ['توصل', 'نص', 'كلمة', unitId, '%D9']) expect(all).not.toContain(text);
  });

  it('When authentication set res.locals.keyId, Then the line carries the key id', async () => {
    const mizan = await appWith({});
    const front = express();
    front.use((_req, res, next) => {
      res.locals.keyId = 'k-ci-1';
      next();
    });
    front.use(mizan);
    await request(front).get('/healthz').expect(200);
    expect(lines[0]).toMatchObject({ keyId: 'k-ci-1', route: '/healthz' });
  });

  it('When authentication recorded its caller with a key, Then the line carries that key id', async () => {
    const mizan = await appWith({});
    const front = express();
    front.use((_req, res, next) => {
      res.locals.caller = { key: { id: 'k-admin-2', role: 'admin' } };
      next();
    });
    front.use(mizan);
    await request(front).get('/healthz').expect(200);
    expect(lines[0]).toMatchObject({ keyId: 'k-admin-2' });
    expect(raw.join('\n')).not.toContain('role');
  });
});

describe('/metrics', () => {
  it('When MIZAN_METRICS is off, Then there is no /metrics', async () => {
    const app = await appWith({ metrics: 'off' });
    await request(app).get('/metrics').expect(404);
  });

  it('When requests, a repeated match and an import ran, Then their series moved', async () => {
    const metrics = new Metrics();
    const app = await appWith({ metrics: 'open' }, metrics);
    try {
      const before = (await request(app).get('/metrics').expect(200)).text;
      await request(app).get('/api/v1/match').query({ q: QUERY, tgt: 'en' }).expect(200);
      await request(app).get('/api/v1/match').query({ q: QUERY, tgt: 'en' }).expect(200);
      await request(app).get('/api/v1/match').query({ q: '', tgt: 'en' }).expect(400);
      await request(app)
        .post('/api/v1/match/batch')
        .send({ queries: [{ q: QUERY }, { q: 'التعاون العملي', min: 30 }] })
        .expect(200);
      // An import job, run by the service (writes through HTTP need a key once keys exist; the metrics watch the service).
      const tmx = readFileSync(path.resolve(__dirname, '../fixtures/tmx/bilingual-ar-en.tmx'));
      const done = await ctx.tm.imports.run('observed', [tmx]);
      expect(done.status).toBe('done');
      const res = await request(app).get('/metrics').expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      const after = res.text;
      const ok = 'mizan_http_request_duration_seconds_count{method="GET",route="/api/v1/match",status="2xx"}';
      const bad = 'mizan_http_request_duration_seconds_count{method="GET",route="/api/v1/match",status="4xx"}';
      expect(value(after, ok) - value(before, ok)).toBe(2);
      expect(value(after, bad) - value(before, bad)).toBe(1);
      // The first match and the batch's two queries searched; the repeat was served by the answer cache.
      expect(
        value(after, 'mizan_match_duration_seconds_count') - value(before, 'mizan_match_duration_seconds_count'),
      ).toBe(3);
      expect(value(after, 'mizan_match_candidates_verified_sum')).toBeGreaterThan(
        value(before, 'mizan_match_candidates_verified_sum'),
      );
      expect(value(after, 'mizan_answer_cache_hits_total') - value(before, 'mizan_answer_cache_hits_total')).toBe(1);
      expect(value(after, 'mizan_answer_cache_misses_total') - value(before, 'mizan_answer_cache_misses_total')).toBe(
        1,
      );
      expect(value(after, 'mizan_answer_cache_entries')).toBeGreaterThanOrEqual(1);
      expect(value(after, 'mizan_answer_cache_bytes')).toBeGreaterThan(0);
      expect(value(after, 'mizan_index_units{tm="main"}')).toBe(17);
      expect(value(after, 'mizan_index_rebuild_age_seconds{tm="main"}')).toBeGreaterThanOrEqual(0);
      // The 17 units' texts, read back from Redis as bytes, are all in memory (far under MIZAN_INDEX_TEXTS_MEMORY_MB).
      expect(value(after, 'mizan_index_text_memory_bytes{tm="main"}')).toBeGreaterThan(17 * 20);
      expect(value(after, 'mizan_index_text_file_bytes{tm="main"}')).toBe(0);
      expect(value(after, 'mizan_import_jobs_total{outcome="started"}')).toBe(1);
      expect(value(after, 'mizan_import_jobs_total{outcome="succeeded"}')).toBe(1);
      expect(value(after, 'mizan_import_units_total')).toBe(done.units.written);
      for (const series of [
        'mizan_redis_errors_total',
        'mizan_redis_reconnects_total',
        'mizan_nodejs_eventloop_lag_p99_seconds',
        'mizan_heap_live_bytes',
      ])
        expect(after).toContain(`\n${series} `);
    } finally {
      metrics.close();
    }
  });

  it('When MIZAN_METRICS is key, Then only a request with the bearer token gets the metrics', async () => {
    const metrics = new Metrics();
    const app = await appWith({ metrics: 'key', metricsToken: TOKEN }, metrics);
    try {
      await request(app).get('/metrics').expect(404);
      await request(app).get('/metrics').set('Authorization', 'Bearer not-the-token').expect(404);
      const res = await request(app).get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
      expect(res.text).toContain('mizan_http_request_duration_seconds_bucket');
      // An admin API key is enough too (authentication runs before /metrics); another role is not.
      const bearer = async (role: 'admin' | 'read') => `Bearer ${(await ctx.access.create(role, 'metrics')).key}`;
      await request(app)
        .get('/metrics')
        .set('Authorization', await bearer('admin'))
        .expect(200);
      await request(app)
        .get('/metrics')
        .set('Authorization', await bearer('read'))
        .expect(404);
      // The access line names the key's id.
      expect(lines.some((l) => typeof l.keyId === 'string' && /^k[0-9a-f]{16}$/.test(l.keyId))).toBe(true);
    } finally {
      metrics.close();
    }
  });

  it('When MIZAN_METRICS is port, Then the API has no /metrics and the separate listener serves them', async () => {
    const metrics = new Metrics();
    const app = await appWith({ metrics: 'port' }, metrics);
    try {
      await request(app).get('/healthz').expect(200);
      await request(app).get('/metrics').expect(404);
      const res = await request(metricsApp(metrics)).get('/metrics').expect(200);
      expect(
        value(res.text, 'mizan_http_request_duration_seconds_count{method="GET",route="/healthz",status="2xx"}'),
      ).toBe(1);
      await request(metricsApp(metrics)).get('/api/v1/match').expect(404);
    } finally {
      metrics.close();
    }
  });
});
