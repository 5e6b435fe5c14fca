/**
 * ChangeLog.touchedSince, on a real Redis: whether a write after a seq named one of a document's units (or ended a
 * large write of it), read from the TM's change log down to that seq, and true whenever the log cannot tell.
 */
import { ChangeLog, CHANGES_CHECKED } from '../../src/store/change-log';
import { createTestContext, type TestContext } from '../helpers/context';

let ctx: TestContext;
let log: ChangeLog;
beforeAll(async () => {
  ctx = await createTestContext({ seed: false });
  log = new ChangeLog(ctx.redis, ctx.keys);
});
afterAll(() => ctx.close());

/** Entries as the write scripts log them, seq `from` on, one a seq; the TM's seq set to the last. */
async function logged(tm: string, from: number, entries: string[][]): Promise<void> {
  for (const [k, fields] of entries.entries())
    await ctx.redis.xadd(ctx.keys.log(tm), '*', 'seq', String(from + k), ...fields);
  await ctx.redis.set(ctx.keys.seq(tm), String(from + entries.length - 1));
}

const mine = new Set(['u1', 'u2']);

describe('ChangeLog.touchedSince', () => {
  it('tells a write of one of the units, or a large write of the document, from writes of anything else', async () => {
    await logged('a', 1, [
      ['op', 'put', 'id', 'u1'],
      ['op', 'put', 'ids', 'x1 x2 u2 x3'],
      ['op', 'doc', 'doc', 'other'],
      ['op', 'del', 'id', 'x4'],
      ['op', 'doc', 'doc', 'd'],
    ]);
    expect(await log.touchedSince('a', 5, mine, 'd')).toBe(false); // the current seq: nothing after it
    expect(await log.touchedSince('a', 4, mine, 'd')).toBe(true); // the document's large write
    expect(await log.touchedSince('a', 2, mine, 'e')).toBe(false); // x4, another document's write
    expect(await log.touchedSince('a', 1, mine, 'e')).toBe(true); // an import's entry naming u2
    expect(await log.touchedSince('a', 0, new Set(['y']), 'e')).toBe(false); // every entry read, none of its units
  });

  it('is true when the log was trimmed past the seq, the seq is ahead of the TM’s or too far behind', async () => {
    await logged('b', 1, [
      ['op', 'put', 'id', 'x1'],
      ['op', 'put', 'id', 'x2'],
      ['op', 'put', 'id', 'x3'],
    ]);
    await ctx.redis.xtrim(ctx.keys.log('b'), 'MAXLEN', 2); // seq 1 gone
    expect(await log.touchedSince('b', 1, mine, 'd')).toBe(false); // entries 2 and 3 are all that came after
    expect(await log.touchedSince('b', 0, mine, 'd')).toBe(true); // entry 1 is not there to read
    expect(await log.touchedSince('b', 4, mine, 'd')).toBe(true); // Redis went back in time
    await ctx.redis.set(ctx.keys.seq('b'), String(CHANGES_CHECKED.entries + 2));
    expect(await log.touchedSince('b', 1, mine, 'd')).toBe(true);
  });
});
