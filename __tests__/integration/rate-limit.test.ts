import request from 'supertest';
import { standaloneUnitId } from '../../src/service';
import { createTestContext, keysUnder, otherInstance, type OtherInstance, type TestContext } from '../helpers/context';

const READS = 4;
const WRITES = 2;
let ctx: TestContext;
let other: OtherInstance;

beforeAll(async () => {
  ctx = await createTestContext({ config: { rateReadPerMin: READS, rateWritePerMin: WRITES } });
  other = await otherInstance(ctx, 'notify');
});
afterAll(async () => {
  await other.tm.close();
  await ctx.close();
});

describe('rate limits', () => {
  it('count a key across instances sharing the Redis: 429 RATE_LIMITED with Retry-After and RateLimit headers', async () => {
    const key = (await ctx.access.create('read', 'reader')).key;
    const apps = [ctx.app, other.app];
    for (let i = 0; i < READS; i++) {
      const res = await request(apps[i % 2]!)
        .get('/api/v1/tms')
        .set('Authorization', `Bearer ${key}`)
        .expect(200);
      expect(res.headers['ratelimit-policy']).toMatch(new RegExp(`q=${READS}; w=60`));
      expect(res.headers.ratelimit).toMatch(new RegExp(`r=${READS - i - 1}; t=\\d+`));
    }
    for (const app of apps) {
      const res = await request(app)
        .get('/api/v1/tms')
        .set('Authorization', `Bearer ${key}`)
        .set('Accept-Language', 'en');
      expect(res.status).toBe(429);
      expect(res.body.error.code).toBe('RATE_LIMITED');
      expect(res.body.error.message).toMatch(new RegExp(`^Too many requests: at most ${READS} reads a minute`));
      const retryAfter = Number(res.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(res.headers.ratelimit).toMatch(/r=0;/);
    }
  });

  it('keep reads and writes apart, and each key and each address apart', async () => {
    const key = (await ctx.access.create('write', 'writer')).key;
    const as = (app: typeof ctx.app) => ({
      get: () => request(app).get('/api/v1/tms').set('Authorization', `Bearer ${key}`),
      post: (ar: string) => request(app).post('/api/v1/units').set('Authorization', `Bearer ${key}`).send({ ar }),
    });
    for (let i = 0; i < READS; i++) await as(ctx.app).get().expect(200);
    await as(other.app).get().expect(429);
    // The write budget is its own.
    await as(ctx.app).post('وحدة أولى للحد').expect(201);
    await as(other.app).post('وحدة ثانية للحد').expect(201);
    const third = await as(ctx.app).post('وحدة ثالثة للحد').set('Accept-Language', 'zh').expect(429);
    expect(third.body.error.message).toContain('写入');
    expect(await ctx.redis.exists(ctx.keys.unit('main', standaloneUnitId('main', 'وحدة ثالثة للحد')))).toBe(0);
    expect(await ctx.redis.exists(ctx.keys.unit('main', standaloneUnitId('main', 'وحدة ثانية للحد')))).toBe(1);
    // Without a key the request counts against its address; another key has its own budget.
    await request(ctx.rawApp).get('/api/v1/tms').expect(200);
    await request(ctx.app).get('/api/v1/tms').expect(200);
  });

  it('leave health checks and the description uncounted', async () => {
    for (let i = 0; i < READS + 2; i++) {
      const res = await request(ctx.rawApp).get('/healthz').expect(200);
      expect(res.headers.ratelimit).toBeUndefined();
    }
    await request(ctx.rawApp).get('/openapi.json').expect(200);
  });

  it('keep each client in one Redis key under the prefix (one per client and budget)', async () => {
    const counters = (await keysUnder(ctx.redis, ctx.keys)).filter((k) => k.startsWith(ctx.keys.rateLimit('r')));
    expect(counters.length).toBeGreaterThanOrEqual(3);
    for (const counter of counters) expect(counter).toMatch(/^mizan-test:[0-9a-f]{8}:rl:r:(k:k[0-9a-f]{16}|ip:.+)$/);
  });
});
