/**
 * The optimistic writes (store/revision.ts): a document written between a writer's read and its script makes the
 * script answer CONFLICT, and the writer reads again, or, for a correction made against a stated rev, refuses.
 * The race is made deterministic by a Redis client whose first snapshot read is followed by another write.
 */
import { ErrorCode } from '../../src/errors';
import { withUnitIds } from '../../src/service';
import { TmStore, UnitStore, type RedisClient } from '../../src/store';
import { createTestContext, type TestContext } from '../helpers/context';

let ctx: TestContext;
const SEED_DOC = 'ace54e57cd73f9de';

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());

/** The same client, except that its first MULTI … EXEC is followed by `interfere()` before its answer is returned. */
function racing(redis: RedisClient, interfere: () => Promise<unknown>): RedisClient {
  let armed = true;
  return new Proxy(redis, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (prop !== 'multi') return typeof value === 'function' ? value.bind(target) : value;
      return () => {
        const multi = target.multi();
        const exec = multi.exec.bind(multi);
        multi.exec = (async () => {
          const replies = await exec();
          if (armed) {
            armed = false;
            await interfere();
          }
          return replies;
        }) as typeof multi.exec;
        return multi;
      };
    },
  });
}

/** Another writer edits the document's first row (its rev moves). */
const editFirstRow = async () => {
  const doc = (await ctx.store.getDocument('main', SEED_DOC))!;
  await new UnitStore(ctx.redis, ctx.keys).patch('main', doc.rows[0]!.unitId, { en: `edited ${Date.now()}` });
};

describe('a write whose document changed after it was read', () => {
  it('is refused with DOCUMENT_CHANGED when it was a correction against a stated rev', async () => {
    const doc = (await ctx.store.getDocument('main', SEED_DOC))!;
    const store = new TmStore(racing(ctx.redis, editFirstRow), ctx.keys);
    const rewrite = withUnitIds('main', { meta: doc.summary, segments: doc.rows.slice(1) });
    await expect(store.putDocument('main', rewrite, doc.summary.rev)).rejects.toMatchObject({
      code: ErrorCode.DOCUMENT_CHANGED,
    });
    expect((await ctx.store.getDocument('main', SEED_DOC))!.rows).toHaveLength(doc.rows.length);
  });

  it('reads again and goes through when it was a plain write (a re-import)', async () => {
    const doc = (await ctx.store.getDocument('main', SEED_DOC))!;
    const store = new TmStore(racing(ctx.redis, editFirstRow), ctx.keys);
    const rewrite = withUnitIds('main', { meta: doc.summary, segments: doc.rows.slice(0, 5) });
    const result = await store.putDocument('main', rewrite);
    expect(result).toMatchObject({ documentId: SEED_DOC, units: 5 });
    const after = (await ctx.store.getDocument('main', SEED_DOC))!;
    expect(after.rows.map((r) => r.unitId)).toEqual(rewrite.segments.map((r) => r.unitId));
    expect(after.summary.rev).toBe(doc.summary.rev + 2); // the other writer's edit, then this write
  });

  it('deletes a document unit on the second reading, moving the later rows up', async () => {
    const doc = (await ctx.store.getDocument('main', SEED_DOC))!;
    const units = new UnitStore(racing(ctx.redis, editFirstRow), ctx.keys);
    expect(await units.delete('main', doc.rows[1]!.unitId)).toBe('deleted');
    const after = (await ctx.store.getDocument('main', SEED_DOC))!;
    expect(after.rows.map((r) => r.unitId)).toEqual([doc.rows[0]!.unitId, ...doc.rows.slice(2).map((r) => r.unitId)]);
    expect(after.rows.map((r) => r.position)).toEqual(after.rows.map((_, i) => i));
  });

  it('deletes a whole document on the second reading, and says so', async () => {
    const store = new TmStore(racing(ctx.redis, editFirstRow), ctx.keys);
    expect(await store.deleteDocument('main', SEED_DOC)).toBe('deleted');
    expect(await ctx.store.getDocument('main', SEED_DOC)).toBeUndefined();
    expect(await ctx.redis.scard(ctx.keys.units('main'))).toBe(0);
  });
});
