/**
 * A job whose process died (kill -9) while it read: its heartbeat stops, and past `abandonedMs` any instance answers
 * it `failed` with IMPORT_ABANDONED; a cancel drops what it staged; importing again works. (One that died while it
 * committed is resumed: tmx-import-resume.test.ts.)
 */
import { silentLogger } from '../../src/config';
import { MizanError } from '../../src/errors';
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
  50,
  (i) => `جملة متروكة ${i}`,
  (i) => `Left ${i}`,
);
const settings = { stageChunk: 10, readThread: 'inline' as const };

describe('a job whose process is gone', () => {
  it('is answered failed with IMPORT_ABANDONED, a cancel drops its staging, and importing again works', async () => {
    const tm = 'abandoned';
    const dead = new Imports(new ImportStore(ctx.redis, ctx.keys), () => undefined, silentLogger, settings);
    const id = await dead.create(tm);
    await dead.read(id, tm, [file]); // staged, never committed: the process "dies" here
    await dead.close();
    const old = Date.now() - 60_000;
    await ctx.redis.hset(ctx.keys.job(id), { heartbeat: old, updated: old });
    // SCAN on every master (KEYS asks one node of a cluster).
    const staged = async () =>
      (await keysUnder(ctx.redis, ctx.keys)).filter((k) => k.startsWith(ctx.keys.importStaged(tm, id)));
    expect((await staged()).length).toBeGreaterThan(0);

    const live = new Imports(new ImportStore(ctx.redis, ctx.keys), () => undefined, silentLogger, settings);
    expect(await live.get(id)).toMatchObject({ status: 'failed', error: { code: 'IMPORT_ABANDONED' } });
    const refused = await live.cancel(id).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(MizanError);
    expect(refused).toMatchObject({ code: 'JOB_NOT_CANCELLABLE' });
    expect(await staged()).toEqual([]);
    expect(await live.get(id)).toMatchObject({ status: 'failed', error: { code: 'IMPORT_ABANDONED' } });

    expect(await live.run(tm, [file])).toMatchObject({ status: 'done', units: { written: 50 } });
    await live.close();
  });

  it('is not abandoned while its process beats', async () => {
    const imports = new Imports(new ImportStore(ctx.redis, ctx.keys), () => undefined, silentLogger, {
      ...settings,
      heartbeatMs: 50,
      abandonedMs: 500,
    });
    const id = await imports.create('beating');
    await imports.read(id, 'beating', [file]);
    await new Promise((r) => setTimeout(r, 1000));
    const other = new Imports(new ImportStore(ctx.redis, ctx.keys), () => undefined, silentLogger, {
      abandonedMs: 500,
    });
    expect(await other.get(id)).toMatchObject({ status: 'running' });
    expect(await imports.commit(id, 'beating')).toMatchObject({ status: 'done', units: { written: 50 } });
    await imports.close();
  });
});
