/**
 * A TM's slot moves to another master while the app is under load (CLUSTER SETSLOT IMPORTING / MIGRATING, MIGRATE in
 * batches, SETSLOT NODE on every master): requests fail at most while the move lasts (ioredis follows MOVED and
 * ASK, retries TRYAGAIN; what still fails is a 503), every acknowledged write is there afterwards, and a second
 * instance, which listens to the TM's sharded channel, subscribes again on the new master and sees later writes.
 * Runs only on the cluster pass (MIZAN_TEST_REDIS=cluster).
 */
import request from 'supertest';
import type { Cluster } from 'ioredis';
import { silentLogger } from '../../src/config';
import { TranslationMemory } from '../../src/service';
import { ChangeFeed, type ChangeListener } from '../../src/store';
import { createTestContext, otherInstance, type OtherInstance, type TestContext } from '../helpers/context';
import { nodeCommand } from '../helpers/redis-cluster';
import { waitFor } from '../helpers/server-process';

let ctx: TestContext;
let otherTm: TranslationMemory;
let other: OtherInstance['app'];

beforeAll(async () => {
  ctx = await createTestContext();
  ({ app: other, tm: otherTm } = await otherInstance(ctx, 'notify'));
});
afterAll(async () => {
  await otherTm.close();
  await ctx.close();
});

const DIGITS = ['صفر', 'واحد', 'اثنان', 'ثلاثة', 'أربعة', 'خمسة', 'ستة', 'سبعة', 'ثمانية', 'تسعة'];
/** A distinct Arabic sentence per number, spelled in words (digits alone would not tell units apart). */
const sentence = (n: number) => `سجل الاختبار ${[...String(n)].map((d) => DIGITS[Number(d)]).join(' ')} في المجموعة`;

interface Outcome {
  start: number;
  end: number;
  status: number;
}

/** Moves one slot from its master to another, the way redis-cli --cluster reshard does. */
async function moveSlot(cluster: Cluster, slot: number): Promise<{ from: number; to: number }> {
  const masters = cluster.nodes('master').map((n) => Number(n.options.port));
  const from = Number(cluster.slots[slot]![0]!.split(':').pop());
  const to = masters.find((p) => p !== from)!;
  const id = async (port: number) => String(await nodeCommand(port, 'CLUSTER', 'MYID'));
  const [fromId, toId] = [await id(from), await id(to)];
  await nodeCommand(to, 'CLUSTER', 'SETSLOT', slot, 'IMPORTING', fromId);
  await nodeCommand(from, 'CLUSTER', 'SETSLOT', slot, 'MIGRATING', toId);
  for (let round = 0; round < 10_000; round++) {
    const keys = (await nodeCommand(from, 'CLUSTER', 'GETKEYSINSLOT', slot, 20)) as string[];
    if (keys.length === 0) break;
    await nodeCommand(from, 'MIGRATE', '127.0.0.1', to, '', 0, 5000, 'KEYS', ...keys);
    await new Promise((r) => setTimeout(r, 5)); // a few batches interleave with the load
  }
  for (const port of [to, from, ...masters.filter((p) => p !== to && p !== from)])
    await nodeCommand(port, 'CLUSTER', 'SETSLOT', slot, 'NODE', toId);
  return { from, to };
}

describe('a TM whose slot moves to another master under load', () => {
  it('fails requests only while the move lasts, loses no acknowledged write, and keeps notifying', async () => {
    const cluster = ctx.redis as Cluster;
    const slot = Number(await cluster.call('CLUSTER', 'KEYSLOT', ctx.keys.units('main')));
    const outcomes: Outcome[] = [];
    const acknowledged = new Map<string, string>(); // unit id → Arabic
    let n = 0;
    let stop = false;
    const timed = async (send: () => Promise<{ status: number }>) => {
      const start = Date.now();
      const { status } = await send();
      outcomes.push({ start, end: Date.now(), status });
      return status;
    };
    const writer = async () => {
      while (!stop) {
        const ar = sentence(n++);
        let id = '';
        const status = await timed(async () => {
          const res = await request(ctx.app).post('/api/v1/units').send({ ar, en: 'test record' });
          id = res.body.unitId;
          return res;
        });
        if (status === 201) acknowledged.set(id, ar);
      }
    };
    const reader = async () => {
      while (!stop) {
        const last = [...acknowledged.values()].pop() ?? sentence(0);
        await timed(() => request(other).get('/api/v1/match').query({ q: last, min: '90' }));
      }
    };
    const load = [writer(), writer(), reader(), reader()];

    await waitFor(() => acknowledged.size >= 20, 30_000);
    const moveStart = Date.now();
    const { from, to } = await moveSlot(cluster, slot);
    const moveEnd = Date.now();
    const before = acknowledged.size;
    await waitFor(() => acknowledged.size >= before + 20, 30_000);
    stop = true;
    await Promise.all(load);

    expect(from).not.toBe(to);
    expect(String(await nodeCommand(to, 'CLUSTER', 'COUNTKEYSINSLOT', slot))).not.toBe('0');
    expect(String(await nodeCommand(from, 'CLUSTER', 'COUNTKEYSINSLOT', slot))).toBe('0');
    const failed = outcomes.filter((o) => o.status >= 400);
    for (const f of failed) expect(f.status).toBe(503);
    // A generous window: a request that failed overlapped the move (give or take the client's retries).
    for (const f of failed) expect(f.end >= moveStart - 5000 && f.start <= moveEnd + 5000).toBe(true);
    expect(outcomes.filter((o) => o.status < 400).length).toBeGreaterThan(failed.length);

    // Every acknowledged write is in Redis and matchable on the other instance.
    for (const [id, ar] of acknowledged) {
      expect((await request(ctx.app).get(`/api/v1/units/${id}`).expect(200)).body.ar).toBe(ar);
      const best = (await request(other).get('/api/v1/match').query({ q: ar, min: '100' }).expect(200)).body;
      expect(best.matches[0]).toMatchObject({ unitId: id, score: 100 });
    }

    // A change feed that subscribes now finds the channel on the new master, and hears the next write.
    const feed = new ChangeFeed(ctx.redis, ctx.keys, silentLogger);
    try {
      const seqs: number[] = [];
      const listener: ChangeListener = { changed: (seq) => seqs.push(seq), unsure: () => {} };
      feed.watch('main', listener);
      expect(await waitFor(() => feed.isLive('main'), 10_000)).toBe(true);
      await request(ctx.app)
        .post('/api/v1/units')
        .send({ ar: sentence(999_999), en: 'after the move' })
        .expect(201);
      expect(await waitFor(() => seqs.length === 1, 10_000)).toBe(true);
    } finally {
      await feed.close();
    }
  }, 120_000);
});
