import request from 'supertest';
import { createLogger } from '../../src/config';
import { createTestContext, type TestContext } from '../helpers/context';
import { startPrivateRedis, type PrivateRedis } from '../helpers/redis-server';

// This file stops and restarts a Redis of its own; the shared test Redis is not touched.
let redis: PrivateRedis;
let ctx: TestContext;

beforeAll(async () => {
  redis = await startPrivateRedis();
  ctx = await createTestContext({ redisUrl: redis.url });
});
afterAll(async () => {
  await ctx.close();
  await redis.server.stop();
});

const q = encodeURIComponent('وقد توصل الجانبان إلى توافق واسع حول تعزيز التعاون العملي.');

describe('when Redis stops', () => {
  it('answers 503 with Retry-After and a localized message, quickly, and recovers when Redis is back', async () => {
    await request(ctx.app).get(`/api/v1/match?q=${q}`).expect(200);
    await redis.server.stop();

    const started = Date.now();
    const res = await request(ctx.app).get(`/api/v1/match?q=${q}`).set('Accept-Language', 'ar').expect(503);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(res.headers['retry-after']).toBe('3');
    expect(res.body.error.code).toBe('STORE_UNAVAILABLE');
    expect(res.body.error.message).toContain('تعذّر الوصول');

    const doc = await request(ctx.app).get('/api/v1/documents').expect(503);
    expect(doc.body.error.code).toBe('STORE_UNAVAILABLE');
    await request(ctx.app).get('/healthz').expect(200);
    const ready = await request(ctx.app).get('/readyz').set('Accept-Language', 'zh').expect(503);
    expect(ready.body).toMatchObject({ status: 'unavailable', redis: false, error: { code: 'STORE_UNAVAILABLE' } });
    expect([ready.headers['retry-after'], ready.headers['content-language']]).toEqual(['3', 'zh']);

    // The process is still alive and serving; bring Redis back (empty: it had no persistence) and reload.
    redis = await startPrivateRedis(redis.port, redis.dataDir);
    const deadline = Date.now() + 10_000;
    while (ctx.redis.status !== 'ready' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(ctx.redis.status).toBe('ready');
    const notReady = await request(ctx.app).get('/readyz').expect(503); // Redis is back but holds no TM yet
    expect(notReady.body).toMatchObject({ status: 'unavailable', redis: true, tmLoaded: false });
    expect(notReady.body.error).toMatchObject({ code: 'NOT_READY', message: 'The service is not ready yet.' });
    expect(notReady.headers['retry-after']).toBe('3');
  }, 30_000);
});

describe('when Redis is frozen (SIGSTOP)', () => {
  let frozen: PrivateRedis;
  let fctx: TestContext;
  const lines: string[] = [];

  beforeAll(async () => {
    frozen = await startPrivateRedis();
    fctx = await createTestContext({
      redisUrl: frozen.url,
      logger: createLogger('info', { write: (l) => lines.push(l) }),
    });
  });
  afterAll(async () => {
    process.kill(frozen.server.pid, 'SIGCONT');
    await fctx.close();
    await frozen.server.stop();
  });

  it('answers every request 503 with Retry-After, says why in /readyz, and logs the outage once', async () => {
    const unit = await request(fctx.app).post('/api/v1/units').send({ ar: 'جملة قبل التوقف' }).expect(201);
    await request(fctx.app).get(`/api/v1/match?q=${q}`).expect(200);
    lines.length = 0;
    process.kill(frozen.server.pid, 'SIGSTOP');

    // Reads, writes and several commands per request alike, sent together while Redis hears nothing. (A match in
    // `notify` mode that needs nothing from Redis is answered from the index until the outage is known.)
    const answers = await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => request(fctx.app).get(`/api/v1/units/${unit.body.unitId}?n=${i}`)),
      request(fctx.app).get('/api/v1/documents'),
      request(fctx.app).patch(`/api/v1/units/${unit.body.unitId}`).send({ en: 'frozen' }),
      request(fctx.app).post('/api/v1/units').send({ ar: 'جملة أثناء التوقف' }),
      request(fctx.app).delete('/api/v1/documents/d0000000000000000'), // (a 503'd write may commit later)
    ]);
    answers.push(...(await Promise.all([1, 2, 3].map((n) => request(fctx.app).get(`/api/v1/match?q=${q}&n=${n}`)))));
    for (const res of answers) {
      expect([res.status, res.body.error?.code, res.headers['retry-after']]).toEqual([503, 'STORE_UNAVAILABLE', '3']);
    }
    const ready = await request(fctx.app).get('/readyz').expect(503);
    expect(ready.body).toMatchObject({ status: 'unavailable', redis: false, reason: 'redis-timeout' });
    expect(ready.body.detail).toMatch(/no answer from Redis within 1000 ms/);
    // Later requests are refused before anything is sent to Redis.
    await request(fctx.app).get('/api/v1/documents').expect(503);

    process.kill(frozen.server.pid, 'SIGCONT');
    const deadline = Date.now() + 10_000;
    let back = 503;
    while (back !== 200 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      back = (await request(fctx.app).get('/readyz')).status;
    }
    expect(back).toBe(200);
    await request(fctx.app).get(`/api/v1/match?q=${q}`).expect(200);
    const logged = lines.map((l) => JSON.parse(l) as { level: string; msg: string; kind?: string });
    const outage = logged.filter((l) => l.level === 'warn' && /^redis: unavailable/.test(l.msg));
    const recovery = logged.filter((l) => /^redis: available again/.test(l.msg));
    expect([outage.length, recovery.length]).toEqual([1, 1]);
    // Besides the outage, only the 503s' own warnings, rate-limited (http/errors.ts): never one per request, no stack.
    const others = logged.filter((l) => ['warn', 'error'].includes(l.level) && !outage.includes(l));
    expect(others.every((l) => l.kind === 'store-unavailable' && !/\n\s+at /.test(l.msg))).toBe(true);
    expect(others.length).toBeLessThanOrEqual(5);
  }, 30_000);
});

