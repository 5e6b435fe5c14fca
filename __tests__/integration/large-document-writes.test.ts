/**
 * Large document writes after their O(1) commit (store/document-writer.ts): applied in chunks while readers wait,
 * finished by a reader when the writer stopped, logged as one `op doc` entry that mirrors of other instances follow
 * (also when they take several writes in one catch-up), deleted in chunks, and leaving the TM as it was when they fail
 * before the commit. Runs on a Redis Cluster as well.
 */
import { createHash, randomBytes } from 'node:crypto';
import { silentLogger } from '../../src/config';
import { TranslationMemory, withUnitIds } from '../../src/service';
import { UnitStore } from '../../src/store';
import { applyWrite, commitLargeDocument, stageLargeDocument, type LargeWrite } from '../../src/store/document-writer';
import { ScriptCode } from '../../src/store/scripts';
import type { AlignedDocument, Lang } from '../../src/types';
import { createTestContext, keysUnder, otherInstance, type TestContext } from '../helpers/context';

let ctx: TestContext;
let other: TranslationMemory;
const TM = 'bulk';
const LOG_MAX = 100_000;

beforeAll(async () => {
  ctx = await createTestContext({ seed: false });
  ({ tm: other } = await otherInstance(ctx, 'strict'));
});
afterAll(async () => {
  await other.close();
  await ctx.close();
});

jest.setTimeout(120_000);

const arabic = (doc: string, i: number) => `الجملة رقم ${i} من الوثيقة ${doc} الطويلة.`;

/** A document of `n` rows; `en` gives each row's English. */
function document(id: string, n: number, en: (i: number) => string = (i) => `Sentence ${i} of ${id}.`) {
  const doc: AlignedDocument = {
    meta: { id, titles: { ar: id, en: '', zh: '' }, source: 'test', date: '2026-12-04', order: 3 },
    segments: Array.from({ length: n }, (_, i) => ({
      position: i,
      paragraph: i,
      ar: arabic(id, i),
      en: en(i),
      zh: '',
    })),
  };
  return withUnitIds(TM, doc);
}

/** The best exact match of row `i` of `doc` in `tm`, as [document, English], or undefined. */
async function found(tm: TranslationMemory, doc: string, i: number): Promise<[string, string] | undefined> {
  const query = { q: arabic(doc, i), src: 'ar' as Lang, tgt: ['en' as Lang], min: 100, limit: 1, tms: [TM] };
  const [hit] = await tm.match(query);
  return hit && [hit.documentId ?? '', hit.targets.en ?? ''];
}

/** A LargeWrite as TmStore.putDocument makes it, for driving the steps one by one. */
function largeWrite(doc: ReturnType<typeof document>, rev: string, dropped: string[] = []): LargeWrite {
  const { meta } = doc;
  return {
    tm: TM,
    docId: meta.id,
    hash: createHash('sha256').update(JSON.stringify(doc)).digest('hex'),
    rev,
    order: meta.order,
    meta: JSON.stringify({ titles: JSON.stringify(meta.titles), source: meta.source, date: meta.date, url: '' }),
    rows: doc.segments,
    dropped,
    logMaxLen: LOG_MAX,
  };
}

const stagedKeys = async () => (await keysUnder(ctx.redis, ctx.keys)).filter((k) => k.includes(':stage:'));

/** SHA-256 over the DUMP of every key of the TM but the staged ones. */
async function tmDigest(): Promise<string> {
  const hash = createHash('sha256');
  const all = (await keysUnder(ctx.redis, ctx.keys)).filter((k) => k.includes(`{tm:${TM}}`) && !k.includes(':stage:'));
  for (const key of all.sort()) hash.update(key).update((await ctx.redis.dumpBuffer(key)) ?? '');
  return hash.digest('hex');
}

