/**
 * The change feed on the suite's Redis: plain pub/sub on a standalone server, sharded pub/sub (SPUBLISH from the
 * write scripts, SSUBSCRIBE on the master of the TM's slot) on a Redis 7 cluster.
 */
import { silentLogger } from '../../src/config';
import { ChangeFeed, isCluster, pubSubMode, UnitStore, type ChangeListener } from '../../src/store';
import { createTestContext, type TestContext } from '../helpers/context';
import { waitFor } from '../helpers/server-process';

let ctx: TestContext;
let feed: ChangeFeed;

beforeAll(async () => {
  ctx = await createTestContext({ seed: false });
  feed = new ChangeFeed(ctx.redis, ctx.keys, silentLogger);
});
afterAll(async () => {
  await feed.close();
  await ctx.close();
});

function recorder(): ChangeListener & { seqs: number[] } {
  const seqs: number[] = [];
  return { seqs, changed: (seq) => seqs.push(seq), unsure: () => {} };
}

describe('the change feed', () => {
  it('publishes the way the Redis calls for: sharded on a cluster, plain on a standalone server', () => {
    expect(pubSubMode(ctx.redis)).toBe(isCluster(ctx.redis) ? 'sharded' : 'plain');
  });

  it('tells the listeners of every TM the seq of each write to it, and only to it', async () => {
    const units = new UnitStore(ctx.redis, ctx.keys);
    const tms = ['feed-a', 'feed-b', 'feed-c', 'feed-d'];
    const heard = tms.map(() => recorder());
    tms.forEach((tm, i) => feed.watch(tm, heard[i]!));
    expect(await waitFor(() => tms.every((tm) => feed.isLive(tm)), 10_000)).toBe(true);

    for (const [i, tm] of tms.entries()) {
      for (let n = 0; n <= i; n++) await units.create(tm, `u${n}`, { ar: `وحدة رقم ${n}`, en: `unit ${n}` });
    }
    expect(await waitFor(() => heard.every((h, i) => h.seqs.length === i + 1), 10_000)).toBe(true);
    heard.forEach((h, i) => expect(h.seqs).toEqual([...Array(i + 1).keys()].map((n) => n + 1)));
  });
});
