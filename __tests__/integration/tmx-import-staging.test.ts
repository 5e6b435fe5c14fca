/**
 * How an import's records wait in Redis between reading and commit (lua/stageImport, lua/commitImport): first records
 * in batches, later records of a unit in its patch. A chunk applied twice (its reply lost, sent again) changes
 * nothing, whatever batches and patches it spans; nothing staged is left once the job ends.
 */
import { silentLogger } from '../../src/config';
import { Imports } from '../../src/service/imports';
import { ImportStore, type RedisClient } from '../../src/store';
import { decodeRecord } from '../../src/store/unit-record';
import { createTestContext, keysUnder, type TestContext } from '../helpers/context';
import { allUnits } from '../helpers/tm-import';

jest.setTimeout(30_000);

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ seed: false });
});
afterAll(() => ctx.close());

const head =
  '<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header creationtool="t" creationtoolversion="1" ' +
  'segtype="sentence" o-tmf="t" adminlang="en" srclang="ar" datatype="plaintext"/><body>';
const tu = (i: number, lang: string, text: string, tuid = '') =>
  `<tu${tuid && ` tuid="${tuid}"`}><tuv xml:lang="ar"><seg>جملة رقم ${i}</seg></tuv>` +
  `<tuv xml:lang="${lang}"><seg>${text}</seg></tuv></tu>`;
/** 17 units: en for all, then zh for every other one (patches), a later tuid for some (a patch's metadata). */
const ids = Array.from({ length: 17 }, (_, i) => i);
const file =
  head +
  ids.map((i) => tu(i, 'en', `Sentence ${i}`, `a${i}`)).join('') +
  ids
    .filter((i) => i % 2 === 0)
    .map((i) => tu(i, 'zh', `第${i}句`, i % 4 === 0 ? `b${i}` : ''))
    .join('') +
  '</body></tmx>';

/** A Redis client whose commitImport calls each run twice, as a chunk sent again after its reply was lost. */
function twice(redis: RedisClient): RedisClient {
  const commitImport = (...args: Parameters<RedisClient['commitImport']>) =>
    redis.commitImport(...args).then(() => redis.commitImport(...args));
  return new Proxy(redis, {
    get: (target, name, receiver) =>
      name === 'commitImport' ? commitImport : (Reflect.get(target, name, receiver) as unknown),
  });
}

const sorted = async (tm: string) =>
  (await allUnits(ctx.app, tm)).map((u) => ({ ...u, updated: undefined })).sort((a, b) => a.ar.localeCompare(b.ar));

describe('staged records', () => {
  it('commit a chunk applied twice as once, across batches and patches, and leave nothing staged', async () => {
    const settings = { stageChunk: 5, commitChunk: 4 };
    for (const tm of ['once', 'twice']) await ctx.tm.createUnit(tm, { ar: 'جملة رقم 3', zh: 'قديم', en: '' }); // an existing unit, merged into
    const once = new Imports(new ImportStore(ctx.redis, ctx.keys), () => undefined, silentLogger, settings);
    const again = new Imports(new ImportStore(twice(ctx.redis), ctx.keys), () => undefined, silentLogger, settings);
    const jobOnce = await once.run('once', [file]);
    expect(jobOnce).toMatchObject({ status: 'done', units: { read: 26, staged: 17, written: 17 } });
    // Counted once: the counts are kept in Redis by the calls that write, not taken from the replies.
    expect(await again.run('twice', [file])).toMatchObject({ status: 'done', units: { staged: 17, written: 17 } });
    const units = await sorted('once');
    expect(units).toHaveLength(17);
    expect(await sorted('twice')).toEqual(units);
    expect(units.find((u) => u.ar === 'جملة رقم 4')).toMatchObject({ en: 'Sentence 4', zh: '第4句' });
    expect(units.find((u) => u.ar === 'جملة رقم 3')).toMatchObject({ en: 'Sentence 3', zh: 'قديم' });
    expect((await keysUnder(ctx.redis, ctx.keys)).filter((key) => key.includes(':import:'))).toEqual([]);
  });

  it('stamp each new unit with the time the import read it, which the commit keeps', async () => {
    const imports = new Imports(new ImportStore(ctx.redis, ctx.keys), () => undefined, silentLogger, { stageChunk: 5 });
    const before = Date.now();
    const id = await imports.create('stamped');
    await imports.read(id, 'stamped', [file]);
    const read = Date.now();
    // The commit comes strictly later: a unit stamped at its commit would fail the bound below.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await imports.commit(id, 'stamped')).toMatchObject({ status: 'done', units: { written: 17 } });
    const unitIds = await ctx.redis.smembers(ctx.keys.units('stamped'));
    expect(unitIds).toHaveLength(17);
    for (const unitId of unitIds) {
      const record = await ctx.redis.getBuffer(ctx.keys.unit('stamped', unitId));
      const updated = Number(decodeRecord(record!).updated);
      expect(updated).toBeGreaterThanOrEqual(before);
      expect(updated).toBeLessThanOrEqual(read);
    }
  });

  it('report the commit in order while the next calls go on, and fail it when a report fails', async () => {
    const store = new ImportStore(ctx.redis, ctx.keys);
    const imports = new Imports(store, () => undefined, silentLogger, { stageChunk: 5 });
    const stage = async (tm: string) => {
      const id = await imports.create(tm);
      await imports.read(id, tm, [file]);
      return id;
    };
    const seen: number[] = [];
    const slow = async (c: { written: number }) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      seen.push(c.written);
    };
    const counts = await store.commit('reported', await stage('reported'), 2, slow);
    expect(counts.written).toBe(17);
    expect(seen).toEqual([...new Set(seen)].sort((a, b) => a - b));
    expect(seen.at(-1)).toBe(17);
    const failing = async (c: { written: number }) => {
      if (c.written >= 4) throw new Error('the report failed');
    };
    await expect(store.commit('unreported', await stage('unreported'), 2, failing)).rejects.toThrow(
      'the report failed',
    );
  });

  it('report only the latest counts when reports are slower than the calls, so the progress follows Redis', async () => {
    const store = new ImportStore(ctx.redis, ctx.keys);
    const imports = new Imports(store, () => undefined, silentLogger, { stageChunk: 5 });
    const id = await imports.create('lagging');
    await imports.read(id, 'lagging', [file]);
    const seen: { written: number; inRedis: number }[] = [];
    const slow = async (c: { written: number }) => {
      const inRedis = await ctx.redis.scard(ctx.keys.units('lagging'));
      seen.push({ written: c.written, inRedis });
      await new Promise((resolve) => setTimeout(resolve, 40));
    };
    expect((await store.commit('lagging', id, 2, slow)).written).toBe(17);
    const written = seen.map((s) => s.written);
    // Superseded reports are skipped: fewer than the 9 calls, each larger than the one before, the last the total.
    expect(written.length).toBeLessThan(9);
    expect(written).toEqual([...written].sort((a, b) => a - b));
    expect(new Set(written).size).toBe(written.length);
    expect(written.at(-1)).toBe(17);
    // A report is at most the calls in flight (3 calls of 2 units) behind what Redis holds when it is sent.
    for (const s of seen) expect(s.inRedis - s.written).toBeLessThanOrEqual(6);
  });
});
