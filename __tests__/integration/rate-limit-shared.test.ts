import request from 'supertest';
import type { Express } from 'express';
import { silentLogger } from '../../src/config';
import { createApp } from '../../src/http/app';
import { RateLimits } from '../../src/http/rate-limit';
import { createTranslator } from '../../src/i18n';
import { TranslationMemory } from '../../src/service';
import { createTestContext, keysUnder, type TestContext } from '../helpers/context';

// Budgets large enough that most requests are decided in the instance and reach Redis with the next flush.
const READS = 1000;
const SMALL_READS = 240;
let ctx: TestContext;
const tms: TranslationMemory[] = [];

beforeAll(async () => {
  ctx = await createTestContext({ seed: false });
});
afterAll(async () => {
  for (const tm of tms) await tm.close();
  await ctx.close();
});

/** One more instance on the context's Redis, with its own rate-limit counters. */
async function instance(reads: number): Promise<{ app: Express; limits: RateLimits }> {
  const config = { ...ctx.config, rateReadPerMin: reads, rateWritePerMin: 10 };
  const limits = new RateLimits(ctx.access, config, silentLogger);
  const tm = new TranslationMemory(ctx.store, silentLogger, config.defaultTm, 'notify');
  tms.push(tm);
  const translator = await createTranslator();
  return {
    app: createApp({ tm, translator, config, logger: silentLogger, version: 'test', rateLimits: limits }),
    limits,
  };
}

const counter = (keyId: string) => ctx.redis.get(`${ctx.keys.rateLimit('r')}k:${keyId}`);

describe('rate limits shared by two instances on one Redis', () => {
  it('send every request counted in an instance to the one counter of its client, once', async () => {
    const [a, b, c] = [await instance(READS), await instance(READS), await instance(READS)];
    const { id, key } = await ctx.access.create('read', 'shared');
    const get = (app: Express) => request(app).get('/api/v1/tms').set('Authorization', `Bearer ${key}`).expect(200);
    for (let i = 0; i < 30; i++) {
      const res = await get(a.app);
      // Only this instance has counted this client so far: its reckoning is the whole count.
      expect(res.headers.ratelimit).toMatch(new RegExp(`^"${READS}-in-1min"; r=${READS - i - 1}; t=\\d+$`));
      expect(res.headers['ratelimit-policy']).toMatch(new RegExp(`^"${READS}-in-1min"; q=${READS}; w=60; pk=:.+:$`));
    }
    for (let i = 0; i < 20; i++) await get(b.app);
    await a.limits.flush();
    await b.limits.flush();
    expect(await counter(id)).toBe('50');
    const ttl = await ctx.redis.pttl(`${ctx.keys.rateLimit('r')}k:${id}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
    // A third instance starts from the shared count.
    expect((await get(c.app)).headers.ratelimit).toMatch(new RegExp(`; r=${READS - 51}; `));
    const counters = (await keysUnder(ctx.redis, ctx.keys)).filter((k) => k.includes(id));
    expect(counters).toEqual([`${ctx.keys.rateLimit('r')}k:${id}`]);
  });

  it('refuse a client on both instances once their counts together reach its budget, then without Redis', async () => {
    const [a, b] = [await instance(SMALL_READS), await instance(SMALL_READS)];
    const { id, key } = await ctx.access.create('read', 'spender');
    const get = (app: Express) =>
      request(app).get('/api/v1/tms').set('Authorization', `Bearer ${key}`).set('Accept-Language', 'en');
    for (let i = 0; i < SMALL_READS / 2; i++) await get(a.app).expect(200);
    for (let i = 0; i < SMALL_READS / 2; i++) await get(b.app).expect(200);
    await a.limits.flush();
    await b.limits.flush();
    for (const app of [a.app, b.app]) {
      const res = await get(app).expect(429);
      expect(res.body.error.code).toBe('RATE_LIMITED');
      expect(res.body.error.message).toMatch(new RegExp(`^Too many requests: at most ${SMALL_READS} reads a minute`));
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect(res.headers.ratelimit).toMatch(/; r=0; /);
    }
    const total = Number(await counter(id));
    expect(total).toBeGreaterThanOrEqual(SMALL_READS);
    // Both instances now know the client is past its budget: further refusals cost Redis nothing.
    for (let i = 0; i < 5; i++) for (const app of [a.app, b.app]) await get(app).expect(429);
    await a.limits.flush();
    await b.limits.flush();
    expect(Number(await counter(id))).toBe(total);
  });

  it('keep counting per address for requests without a key, apart from the keys', async () => {
    const [a, b] = [await instance(SMALL_READS), await instance(SMALL_READS)];
    await request(a.app).get('/api/v1/tms').expect(200);
    await request(b.app).get('/api/v1/tms').expect(200);
    await a.limits.flush();
    await b.limits.flush();
    const ip = (await keysUnder(ctx.redis, ctx.keys)).filter((k) => k.startsWith(`${ctx.keys.rateLimit('r')}ip:`));
    expect(ip).toHaveLength(1);
    expect(Number(await ctx.redis.get(ip[0]!))).toBe(2);
  });
});
