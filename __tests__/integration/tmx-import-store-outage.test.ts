/**
 * An import whose Redis goes away while it reads or commits: once Redis is back, the job is recorded `failed` with
 * STORE_UNAVAILABLE (DESIGN.md, "Import jobs", (a) and (c)) and what it staged is dropped, so a client polling it learns
 * to import the file again, which completes the TM.
 */
import { silentLogger } from '../../src/config';
import { Imports, type JobView } from '../../src/service/imports';
import { ImportStore } from '../../src/store';
import { createTestContext, type TestContext } from '../helpers/context';
import { startPrivateRedis, type PrivateRedis } from '../helpers/redis-server';

jest.setTimeout(60_000);

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

const head =
  '<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header creationtool="t" creationtoolversion="1" ' +
  'segtype="sentence" o-tmf="t" adminlang="en" srclang="ar" datatype="plaintext"/><body>';
const file = (n: number) =>
  head +
  Array.from(
    { length: n },
    (_, i) =>
      `<tu><tuv xml:lang="ar"><seg>جملة رقم ${i}</seg></tuv><tuv xml:lang="en"><seg>Sentence ${i}</seg></tuv></tu>`,
  ).join('') +
  '</body></tmx>';

const settings = { stageChunk: 100, commitChunk: 100, readThread: 'inline' as const };

/** Imports the file into `tm`, stopping Redis the first time the job reports `when`; Redis is back 1 s later. */
async function importThroughRestart(tm: string, when: (job: JobView) => boolean): Promise<string> {
  const imports = new Imports(new ImportStore(ctx.redis, ctx.keys), () => undefined, silentLogger, settings);
  let restarted: Promise<void> | undefined;
  let id = '';
  const onProgress = (job: JobView) => {
    id = job.id;
    if (restarted || !when(job)) return;
    restarted = (async () => {
      await redis.server.stop();
      await new Promise((r) => setTimeout(r, 1000));
      redis = await startPrivateRedis(redis.port, redis.dataDir, true);
    })();
  };
  await expect(imports.run(tm, [file(40_000)], { onProgress })).rejects.toThrow();
  await restarted;
  const deadline = Date.now() + 30_000;
  let job: JobView | undefined;
  while (Date.now() < deadline) {
    job = await imports.get(id).catch(() => undefined);
    if (job && job.status === 'failed') break;
    await new Promise((r) => setTimeout(r, 200));
  }
  expect(job).toMatchObject({ status: 'failed', error: { code: 'STORE_UNAVAILABLE' } });
  expect(await ctx.redis.keys(`${ctx.keys.importStaged(tm, id)}*`)).toEqual([]); // a private Redis: KEYS is fine
  await imports.close();
  return id;
}

describe('an import whose Redis restarts', () => {
  it('while reading is recorded failed with STORE_UNAVAILABLE once Redis is back, its staging dropped', async () => {
    await importThroughRestart('outage-read', (job) => job.status === 'running' && job.units.staged >= 1000);
    expect(await ctx.redis.sismember(ctx.keys.tms(), 'outage-read')).toBe(0);
  });

  it('while committing is recorded failed with STORE_UNAVAILABLE once Redis is back; importing again completes it', async () => {
    await importThroughRestart('outage-commit', (job) => job.status === 'committing' && job.units.written >= 1000);
    const again = new Imports(new ImportStore(ctx.redis, ctx.keys), () => undefined, silentLogger, settings);
    const job = await again.run('outage-commit', [file(40_000)]);
    expect(job.status).toBe('done');
    expect(job.units.written + job.units.unchanged).toBe(40_000);
    expect(await ctx.redis.scard(ctx.keys.units('outage-commit'))).toBe(40_000);
  });
});
