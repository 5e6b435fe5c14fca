import request from 'supertest';
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
