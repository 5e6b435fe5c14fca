/**
 * Schema version 1 to 2 (scripts/migrate/schema-1-to-2.ts): data written as version 1 unit hashes under a test prefix
 * is migrated, and the service reads the same units, documents and export as before; the migration can be run again.
 */
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { silentLogger } from '../../src/config';
import { checkSchema, SchemaError, type Keys, type RedisClient } from '../../src/store';
import { migrate1To2 } from '../../src/store/migrate';
import { decodeRecord } from '../../src/store/unit-record';
import { createTestContext, runScript, type TestContext } from '../helpers/context';
import { allUnits, importTmx } from '../helpers/tm-import';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
  const file = fs.readFileSync(path.join(__dirname, '../fixtures/tmx/trilingual-inline.tmx'), 'utf8');
  expect((await importTmx(ctx.app, 'main', file)).status).toBe('done');
}, 60_000);
afterAll(() => ctx.close());

/** The unit keys of every TM under the prefix. */
async function unitKeys(redis: RedisClient, keys: Keys): Promise<string[]> {
  const out: string[] = [];
  for (const tm of await redis.smembers(keys.tms()))
    for (const id of await redis.smembers(keys.units(tm))) out.push(keys.unit(tm, id));
  return out;
}

/** Rewrites the units as version 1 held them: a hash of their non-empty fields (ar, en, zh, pos, para always). */
async function toVersion1(redis: RedisClient, keys: Keys, unitKeyList: readonly string[]): Promise<void> {
  for (const key of unitKeyList) {
    const fields = decodeRecord((await redis.getBuffer(key))!);
    const hash: Record<string, string> = {};
    for (const [name, value] of Object.entries(fields))
      if (value !== '' || ['ar', 'en', 'zh', 'doc', 'pos', 'para'].includes(name)) hash[name] = value;
    await redis.del(key);
    await redis.hset(key, hash);
  }
  await redis.set(keys.schema(), '1');
}

/** What the service answers for the TM: units, the seed document, the export. */
async function readings(c: TestContext) {
  const units = await allUnits(c.app, 'main');
  const docs = (await request(c.app).get('/api/v1/documents').expect(200)).body as { documents: { id: string }[] };
  const documents = [];
  for (const d of docs.documents)
    documents.push((await request(c.app).get(`/api/v1/documents/${d.id}`).expect(200)).body);
  const tmx = (await request(c.app).get('/api/v1/tms/main/export').query({ format: 'tmx' }).expect(200)).text;
  return { units, documents, tmx: tmx.replace(/creationdate="[^"]*"/, '') };
}

describe('migrating schema version 1 to 2', () => {
  it('converts every unit hash to a record, after which the service reads the same data', async () => {
    const before = await readings(ctx);
    expect(before.units.length).toBeGreaterThan(10);
    expect(before.documents.length).toBeGreaterThan(0);
    const keyList = await unitKeys(ctx.redis, ctx.keys);
    await toVersion1(ctx.redis, ctx.keys, keyList);
    expect(await ctx.redis.type(keyList[0]!)).toBe('hash');
    await expect(checkSchema(ctx.redis, ctx.keys, silentLogger)).rejects.toBeInstanceOf(SchemaError);
    // A run that stopped part way: some units converted already.
    const converted = keyList.slice(0, 3);
    for (const key of converted) await ctx.redis.migrateUnits(1, key);

    const run = runScript('migrate/schema-1-to-2', ctx.keys.prefix);
    expect(run.stderr).toContain('is now version 2');
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(new RegExp(`main: ${keyList.length - 3} units converted, 3 converted before`));
    for (const key of keyList) expect(await ctx.redis.type(key)).toBe('string');
    expect(await checkSchema(ctx.redis, ctx.keys, silentLogger)).toBe('current');
    expect(await readings(ctx)).toEqual(before);

    // Again: nothing to do.
    expect(await migrate1To2(ctx.redis, ctx.keys)).toEqual([]);
    const again = runScript('migrate/schema-1-to-2', ctx.keys.prefix);
    expect(again.status).toBe(0);
    expect(again.stderr).toContain('holds version 2 data');
  }, 60_000);

  it('refuses while a large document write is being applied, and leaves the schema key', async () => {
    await ctx.redis.set(ctx.keys.schema(), '1');
    await ctx.redis.hset(ctx.keys.documentWrites('main'), 'token', '{}');
    await expect(migrate1To2(ctx.redis, ctx.keys)).rejects.toThrow('a large document write is being applied');
    expect(await ctx.redis.get(ctx.keys.schema())).toBe('1');
    await ctx.redis.del(ctx.keys.documentWrites('main'));
    expect(await migrate1To2(ctx.redis, ctx.keys)).toEqual([expect.objectContaining({ tm: 'main', converted: 0 })]);
    expect(await ctx.redis.get(ctx.keys.schema())).toBe('2');
  });
});
