/**
 * An import whose Redis goes away while it reads or commits (DESIGN.md, "Import jobs", (a) and (c)). Reading: once
 * Redis is back, the job is recorded `failed` with STORE_UNAVAILABLE and what it staged is dropped, the TM as it was.
 * Committing: the commit is rolled forward — run again from where it stands once Redis is back — and the job ends
 * `done`, the TM as a clean import of the file leaves it (also when the process closes meanwhile: the next instance
 * resumes it); only when Redis stays away past the retries does it fail, with IMPORT_COMMIT_INCOMPLETE, and importing
 * the same file again completes the TM.
 */
import { silentLogger } from '../../src/config';
import { Imports, type ImportSettings, type JobView } from '../../src/service/imports';
import { ImportStore } from '../../src/store';
import { createTestContext, type TestContext } from '../helpers/context';
import { startPrivateRedis, type PrivateRedis } from '../helpers/redis-server';
import { allUnits, bilingualTmx } from '../helpers/tm-import';

jest.setTimeout(90_000);

let redis: PrivateRedis;
let ctx: TestContext;
beforeAll(async () => {
  redis = await startPrivateRedis(undefined, undefined, true);
  ctx = await createTestContext({ redisUrl: redis.url, seed: false });
});
afterAll(async () => {
  await ctx.close();
  await redis.server.stop();
});

const file = (n: number) =>
  bilingualTmx(
    n,
    (i) => `جملة رقم ${i}`,
    (i) => `Sentence ${i}`,
  );
const UNITS = 40_000;

const settings = { stageChunk: 100, commitChunk: 100, readThread: 'inline' as const };
const importsWith = (more: Partial<ImportSettings> = {}) =>
  new Imports(new ImportStore(ctx.redis, ctx.keys), () => undefined, silentLogger, { ...settings, ...more });

/**
 * Imports the file into `tm`, stopping Redis the first time the job reports `when`; Redis is back `downMs` later, or
 * (`downMs` undefined) only once the import has given up. What the import ended with (its job, or its error), every
 * job view it reported, the job's id, and which view was the last before Redis went away.
 */
async function importThroughRestart(
  tm: string,
  when: (job: JobView) => boolean,
  imports: Imports,
  downMs?: number,
): Promise<{ outcome: JobView | Error; seen: JobView[]; id: string; downAt: number }> {
  let stopped: Promise<void> | undefined;
  let restarted: Promise<void> | undefined;
  const restart = async () => {
    await stopped;
    redis = await startPrivateRedis(redis.port, redis.dataDir, true);
  };
  const seen: JobView[] = [];
  let downAt = -1;
  const onProgress = (job: JobView) => {
    seen.push(job);
    if (stopped || !when(job)) return;
    downAt = seen.length - 1;
    stopped = redis.server.stop();
    if (downMs !== undefined) restarted = new Promise((r) => setTimeout(r, downMs)).then(restart);
  };
  const outcome = await imports.run(tm, [file(UNITS)], { onProgress }).catch((err: Error) => err);
  await (restarted ?? (stopped && restart()));
  return { outcome, seen, id: seen[0]!.id, downAt };
}

