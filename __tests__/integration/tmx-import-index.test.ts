/**
 * The index an import builds as it reads (service/import-index.ts): taken by the TM's mirror when the commit ends
 * only if it is what Redis holds, so it must equal an index rebuilt from Redis; dropped otherwise (the TM had units,
 * a later record of a unit, another writer during the commit, a cancel or a failure), leaving the index as it was.
 */
import os from 'node:os';
import { silentLogger, type Logger } from '../../src/config';
import type { TmIndex } from '../../src/match';
import { Imports, type ImportSettings } from '../../src/service/imports';
import { TmMirror } from '../../src/service/mirror';
import { Mirrors } from '../../src/service/mirrors';
import { ImportStore, type CommitCounts } from '../../src/store';
import { createTestContext, type TestContext } from '../helpers/context';
import { generatedTmx } from '../helpers/tm-import';

jest.setTimeout(30_000);

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ seed: false });
});
afterAll(() => ctx.close());

/** A process of its own: mirrors, imports feeding them, and what it logged. */
function instance(settings: Partial<ImportSettings> = {}) {
  const taken: string[] = [];
  const logger: Logger = { ...silentLogger, debug: (m) => void (m.includes('taken from an import') && taken.push(m)) };
  const texts = settings.indexTexts;
  const mirrors = new Mirrors(ctx.store, logger, 'strict', undefined, texts && { texts });
  const imports = new Imports(new ImportStore(ctx.redis, ctx.keys), (tm, b) => mirrors.refresh(tm, b), logger, {
    buildIndex: true,
    stageChunk: 7,
    commitChunk: 10,
    ...settings,
  });
  return { mirrors, imports, taken, close: () => mirrors.close() };
}

/** The TM's index as a process that never saw the import builds it (read from Redis; its texts all in memory). */
async function rebuilt(tm: string): Promise<TmIndex> {
  const fresh = new Mirrors(ctx.store, silentLogger, 'strict');
  const [index] = await fresh.indexes([tm], ['ar']);
  await fresh.close();
  return index!;
}

/** Every unit of the TM and the best Arabic matches of some texts, as an index holds them. */
async function contents(index: TmIndex, tm: string) {
  const ids = (await ctx.redis.smembers(ctx.keys.units(tm))).sort();
  const queries = ['جملة تجريبية رقم 3 عن التعاون', 'جملة تجريبية رقم 17', 'عن التعاون', 'رقم 40 عن'];
  const hits = queries.map((q) => index.search(q, 'ar', { min: 40, limit: 5 }));
  return { size: index.size, units: ids.map((id) => index.get(id)), hits };
}

