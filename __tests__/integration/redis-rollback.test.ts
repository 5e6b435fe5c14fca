import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { createLogger } from '../../src/config';
import { createTestContext, type TestContext } from '../helpers/context';
import { startPrivateRedis, type PrivateRedis } from '../helpers/redis-server';

// This file restarts a Redis of its own from an older snapshot and empties it; the shared test Redis is not touched.
let redis: PrivateRedis;
let ctx: TestContext;
const lines: string[] = [];

beforeAll(async () => {
  redis = await startPrivateRedis();
  ctx = await createTestContext({ redisUrl: redis.url, logger: createLogger('info', { write: (l) => lines.push(l) }) });
});
afterAll(async () => {
  await ctx.close();
  await redis.server.stop();
});

const match = (q: string) => request(ctx.app).get('/api/v1/match').query({ q, tgt: 'en', min: 90 }).expect(200);
const ids = (res: request.Response) => (res.body.matches as { unitId: string }[]).map((m) => m.unitId);

async function until(condition: () => Promise<boolean>, ms = 10_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

describe('when Redis comes back with older data', () => {
  it('does not match a unit written after the snapshot, nor serve an answer cached before the rollback', async () => {
    const kept = 'وصل الوفد الصيني إلى العاصمة صباح يوم الاثنين الماضي';
    const lost = 'ناقش الطرفان خطة جديدة لتطوير النقل البحري بين البلدين';
    await request(ctx.app).post('/api/v1/units').send({ ar: kept, en: 'kept' }).expect(201);
    // A first query makes the TM's index and writes the deployment's epoch, as a server does when it starts: the
    // snapshot holds it, so the rollback is seen by the seq (not as other data, which the epoch check would race).
    expect(ids(await match(kept))).toHaveLength(1);
    await ctx.redis.save(); // the snapshot a restore will bring back
    const snapshot = path.join(redis.dataDir, 'snapshot.rdb');
    fs.copyFileSync(path.join(redis.dataDir, 'dump.rdb'), snapshot);

    const ghost = (await request(ctx.app).post('/api/v1/units').send({ ar: lost, en: 'lost' }).expect(201)).body;
    expect(ids(await match(lost))).toEqual([ghost.unitId]);
    expect(ids(await match(lost))).toEqual([ghost.unitId]); // now answered from the answer cache

    // Roll Redis back: stop it, put the snapshot in place, start it again on the same port.
    await redis.server.stop();
    fs.copyFileSync(snapshot, path.join(redis.dataDir, 'dump.rdb'));
    redis = await startPrivateRedis(redis.port, redis.dataDir);
    expect(await until(async () => (await request(ctx.app).get('/readyz')).status === 200)).toBe(true);

    expect(ids(await match(lost))).toEqual([]);
    await request(ctx.app).get(`/api/v1/units/${ghost.unitId}`).expect(404);
    expect(ids(await match(kept))).toHaveLength(1);
    expect(lines.filter((l) => /Redis holds older data than this process saw/.test(l))).toHaveLength(1);

    // The TM's seq climbs back to the number the cached answer was stored at: that answer is still not served.
    await request(ctx.app).post('/api/v1/units').send({ ar: 'جملة أخرى بعد الاستعادة تماما', en: 'other' });
    expect(ids(await match(lost))).toEqual([]);
  }, 30_000);

  it('rebuilds from Redis when its data was replaced (FLUSHALL: the epoch is gone)', async () => {
    const text = 'أعلنت الوزارة عن برنامج جديد لتدريب المترجمين الشباب';
    const from = lines.length; // this test's own lines: the restart above may be seen late
    const unit = (await request(ctx.app).post('/api/v1/units').send({ ar: text, en: 'x' }).expect(201)).body;
    expect(ids(await match(text))).toEqual([unit.unitId]);
    const apiKeys = await ctx.redis.hgetall(ctx.keys.apiKeys());
    await ctx.redis.flushall();
    await ctx.redis.hset(ctx.keys.apiKeys(), apiKeys); // the context's admin key, so that it may still ask
    // Nothing is written afterwards: no notification and no seq tell the process; the epoch check does.
    expect(await until(async () => ids(await match(text)).length === 0)).toBe(true);
    // The mirror may see the log go back (seq lower than seen) before the periodic epoch check logs the change.
    const replaced = () => lines.slice(from).filter((l) => /was replaced \(epoch [0-9a-f]+ → [0-9a-f]+\)/.test(l));
    expect(await until(async () => replaced().length > 0)).toBe(true);
    expect(replaced()).toHaveLength(1);
  }, 30_000);
});
