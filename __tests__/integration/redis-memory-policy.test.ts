/**
 * mizan needs Redis's maxmemory-policy noeviction (an evicting Redis drops staged imports or the TM itself): /readyz
 * reports the policy, and warns, without saying not ready, when it is one that evicts.
 */
import request from 'supertest';
import { isCluster, memoryPolicy, memoryPolicyWarning, type RedisClient } from '../../src/store';
import { createTestContext, type TestContext } from '../helpers/context';

jest.setTimeout(30_000);

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const masters = (redis: RedisClient) => (isCluster(redis) ? redis.nodes('master') : [redis]);

describe("Redis's maxmemory-policy", () => {
  it('is reported by /readyz, with no warning when it is noeviction', async () => {
    expect(await memoryPolicy(ctx.redis)).toBe('noeviction');
    const res = await request(ctx.app).get('/readyz').expect(200);
    expect(res.body).toMatchObject({ status: 'ready', maxmemoryPolicy: 'noeviction' });
    expect(res.body.warnings).toBeUndefined();
  });

  it('is warned about by /readyz when it evicts, the service still ready', async () => {
    for (const node of masters(ctx.redis)) await node.config('SET', 'maxmemory-policy', 'volatile-lru');
    try {
      const res = await request(ctx.app).get('/readyz').expect(200);
      expect(res.body).toMatchObject({ status: 'ready', maxmemoryPolicy: 'volatile-lru' });
      expect(res.body.warnings).toEqual([expect.stringContaining('set maxmemory-policy noeviction')]);
    } finally {
      for (const node of masters(ctx.redis)) await node.config('SET', 'maxmemory-policy', 'noeviction');
    }
  });

  it('warns of allkeys-* as evicting the TM itself, and says nothing when CONFIG is refused', () => {
    expect(memoryPolicyWarning('allkeys-lru')).toContain("the TM's own units");
    expect(memoryPolicyWarning('volatile-ttl')).toContain('staged imports');
    expect(memoryPolicyWarning('noeviction')).toBeUndefined();
    expect(memoryPolicyWarning(undefined)).toBeUndefined();
  });
});
