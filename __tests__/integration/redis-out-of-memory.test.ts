/**
 * A Redis at its maxmemory (policy noeviction) refuses writes with OOM: mizan answers 503 STORE_OUT_OF_MEMORY, a
 * code that says what is wrong, not INTERNAL, and an import that meets it fails its job with that code, its staging
 * dropped and the TM as it was.
 */
import request from 'supertest';
import { silentLogger } from '../../src/config';
import { Imports } from '../../src/service/imports';
import { ImportStore } from '../../src/store';
import { createTestContext, keysUnder, type TestContext } from '../helpers/context';
import { startPrivateRedis, type PrivateRedis } from '../helpers/redis-server';
import { generatedTmx, tmChecksum } from '../helpers/tm-import';

jest.setTimeout(60_000);

let redis: PrivateRedis;
let ctx: TestContext;
beforeAll(async () => {
  redis = await startPrivateRedis();
  ctx = await createTestContext({ seed: false, redisUrl: redis.url });
});
afterAll(async () => {
  await ctx.redis.config('SET', 'maxmemory', '0');
  await ctx.close();
  await redis.server.stop();
});

const usedMemory = async () => Number(/used_memory:(\d+)/.exec(await ctx.redis.info('memory'))![1]);

describe('a Redis out of memory', () => {
  it('fails an import with STORE_OUT_OF_MEMORY, its staging dropped and the TM as it was', async () => {
    const imports = new Imports(new ImportStore(ctx.redis, ctx.keys), () => undefined, silentLogger, {});
    const before = await tmChecksum(ctx.redis, ctx.keys, 'full');
    const id = await imports.create('full');
    await ctx.redis.config('SET', 'maxmemory', String((await usedMemory()) + (1 << 19)));
    try {
      // The read throws what failed it, as the CLI shows; the job records it.
      await expect(imports.read(id, 'full', [generatedTmx(20_000)])).rejects.toMatchObject({
        code: 'STORE_OUT_OF_MEMORY',
      });
      const job = await imports.get(id);
      expect(job).toMatchObject({ status: 'failed', error: { code: 'STORE_OUT_OF_MEMORY' } });
    } finally {
      await ctx.redis.config('SET', 'maxmemory', '0');
    }
    expect(await tmChecksum(ctx.redis, ctx.keys, 'full')).toBe(before);
    expect((await keysUnder(ctx.redis, ctx.keys)).filter((key) => key.includes('{tm:full}:import:'))).toEqual([]);
  });

  it('answers a write 503 STORE_OUT_OF_MEMORY with Retry-After, reads still answered', async () => {
    await ctx.redis.config('SET', 'maxmemory', '1');
    try {
      const res = await request(ctx.app).post('/api/v1/documents').send({ ar: 'نص تجريبي.', en: 'A test.' });
      expect(res.status).toBe(503);
      expect(res.body.error).toMatchObject({ code: 'STORE_OUT_OF_MEMORY' });
      expect(res.body.error.message).toMatch(/out of memory/);
      expect(res.headers['retry-after']).toBeDefined();
      await request(ctx.app).get('/healthz').expect(200);
    } finally {
      await ctx.redis.config('SET', 'maxmemory', '0');
    }
  });
});