/** Polls the job until it has `status` (Redis may still be coming back); its view. */
async function jobOnceIt(imports: Imports, id: string, status: string): Promise<JobView | undefined> {
  const deadline = Date.now() + 30_000;
  let job: JobView | undefined;
  while (Date.now() < deadline) {
    job = await imports.get(id).catch(() => undefined);
    if (job && job.status === status) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return job;
}

/** The unit ids of the TM's log entries (each entry names up to 1,000 of them), in order. */
async function loggedIds(tm: string): Promise<string[]> {
  const entries = await ctx.redis.xrange(ctx.keys.log(tm), '-', '+');
  return entries.flatMap(([, fields]) => (fields[fields.indexOf('ids') + 1] ?? '').split(' '));
}

const unitsOf = async (tm: string) => (await allUnits(ctx.app, tm)).map((u) => ({ ...u, updated: undefined }));

describe('an import whose Redis restarts', () => {
  it('while reading is recorded failed with STORE_UNAVAILABLE once Redis is back, its staging dropped', async () => {
    const imports = importsWith();
    const { outcome, id } = await importThroughRestart(
      'outage-read',
      (job) => job.status === 'running' && job.units.staged >= 1000,
      imports,
      1000,
    );
    expect(outcome).toBeInstanceOf(Error);
    expect(await jobOnceIt(imports, id, 'failed')).toMatchObject({
      status: 'failed',
      error: { code: 'STORE_UNAVAILABLE' },
    });
    expect(await ctx.redis.keys(`${ctx.keys.importStaged('outage-read', id)}*`)).toEqual([]); // a private Redis
    expect(await ctx.redis.sismember(ctx.keys.tms(), 'outage-read')).toBe(0);
    await imports.close();
  });

  it('while committing rolls the commit forward once Redis is back: done, the TM as a clean import leaves it', async () => {
    const imports = importsWith();
    const tm = 'outage-commit';
    const { outcome, seen, id, downAt } = await importThroughRestart(
      tm,
      (job) => job.status === 'committing' && job.units.written >= 1000,
      imports,
      1000,
    );
    expect(outcome).toMatchObject({ status: 'done', units: { staged: UNITS, written: UNITS, unchanged: 0 } });
    // The job stayed committing throughout, and its progress went on after the outage.
    expect(seen.slice(0, -1).every((job) => job.status === 'running' || job.status === 'committing')).toBe(true);
    const after = seen.slice(downAt + 1, -1).map((job) => job.units.written);
    expect(after.length).toBeGreaterThan(0);
    expect(Math.max(...after)).toBeGreaterThan(seen[downAt]!.units.written);
    expect(await imports.get(id)).toMatchObject({ status: 'done', units: { written: UNITS } });
    expect(await ctx.redis.keys(`${ctx.keys.importStaged(tm, id)}*`)).toEqual([]);

    const clean = await importsWith().run('clean-commit', [file(UNITS)]);
    expect(clean).toMatchObject({ status: 'done', units: { written: UNITS } });
    expect(await ctx.redis.scard(ctx.keys.units(tm))).toBe(UNITS);
    expect(await unitsOf(tm)).toEqual(await unitsOf('clean-commit'));
    // Each unit logged once: no chunk applied again wrote or logged anything.
    const logged = await loggedIds(tm);
    expect(logged).toHaveLength(UNITS);
    expect(new Set(logged).size).toBe(UNITS);
    expect(new Set(logged)).toEqual(new Set(await ctx.redis.smembers(ctx.keys.units(tm))));
    await imports.close();
  });

  it('while committing, its process closing meanwhile, is left committing and resumed by the next: done', async () => {
    const imports = importsWith();
    const tm = 'outage-close';
    let stopped: Promise<void> | undefined;
    const onProgress = (job: JobView) => {
      if (!stopped && job.status === 'committing' && job.units.written >= 1000) stopped = redis.server.stop();
    };
    const id = await imports.create(tm);
    await imports.read(id, tm, [file(UNITS)]);
    const committing = imports.commit(id, tm, { onProgress }).catch((err: Error) => err);
    while (!stopped) await new Promise((r) => setTimeout(r, 20));
    await stopped;
    await imports.close(); // the server stops while its commit waits for Redis: nothing is recorded, nothing dropped
    expect(await committing).toBeInstanceOf(Error); // given up (its last read of the job refused: Redis away)
    redis = await startPrivateRedis(redis.port, redis.dataDir, true);
    while (!(await ctx.redis.ping().catch(() => undefined))) await new Promise((r) => setTimeout(r, 100));
    expect(await ctx.redis.hget(ctx.keys.job(id), 'status')).toBe('committing');
    await ctx.redis.hset(ctx.keys.job(id), { heartbeat: Date.now() - 60_000 }); // as the next start finds it

    const next = importsWith();
    expect(await next.sweep()).toEqual([id]);
    await next.close();
    expect(await next.get(id)).toMatchObject({
      status: 'done',
      units: { staged: UNITS, written: UNITS, unchanged: 0 },
    });
    expect(await ctx.redis.keys(`${ctx.keys.importStaged(tm, id)}*`)).toEqual([]);
    const clean = await importsWith().run('clean-close', [file(UNITS)]);
    expect(clean).toMatchObject({ status: 'done', units: { written: UNITS } });
    expect(await unitsOf(tm)).toEqual(await unitsOf('clean-close'));
    const logged = await loggedIds(tm);
    expect(logged).toHaveLength(UNITS);
    expect(new Set(logged).size).toBe(UNITS);
  });

  it('while committing, for longer than the retries, fails with IMPORT_COMMIT_INCOMPLETE; importing again completes it', async () => {
    // Redis away until the commit's retries have run out (250 + 500 + 1000 + 2000 ms of backoff, the next 4 s past
    // the limit), then back within the retries of the job's end (tried again 0.25, 0.75, 1.75 and 3.75 s later).
    const imports = importsWith({ endRetryMs: 5000 });
    const tm = 'outage-long';
    const { outcome, id } = await importThroughRestart(
      tm,
      (job) => job.status === 'committing' && job.units.written >= 1000,
      imports,
    );
    expect(outcome).toBeInstanceOf(Error); // given up while Redis was still away: the job unreadable then
    const job = await jobOnceIt(imports, id, 'failed');
    expect(job).toMatchObject({ status: 'failed', error: { code: 'IMPORT_COMMIT_INCOMPLETE' } });
    const written = Number(job!.error!.params.written);
    expect(written).toBeGreaterThanOrEqual(1000);
    const held = await ctx.redis.scard(ctx.keys.units(tm));
    expect(held).toBeGreaterThanOrEqual(written);
    expect(held).toBeLessThan(UNITS);
    expect(await ctx.redis.keys(`${ctx.keys.importStaged(tm, id)}*`)).toEqual([]);
    await imports.close();

    const again = await importsWith().run(tm, [file(UNITS)]);
    expect(again).toMatchObject({ status: 'done', units: { written: UNITS - held, unchanged: held } });
    expect(await ctx.redis.scard(ctx.keys.units(tm))).toBe(UNITS);
  });
});
