/**
 * Logs and metrics while Redis is away: the 503s of an outage write no warning line each (the store logs the outage
 * once when it starts and once when it ends; each 503 has its access line), and the
 * Redis client's errors and reconnection attempts show in /metrics.
 */
import { Writable } from 'node:stream';
import request from 'supertest';
import { createLogger } from '../../src/config';
import { createApp } from '../../src/http/app';
import { Metrics } from '../../src/http/metrics';
import { createTranslator } from '../../src/i18n';
import { createTestContext, type TestContext } from '../helpers/context';
import { checkedApp } from '../helpers/openapi-check';
import { startPrivateRedis, type PrivateRedis } from '../helpers/redis-server';

// This file stops and restarts a Redis of its own; the shared test Redis is not touched.
let redis: PrivateRedis;
let ctx: TestContext;
const lines: Record<string, unknown>[] = [];
const metrics = new Metrics();

beforeAll(async () => {
  redis = await startPrivateRedis();
  ctx = await createTestContext({ redisUrl: redis.url });
});
afterAll(async () => {
  metrics.close();
  await ctx.close();
  await redis.server.stop();
});

const value = (text: string, series: string) =>
  Number(
    text
      .split('\n')
      .find((l) => l.startsWith(series + ' '))
      ?.slice(series.length + 1) ?? 0,
  );

it('When Redis is down for 20 requests, Then no warning line is written per request and the Redis series move', async () => {
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const app = checkedApp(
    createApp({
      tm: ctx.tm,
      translator: await createTranslator(),
      config: { ...ctx.config, metrics: 'open' },
      logger: createLogger('info', destination),
      version: 'test',
      metrics,
    }),
    ctx.violations,
  );
  const q = encodeURIComponent('وقد توصل الجانبان إلى توافق واسع');
  await request(app).get(`/api/v1/match?q=${q}`).expect(200);
  await redis.server.stop();
  for (let i = 0; i < 20; i++)
    await request(app)
      .get(`/api/v1/match?q=${q}&limit=${1 + i}`)
      .expect(503);

  const warnings = lines.filter((l) => l.level === 'warn');
  expect(warnings).toHaveLength(0);
  expect(lines.filter((l) => l.msg === 'request' && l.status === 503)).toHaveLength(20);
  // The 20 answers come at once (the store's breaker); the client's first reconnection attempt, which fails with an
  // error event, comes ~100 ms after the connection closed: scrape once it has.
  let text = (await request(app).get('/metrics').expect(200)).text;
  for (let i = 0; i < 50 && value(text, 'mizan_redis_errors_total') === 0; i++) {
    await new Promise((r) => setTimeout(r, 100));
    text = (await request(app).get('/metrics').expect(200)).text;
  }
  const failed = 'mizan_http_request_duration_seconds_count{method="GET",route="/api/v1/match",status="5xx"}';
  expect(value(text, failed)).toBe(20);
  expect(value(text, 'mizan_redis_errors_total')).toBeGreaterThan(0);
  expect(value(text, 'mizan_redis_reconnects_total')).toBeGreaterThan(0);

  redis = await startPrivateRedis(redis.port, redis.dataDir);
  const deadline = Date.now() + 10_000;
  while (ctx.redis.status !== 'ready' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  expect(ctx.redis.status).toBe('ready');
}, 30_000);
