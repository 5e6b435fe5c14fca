import request from 'supertest';
import { TranslationMemory } from '../../src/service';
import { REBUILD_FROM } from '../../src/service/mirror';
import { createTestContext, otherInstance, type OtherInstance, type TestContext } from '../helpers/context';
import { generatedTmx, importTmx } from '../helpers/tm-import';

// Whole import jobs (a worker thread each): on a loaded machine that outlasts 5 s.
jest.setTimeout(30_000);

let ctx: TestContext;
let otherTm: TranslationMemory;
let other: OtherInstance['app'];

beforeAll(async () => {
  ctx = await createTestContext({ seed: false });
  ({ app: other, tm: otherTm } = await otherInstance(ctx, 'strict'));
});
afterAll(async () => {
  await otherTm.close();
  await ctx.close();
});

const best = async (q: string) =>
  (await request(other).get('/api/v1/match').query({ q, tm: 'follow', min: '90' }).expect(200)).body.matches[0];

describe('the change log of a bulk TMX import', () => {
  it('holds one entry per 1,000 units, which an instance following the TM replays without a rebuild', async () => {
    expect(await importTmx(ctx.app, 'follow', generatedTmx(3))).toMatchObject({
      status: 'done',
      units: { written: 3 },
    });
    // The other instance builds its index of the TM, then follows its log.
    expect(await best('جملة تجريبية رقم 1 عن التعاون')).toMatchObject({ score: 100 });
    const [before] = await otherTm.revisions(['follow']);
    const [last] = await ctx.redis.xrevrange(ctx.keys.log('follow'), '+', '-', 'COUNT', 1);

    const job = await importTmx(ctx.app, 'follow', generatedTmx(2500, { from: 3 }));
    expect(job).toMatchObject({ status: 'done', units: { written: 2500 } });

    const entries = await ctx.redis.xrange(ctx.keys.log('follow'), `(${last![0]}`, '+');
    // Committed 2,000 units a call: 1,000 + 1,000, then 500.
    expect(entries.map(([, f]) => f[f.indexOf('ids') + 1]!.split(' ').length)).toEqual([1000, 1000, 500]);
    const seq0 = Number(before!.split(':')[1]);
    expect(entries.map(([, f]) => Number(f[f.indexOf('seq') + 1]))).toEqual([seq0 + 1, seq0 + 2, seq0 + 3]);
    const ids = entries.flatMap(([, f]) => f[f.indexOf('ids') + 1]!.split(' '));
    expect(new Set(ids).size).toBe(2500);
    expect(await ctx.redis.sismember(ctx.keys.units('follow'), ids[2499]!)).toBe(1);

    expect(await best('جملة تجريبية رقم 2502 عن التعاون')).toMatchObject({ unitId: ids[2499], score: 100 });
    expect(await best('جملة تجريبية رقم 3 عن التعاون')).toMatchObject({ score: 100 });
    // Same generation: the log was replayed, the index not rebuilt.
    const [after] = await otherTm.revisions(['follow']);
    expect(after).toBe(`${before!.split(':')[0]}:${seq0 + 3}`);
  });
});

describe('a bulk import larger than the index an instance holds', () => {
  it('is caught up by rebuilding that index, not by applying its units one by one', async () => {
    expect(await importTmx(ctx.app, 'bulk', generatedTmx(3))).toMatchObject({ status: 'done' });
    const find = async (q: string) =>
      (await request(other).get('/api/v1/match').query({ q, tm: 'bulk', min: '90' }).expect(200)).body.matches[0];
    expect(await find('جملة تجريبية رقم 1 عن التعاون')).toMatchObject({ score: 100 });
    const [before] = await otherTm.revisions(['bulk']);

    // REBUILD_FROM (10,000) units and more than the 3 the index holds.
    const job = await importTmx(ctx.app, 'bulk', generatedTmx(REBUILD_FROM, { from: 3 }));
    expect(job).toMatchObject({ status: 'done', units: { written: REBUILD_FROM } });

    expect(await find(`جملة تجريبية رقم ${REBUILD_FROM + 2} عن التعاون`)).toMatchObject({ score: 100 });
    expect(await find('جملة تجريبية رقم 2 عن التعاون')).toMatchObject({ score: 100 });
    expect(otherTm.indexStats().find((s) => s.tm === 'bulk')?.units).toBe(REBUILD_FROM + 3);
    // A new generation: rebuilt from Redis, at the seq of the import's last log entry.
    const [after] = await otherTm.revisions(['bulk']);
    const [generation, seq] = before!.split(':').map(Number);
    expect(after).toBe(`${generation! + 1}:${seq! + REBUILD_FROM / 1000}`);
  });
});

describe('an instance that imports into a TM it holds an index of', () => {
  it('brings that index up to date after the commit, without waiting for a query', async () => {
    expect(await importTmx(ctx.app, 'warmed', generatedTmx(3))).toMatchObject({ status: 'done' });
    await request(ctx.app).get('/api/v1/match').query({ q: 'جملة تجريبية رقم 1 عن التعاون', tm: 'warmed' }).expect(200);
    const size = () => ctx.tm.indexStats().find((s) => s.tm === 'warmed')?.units;
    expect(size()).toBe(3);

    expect(await importTmx(ctx.app, 'warmed', generatedTmx(1500, { from: 3 }))).toMatchObject({ status: 'done' });
    // No query in between: the importing instance applies its own commit in the background.
    for (let waited = 0; size() !== 1503 && waited < 20_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    expect(size()).toBe(1503);
  });
});
