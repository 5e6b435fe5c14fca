/**
 * Import jobs whose process stopped — died, or stalled long enough to be taken for dead — are taken over by a live
 * instance (DESIGN.md, "Import jobs", (c)): a commit is resumed from the staged batches and ends `done`, the TM as a
 * clean import leaves it; the old owner, if it wakes, is fenced out of every write; a reading cannot be resumed, so
 * the job is failed with IMPORT_ABANDONED and its staging dropped, the TM as it was.
 */
import { silentLogger, type Logger } from '../../src/config';
import { Imports, type ImportSettings, type JobView } from '../../src/service/imports';
import { ImportStore, type RedisClient } from '../../src/store';
import { createTestContext, keysUnder, type TestContext } from '../helpers/context';
import { allUnits, bilingualTmx } from '../helpers/tm-import';

jest.setTimeout(30_000);

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ seed: false });
});
afterAll(() => ctx.close());

const UNITS = 50;
const file = bilingualTmx(
  UNITS,
  (i) => `جملة مستأنفة ${i}`,
  (i) => `Resumed ${i}`,
);
// Ten units a call: the commit of the file is five calls, so a process can stop between two of them.
const settings = { stageChunk: 10, commitChunk: 10, readThread: 'inline' as const };
const importsOn = (redis: RedisClient, more: Partial<ImportSettings> = {}, logger: Logger = silentLogger) =>
  new Imports(new ImportStore(redis, ctx.keys), () => undefined, logger, { ...settings, ...more });

/** What a process that stopped beating a minute ago looks like to the others. */
const silence = (id: string) => ctx.redis.hset(ctx.keys.job(id), { heartbeat: Date.now() - 60_000 });

const stagedKeys = async (tm: string) =>
  (await keysUnder(ctx.redis, ctx.keys)).filter((key) => key.startsWith(ctx.keys.tmKey(tm, 'import:')));
const unitsOf = async (tm: string) => (await allUnits(ctx.app, tm)).map((u) => ({ ...u, updated: undefined }));
const loggedIds = async (tm: string) =>
  (await ctx.redis.xrange(ctx.keys.log(tm), '-', '+')).flatMap(([, f]) => f[f.indexOf('ids') + 1]!.split(' '));

/** Polls the job until it has ended; every status it was answered with on the way, and its last view. */
async function followJob(imports: Imports, id: string): Promise<{ seen: string[]; job: JobView }> {
  const seen: string[] = [];
  for (const deadline = Date.now() + 20_000; Date.now() < deadline;) {
    const job = await imports.get(id);
    seen.push(job.status);
    if (['done', 'failed', 'cancelled'].includes(job.status)) return { seen, job };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`job ${id} did not end`);
}

/** The TM as a clean import of the same file leaves it, and each of its units logged once. */
async function expectCleanImport(tm: string): Promise<void> {
  const clean = `${tm}-clean`;
  expect(await importsOn(ctx.redis).run(clean, [file])).toMatchObject({ status: 'done', units: { written: UNITS } });
  expect(await unitsOf(tm)).toEqual(await unitsOf(clean));
  const logged = await loggedIds(tm);
  expect(logged).toHaveLength(UNITS);
  expect(new Set(logged)).toEqual(new Set(await ctx.redis.smembers(ctx.keys.units(tm))));
}

/**
 * A client that stalls at its `n`th commit call: that call and every command after it wait until `wake()`, as in a
 * process paused (a long GC, a debugger, a network partition) with its calls in flight, which go out when it wakes.
 */
function stallingAtCommit(redis: RedisClient, n: number) {
  let calls = 0;
  let gate: Promise<void> | undefined;
  let open = () => undefined as void;
  let stalled = () => undefined as void;
  const paused = new Promise<void>((r) => (stalled = r));
  const client = new Proxy(redis, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function' || prop === 'multi') return value;
      return (...args: unknown[]) => {
        if (prop === 'commitImport' && ++calls === n) {
          gate = new Promise<void>((r) => (open = r));
          stalled();
        }
        return gate ? gate.then(() => value.apply(target, args) as unknown) : (value.apply(target, args) as unknown);
      };
    },
  });
  return { client, paused, wake: () => open() };
}