describe('when Redis holds writes back (CLIENT PAUSE WRITE) past the deadline', () => {
  let paused: PrivateRedis;
  let pctx: TestContext;

  beforeAll(async () => {
    paused = await startPrivateRedis();
    pctx = await createTestContext({ redisUrl: paused.url, seed: false });
  });
  afterAll(async () => {
    await pctx.close();
    await paused.server.stop();
  });

  it('answers 503, makes the write later, and gives the retry with the same Idempotency-Key its outcome', async () => {
    const unit = (await request(pctx.app).post('/api/v1/units').send({ ar: 'جملة قبل الإيقاف المؤقت' }).expect(201))
      .body;
    const tag = (await request(pctx.app).get(`/api/v1/units/${unit.unitId}`)).headers.etag as string;
    const patch = () =>
      request(pctx.app)
        .patch(`/api/v1/units/${unit.unitId}`)
        .set({ 'If-Match': tag, 'Idempotency-Key': 'pause-1' })
        .send({ en: 'written while paused' });
    await pctx.redis.call('CLIENT', 'PAUSE', '2500', 'WRITE');

    const first = await patch();
    expect([first.status, first.body.error.code, first.headers['retry-after']]).toEqual([
      503,
      'STORE_UNAVAILABLE',
      '3',
    ]);

    // The pause ends; the write Redis held back is made. A retry meanwhile may find it still running (409).
    let retry = await patch();
    const deadline = Date.now() + 15_000;
    while ([503, 409].includes(retry.status) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      retry = await patch();
    }
    expect([retry.status, retry.headers['idempotent-replayed'], retry.body.en]).toEqual([
      200,
      'true',
      'written while paused',
    ]);
    // What the key saved the client from: the same PATCH without it is refused, as the unit changed since `tag`.
    const bare = await request(pctx.app)
      .patch(`/api/v1/units/${unit.unitId}`)
      .set('If-Match', tag)
      .send({ en: 'written while paused' });
    expect(bare.status).toBe(412);
  }, 30_000);
});