describe('an import into an empty TM builds its index as it reads', () => {
  it('hands the mirror an index equal to one rebuilt from Redis, in several chunks', async () => {
    const p = instance();
    const job = await p.imports.run('fresh', [generatedTmx(45)]);
    expect(job).toMatchObject({ status: 'done', units: { written: 45 } });
    const [index] = await p.mirrors.indexes(['fresh'], ['ar']);
    expect(p.taken).toHaveLength(1);
    expect(index!.size).toBe(45);
    expect(await contents(index!, 'fresh')).toEqual(await contents(await rebuilt('fresh'), 'fresh'));
    // A write after the import is caught up from the log, as after a rebuild.
    await ctx.tm.createUnit('fresh', { ar: 'وحدة أضيفت بعد الاستيراد', en: 'Added after the import' });
    const [after] = await p.mirrors.indexes(['fresh'], ['ar']);
    expect(after!.size).toBe(46);
    expect(await contents(after!, 'fresh')).toEqual(await contents(await rebuilt('fresh'), 'fresh'));
    await p.close();
  });

  it('is not taken when the TM had units, or when the file merges records of one unit', async () => {
    const p = instance();
    await ctx.tm.createUnit('had-units', { ar: 'وحدة سابقة', en: 'An earlier unit' });
    await p.imports.run('had-units', [generatedTmx(20)]);
    // Unit 0 twice: ar–en first (its zh taken out), then ar–zh in a later chunk, merged into it in Redis.
    const later =
      '<tu><tuv xml:lang="ar"><seg>جملة تجريبية رقم 0 عن التعاون</seg></tuv>' +
      '<tuv xml:lang="zh"><seg>后来的中文</seg></tuv></tu></body></tmx>';
    const merged = generatedTmx(12, { tail: later }).replace(/<tuv xml:lang="zh"><seg>[^<]*<\/seg><\/tuv>/, '');
    expect(await p.imports.run('merged', [merged])).toMatchObject({ units: { read: 13, written: 12 } });
    for (const tm of ['had-units', 'merged']) {
      const [index] = await p.mirrors.indexes([tm], ['ar']);
      expect(await contents(index!, tm)).toEqual(await contents(await rebuilt(tm), tm));
    }
    const [index] = await p.mirrors.indexes(['merged'], ['ar']);
    const [hit] = index!.search('جملة تجريبية رقم 0 عن التعاون', 'ar', { min: 90, limit: 1 });
    expect(index!.get(hit!.unitId)).toMatchObject({ en: 'Test sentence number 0 on cooperation', zh: '后来的中文' });
    expect(p.taken).toHaveLength(0);
    await p.close();
  });

  it('is not taken when another writer changed the TM during the commit', async () => {
    /** A store whose commit lets another instance write a unit once the first chunks are in. */
    class Raced extends ImportStore {
      override commit(...[tm, job, chunk, progress, ...rest]: Parameters<ImportStore['commit']>) {
        let once = false;
        const raced = async (counts: CommitCounts) => {
          if (!once) {
            once = true;
            await ctx.tm.createUnit(tm, { ar: 'وحدة كتبها غيره أثناء الالتزام', en: 'Written during the commit' });
          }
          await progress?.(counts);
        };
        return super.commit(tm, job, chunk, raced, ...rest);
      }
    }
    const p = instance();
    const imports = new Imports(new Raced(ctx.redis, ctx.keys), (tm, b) => p.mirrors.refresh(tm, b), silentLogger, {
      buildIndex: true,
      stageChunk: 7,
      commitChunk: 10,
    });
    expect(await imports.run('raced', [generatedTmx(40)])).toMatchObject({ units: { written: 40 } });
    const [index] = await p.mirrors.indexes(['raced'], ['ar']);
    expect(p.taken).toHaveLength(0);
    expect(index!.size).toBe(41);
    expect(await contents(index!, 'raced')).toEqual(await contents(await rebuilt('raced'), 'raced'));
    await p.close();
  });

  it('leaves no index behind when the import is cancelled or fails', async () => {
    const p = instance();
    const id = await p.imports.create('cancelled');
    await p.imports.read(id, 'cancelled', [generatedTmx(30)]);
    await p.imports.cancel(id);
    expect((await p.imports.commit(id, 'cancelled')).status).toBe('cancelled');
    await expect(p.imports.run('broken', [generatedTmx(30, { tail: '<tu><tuv' })])).rejects.toMatchObject({
      code: 'XML_MALFORMED',
    });
    expect(p.mirrors.stats()).toEqual([]);
    expect(p.taken).toHaveLength(0);
    // The same TM imported afterwards: its own index, equal to a rebuild.
    await p.imports.run('cancelled', [generatedTmx(9)]);
    const [index] = await p.mirrors.indexes(['cancelled'], ['ar']);
    expect(p.taken).toHaveLength(1);
    expect(await contents(index!, 'cancelled')).toEqual(await contents(await rebuilt('cancelled'), 'cancelled'));
    await p.close();
  });

  it('a hand-over that fails leaves the mirror to read the TM from Redis', async () => {
    await ctx.tm.createUnit('handover', { ar: 'وحدة في ذاكرة لم يصلها الفهرس', en: 'A unit the index never got' });
    const mirror = new TmMirror(ctx.store, 'handover', silentLogger);
    mirror.adopt(Promise.reject(new Error('the import index was lost')));
    await mirror.sync();
    expect(mirror.current.size).toBe(1);
  });
});

describe('an index whose texts go to a file past the memory it is allowed', () => {
  it('answers, built by an import and caught up after it, as an index holding every text in memory', async () => {
    const texts = { dir: os.tmpdir(), memoryBytes: 0 }; // every full chunk to the file
    const p = instance({ indexTexts: texts, stageChunk: 500, commitChunk: 1000 });
    const job = await p.imports.run('spilled', [generatedTmx(3000)]);
    expect(job).toMatchObject({ status: 'done', units: { written: 3000 } });
    const [index] = await p.mirrors.indexes(['spilled'], ['ar']);
    expect(p.taken).toHaveLength(1);
    expect(index!.textBytes.file).toBeGreaterThan(200_000); // ≈ 380 KB of texts, all but the last chunk
    expect(await contents(index!, 'spilled')).toEqual(await contents(await rebuilt('spilled'), 'spilled'));
    await ctx.tm.createUnit('spilled', { ar: 'وحدة أضيفت بعد الاستيراد', en: 'Added after the import' });
    const [after] = await p.mirrors.indexes(['spilled'], ['ar']);
    expect(await contents(after!, 'spilled')).toEqual(await contents(await rebuilt('spilled'), 'spilled'));
    // English, built later from the texts in the file, answers the same too.
    const english = (i: TmIndex) => i.search('Test sentence number 2999 on cooperation', 'en', { min: 60, limit: 3 });
    expect(english(after!)).toEqual(english(await rebuilt('spilled')));
    expect(english(after!)[0]).toMatchObject({ score: 100 });
    await p.close();
  });
});