describe('an import whose process stopped while committing', () => {
  it('is resumed by another instance and ends done, the TM as a clean import leaves it', async () => {
    const tm = 'resumed';
    // The process that dies: it reads the file, begins the commit, and stops after a few of its five calls.
    const dead = importsOn(ctx.redis);
    const store = new ImportStore(ctx.redis, ctx.keys);
    const id = await dead.create(tm);
    await dead.read(id, tm, [file]);
    const owner = Number(await ctx.redis.hget(ctx.keys.job(id), 'owner'));
    expect(await store.transition(id, 'commit', { owner })).toBe('done');
    expect(await store.own(tm, id, owner, 60_000)).toBe(true);
    const dies = () => Promise.reject(new Error('the process dies here'));
    await expect(store.commit(tm, id, 10, dies, UNITS, owner)).rejects.toThrow('the process dies here');
    await dead.close();
    await silence(id);
    const held = await ctx.redis.scard(ctx.keys.units(tm));
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThan(UNITS);

    // An instance that does not take jobs over answers the commit as it stands, not failed.
    expect(await importsOn(ctx.redis).get(id)).toMatchObject({ status: 'committing' });
    const live = importsOn(ctx.redis);
    live.watch();
    const { seen, job } = await followJob(live, id);
    await live.close();
    expect(seen.every((status) => status === 'committing' || status === 'done')).toBe(true);
    expect(job).toMatchObject({ status: 'done', units: { staged: UNITS, written: UNITS, unchanged: 0 } });
    expect(job.error).toBeUndefined();
    expect(await stagedKeys(tm)).toEqual([]);
    expect(await ctx.redis.sismember(ctx.keys.liveJobs(), id)).toBe(0);
    await expectCleanImport(tm);
  });

  it('fences out the old owner when it wakes: its late calls and writes change neither job nor TM', async () => {
    const tm = 'stalled';
    const { client, paused, wake } = stallingAtCommit(ctx.redis, 3);
    const warnings: string[] = [];
    const old = importsOn(client, { heartbeatMs: 60_000 }, { ...silentLogger, warn: (m) => warnings.push(m) });
    const id = await old.create(tm);
    await old.read(id, tm, [file]);
    const committing = old.commit(id, tm);
    await paused;
    await silence(id);
    const before = await ctx.redis.scard(ctx.keys.units(tm));
    expect(before).toBe(20); // stalled mid-commit, two calls in, its next ones waiting to go out

    const live = importsOn(ctx.redis);
    expect(await live.sweep()).toEqual([id]);
    await live.close();
    const ended = await ctx.redis.hgetall(ctx.keys.job(id));
    expect(ended).toMatchObject({ status: 'done', written: String(UNITS), unchanged: '0' });
    const logged = await loggedIds(tm);

    wake();
    // The old owner's calls in flight go out now: refused, it stops without an end of its own.
    expect(await committing).toMatchObject({ status: 'done', units: { written: UNITS } });
    await old.close();
    expect(warnings).toEqual([expect.stringContaining('another process took the commit over; this one stops')]);
    expect(await ctx.redis.hgetall(ctx.keys.job(id))).toEqual(ended);
    expect(await loggedIds(tm)).toEqual(logged);
    expect(await stagedKeys(tm)).toEqual([]); // not even the mark of a lost batch
    const store = new ImportStore(ctx.redis, ctx.keys);
    expect(await store.writeOwned(id, 1, { status: 'failed' })).toBe(false);
    await expectCleanImport(tm);
  });

  it('that had begun to end the job is ended by the new owner as it meant, not committed again', async () => {
    const tm = 'ending';
    const dead = importsOn(ctx.redis);
    const store = new ImportStore(ctx.redis, ctx.keys);
    const id = await dead.create(tm);
    await dead.read(id, tm, [file]);
    const owner = Number(await ctx.redis.hget(ctx.keys.job(id), 'owner'));
    await store.transition(id, 'commit', { owner });
    await store.own(tm, id, owner, 60_000);
    const counts = await store.commit(tm, id, 10, undefined, UNITS, owner);
    // It wrote the end to come, then died before deleting its staging and writing the end.
    const end = {
      status: 'done',
      written: counts.written,
      unchanged: 0,
      merge: '{"extended":0,"conflicts":{"en":0,"zh":0}}',
    };
    expect(await store.writeOwned(id, owner, { ending: JSON.stringify(end) })).toBe(true);
    await dead.close();
    await silence(id);

    const live = importsOn(ctx.redis);
    expect(await live.sweep()).toEqual([id]);
    await live.close();
    expect(await ctx.redis.hget(ctx.keys.job(id), 'ending')).toBeNull();
    expect(await live.get(id)).toMatchObject({ status: 'done', units: { written: UNITS, unchanged: 0 } });
    expect(await stagedKeys(tm)).toEqual([]);
    await expectCleanImport(tm);
  });
});

describe('an import whose process stopped while reading', () => {
  it('is failed with IMPORT_ABANDONED by a live instance, its staging dropped, the TM as it was', async () => {
    const tm = 'abandoned-reading';
    const dead = importsOn(ctx.redis);
    const id = await dead.create(tm);
    await dead.read(id, tm, [file]); // staged, never committed: the process "dies" here
    await dead.close();
    await silence(id);
    expect((await stagedKeys(tm)).length).toBeGreaterThan(0);

    const live = importsOn(ctx.redis);
    expect(await live.sweep()).toEqual([id]);
    await live.close();
    expect(await ctx.redis.hgetall(ctx.keys.job(id))).toMatchObject({ status: 'failed' });
    expect(await live.get(id)).toMatchObject({ status: 'failed', error: { code: 'IMPORT_ABANDONED' } });
    expect(await stagedKeys(tm)).toEqual([]);
    expect(await ctx.redis.sismember(ctx.keys.tms(), tm)).toBe(0);
    expect(await ctx.redis.sismember(ctx.keys.liveJobs(), id)).toBe(0);
  });

  it('cannot be committed by its process when it wakes: the commit is refused and what it staged dropped', async () => {
    const tm = 'woke-after-reading';
    const stalled = importsOn(ctx.redis, { heartbeatMs: 60_000 });
    const id = await stalled.create(tm);
    await stalled.read(id, tm, [file]);
    await silence(id);
    expect(await importsOn(ctx.redis).sweep()).toEqual([id]);

    expect(await stalled.commit(id, tm)).toMatchObject({ status: 'failed', error: { code: 'IMPORT_ABANDONED' } });
    await stalled.close();
    expect(await ctx.redis.exists(ctx.keys.units(tm))).toBe(0);
    expect(await ctx.redis.sismember(ctx.keys.tms(), tm)).toBe(0);
    expect(await stagedKeys(tm)).toEqual([]);
  });
});
