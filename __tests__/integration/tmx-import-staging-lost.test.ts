/**
 * Staged records lost before the commit (evicted by a Redis whose maxmemory-policy lets it drop keys with a TTL, or
 * expired): the commit tells a batch it applied already from one that is gone, and a lost one fails the job with
 * IMPORT_STAGING_LOST. The job never says done, and never counts units that did not arrive as unchanged.
 */
import { silentLogger } from '../../src/config';
import { Imports } from '../../src/service/imports';
import { ImportStore } from '../../src/store';
import { createTestContext, keysUnder, type TestContext } from '../helpers/context';
import { bilingualTmx } from '../helpers/tm-import';

jest.setTimeout(30_000);

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ seed: false });
});
afterAll(() => ctx.close());

const file = bilingualTmx(
  20,
  (i) => `جملة مفقودة ${i}`,
  (i) => `Lost ${i}`,
);

/** Reads the file into a new job (5 units a batch) and returns it with its batches' ids, committed not yet. */
async function staged(tm: string) {
  const imports = new Imports(new ImportStore(ctx.redis, ctx.keys), () => undefined, silentLogger, {
    stageChunk: 5,
    commitChunk: 4,
  });
  const id = await imports.create(tm);
  await imports.read(id, tm, [file]);
  const batches = await ctx.redis.lrange(ctx.keys.importStaged(tm, id), 0, -1);
  expect(batches).toHaveLength(4);
  const batchKey = (n: number) => ctx.keys.importBatch(tm, id, batches[n]!.split(' ')[0]!);
  return { imports, id, batchKey };
}

const leftStaged = async (tm: string) =>
  (await keysUnder(ctx.redis, ctx.keys)).filter((key) => key.includes(`{tm:${tm}}:import:`));

describe('an import whose staged records are lost before the commit', () => {
  it('fails with IMPORT_STAGING_LOST when a batch is gone, and never says done', async () => {
    const { imports, id, batchKey } = await staged('evicted');
    expect(await ctx.redis.del(batchKey(2))).toBe(1);
    const job = await imports.commit(id, 'evicted');
    expect(job.status).toBe('failed');
    expect(job.error).toMatchObject({ code: 'IMPORT_STAGING_LOST' });
    expect(job.error?.params).toEqual({ written: 8 });
    // The chunks before the lost batch are in (the commit is chunked, 4 units a call): never the lost units, nor any
    // after them, though the calls after the lost one were sent before its answer came.
    expect(await ctx.redis.scard(ctx.keys.units('evicted'))).toBe(8);
    expect(await leftStaged('evicted')).toEqual([]);
  });

  it('fails with IMPORT_STAGING_LOST when the first batch is gone, before writing anything', async () => {
    const { imports, id, batchKey } = await staged('evicted-first');
    await ctx.redis.del(batchKey(0));
    const job = await imports.commit(id, 'evicted-first');
    expect(job).toMatchObject({ status: 'failed', error: { code: 'IMPORT_STAGING_LOST' } });
    expect(await ctx.redis.scard(ctx.keys.units('evicted-first'))).toBe(0);
  });

  it('fails with IMPORT_STAGING_LOST when the list of its batches is gone', async () => {
    const { imports, id } = await staged('evicted-list');
    await ctx.redis.del(ctx.keys.importStaged('evicted-list', id));
    const job = await imports.commit(id, 'evicted-list');
    expect(job).toMatchObject({ status: 'failed', error: { code: 'IMPORT_STAGING_LOST' } });
    expect(job.units.unchanged).toBe(0);
  });

  it('still commits a file whose staging is whole', async () => {
    const { imports, id } = await staged('whole');
    expect(await imports.commit(id, 'whole')).toMatchObject({ status: 'done', units: { written: 20, unchanged: 0 } });
    expect(await leftStaged('whole')).toEqual([]);
  });
});