describe('large document writes', () => {
  it('are followed by the mirror of another instance, also when it takes several writes in one catch-up', async () => {
    await ctx.store.putDocument(TM, document('dA', 1500));
    expect(await found(other, 'dA', 1499)).toEqual(['dA', 'Sentence 1499 of dA.']);

    // Several writes while the other instance does not look: an edit, a rewrite that drops 300 rows, another
    // document written and deleted.
    const units = new UnitStore(ctx.redis, ctx.keys);
    const row7 = document('dA', 1500).segments[7]!.unitId;
    expect(await units.patch(TM, row7, { en: 'Edited before the rewrite.' })).toBe('updated');
    await ctx.store.putDocument(
      TM,
      document('dA', 1200, (i) => `Row ${i}, second version.`),
    );
    await ctx.store.putDocument(TM, document('dB', 1500));
    expect(await ctx.store.deleteDocument(TM, 'dB')).toBe('deleted');
    const docEntries = (await ctx.store.log.read(TM, '0-0', 100_000)).filter((e) => e.op === 'doc');
    expect(docEntries.map((e) => e.documentId)).toEqual(['dA', 'dA', 'dB', 'dB']);

    const fresh = new TranslationMemory(ctx.store, silentLogger, 'main', 'strict');
    try {
      for (const tm of [other, fresh]) {
        expect(await found(tm, 'dA', 7)).toEqual(['dA', 'Row 7, second version.']);
        expect(await found(tm, 'dA', 1199)).toEqual(['dA', 'Row 1199, second version.']);
        expect(await found(tm, 'dA', 1200)).toBeUndefined();
        expect(await found(tm, 'dA', 1499)).toBeUndefined();
        expect(await found(tm, 'dB', 0)).toBeUndefined();
      }
    } finally {
      await fresh.close();
    }
    expect(await ctx.redis.scard(ctx.keys.units(TM))).toBe(1200);
    expect(await stagedKeys()).toEqual([]);
  });

  it('make readers and edits made after the commit wait for the whole write, and an old entity tag fail', async () => {
    const v2 = document('dA', 1200, (i) => `Row ${i}, third version.`);
    const row5 = v2.segments[5]!.unitId;
    const before = await ctx.store.getTaggedUnit(TM, row5);
    const summary = (await ctx.store.getDocument(TM, 'dA'))!.summary;
    const token = randomBytes(8).toString('hex');
    const write = largeWrite(v2, String(summary.rev));
    await stageLargeDocument(ctx.redis, ctx.keys, write, token);
    expect(await commitLargeDocument(ctx.redis, ctx.keys, write, token)).toBe(ScriptCode.COMMITTED);

    // Committed, not applied: whatever is asked now is answered as of the whole write.
    const unit = ctx.store.getTaggedUnit(TM, row5);
    const edit = new UnitStore(ctx.redis, ctx.keys).patch(TM, row5, { en: 'A late edit.' }, [before!.tag]);
    const whole = ctx.store.getDocument(TM, 'dA');
    const list = ctx.store.listDocuments(TM);
    const hit = found(other, 'dA', 5);
    await applyWrite(ctx.redis, ctx.keys, TM, token, { doc: 'dA', mode: 'put', logMaxLen: LOG_MAX });

    expect((await unit)?.unit.en).toBe('Row 5, third version.');
    expect(await edit).toBe('precondition-failed');
    const doc = await whole;
    expect(doc?.summary.rev).toBe(summary.rev + 1);
    expect(doc?.rows.every((r, i) => r.en === `Row ${i}, third version.`)).toBe(true);
    expect((await list).find((d) => d.id === 'dA')).toMatchObject({ rev: summary.rev + 1, segments: 1200 });
    // The matcher answers from its index without waiting: the write whole, or not yet (its log entry comes last).
    expect([
      ['dA', 'Row 5, second version.'],
      ['dA', 'Row 5, third version.'],
    ]).toContainEqual(await hit);
    expect(await found(other, 'dA', 5)).toEqual(['dA', 'Row 5, third version.']);
    expect(await ctx.redis.exists(ctx.keys.documentWrites(TM))).toBe(0);
  });

  it('are finished by a reader when the writer stopped after the commit', async () => {
    const v3 = document('dA', 1100, (i) => `Row ${i}, fourth version.`);
    const summary = (await ctx.store.getDocument(TM, 'dA'))!.summary;
    const dropped = document('dA', 1200)
      .segments.slice(1100)
      .map((r) => r.unitId);
    const token = randomBytes(8).toString('hex');
    const write = largeWrite(v3, String(summary.rev), dropped);
    await stageLargeDocument(ctx.redis, ctx.keys, write, token);
    expect(await commitLargeDocument(ctx.redis, ctx.keys, write, token)).toBe(ScriptCode.COMMITTED);
    await ctx.redis.del(ctx.keys.stagedAlive(TM, token)); // the writer's heartbeat ran out: it is gone

    const doc = await ctx.store.getDocument(TM, 'dA');
    expect(doc?.rows).toHaveLength(1100);
    expect(doc?.rows[1099]?.en).toBe('Row 1099, fourth version.');
    expect(await ctx.redis.exists(...dropped.map((id) => ctx.keys.unit(TM, id)))).toBe(0);
    expect(await ctx.redis.scard(ctx.keys.units(TM))).toBe(1100);
    expect(await found(other, 'dA', 1099)).toEqual(['dA', 'Row 1099, fourth version.']);
    expect(await found(other, 'dA', 1100)).toBeUndefined();
    expect(await stagedKeys()).toEqual([]);
  });

  it('leave the TM as it was when they stop before the commit, and the same write then goes through', async () => {
    const digest = await tmDigest();
    const v4 = document('dA', 1100, (i) => `Row ${i}, fifth version.`);
    const summary = (await ctx.store.getDocument(TM, 'dA'))!.summary;
    const token = randomBytes(8).toString('hex');
    await stageLargeDocument(ctx.redis, ctx.keys, largeWrite(v4, String(summary.rev)), token);
    expect(await tmDigest()).toBe(digest);
    expect((await ctx.store.getDocument(TM, 'dA'))?.rows[3]?.en).toBe('Row 3, fourth version.');
    const leftovers = await stagedKeys();
    expect(leftovers.length).toBeGreaterThan(1100);
    for (const key of leftovers.slice(0, 20)) expect(await ctx.redis.pttl(key)).toBeGreaterThan(0);
    await ctx.redis.unlink(...leftovers.slice(0, 1)); // they expire; one gone early changes nothing

    expect((await ctx.store.putDocument(TM, v4)).changed).toBe(1100);
    expect((await ctx.store.getDocument(TM, 'dA'))?.rows[3]?.en).toBe('Row 3, fifth version.');
    await ctx.redis.unlink(...(await stagedKeys())); // what their expiry would do, a day later
  });

  it('delete a large document in chunks: gone whole for readers and mirrors', async () => {
    const ids = (await ctx.store.getDocument(TM, 'dA'))!.rows.map((r) => r.unitId);
    expect(await ctx.store.deleteDocument(TM, 'dA', [999])).toBe('precondition-failed');
    expect(await ctx.store.deleteDocument(TM, 'dA')).toBe('deleted');
    expect(await ctx.store.getDocument(TM, 'dA')).toBeUndefined();
    expect(await ctx.store.listDocuments(TM)).toEqual([]);
    expect(await ctx.redis.exists(...ids.slice(0, 500).map((id) => ctx.keys.unit(TM, id)))).toBe(0);
    expect(await ctx.redis.scard(ctx.keys.units(TM))).toBe(0);
    expect(await found(other, 'dA', 3)).toBeUndefined();
    expect(await ctx.store.deleteDocument(TM, 'dA')).toBe('not-found');
    expect(await stagedKeys()).toEqual([]);
  });
});
