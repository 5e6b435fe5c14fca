import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createTestContext, keysUnder, runScript, type TestContext } from '../helpers/context';

let ctx: TestContext;
let dir: string;

beforeAll(async () => {
  ctx = await createTestContext();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mizan-backup-'));
});
afterAll(async () => {
  await ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const run = (script: string, ...args: string[]) => runScript(script, ctx.keys.prefix, ...args);

interface UnitRecord {
  unitId: string;
  ar: string;
  en?: string;
  zh?: string;
}

/** Every unit of the TM, through the paged route. */
async function units(tm = 'main'): Promise<UnitRecord[]> {
  const all: UnitRecord[] = [];
  let cursor: string | null = '0';
  while (cursor !== null) {
    const page = await request(ctx.app).get(`/api/v1/tms/${tm}/units`).query({ cursor, limit: 100 }).expect(200);
    all.push(...(page.body.units as UnitRecord[]));
    cursor = page.body.cursor as string | null;
  }
  return all;
}

/** Every key under the prefix but the API keys (the context's admin key must keep working). */
async function wipe(): Promise<void> {
  const keep = ctx.keys.apiKeys();
  for (const key of await keysUnder(ctx.redis, ctx.keys)) if (key !== keep) await ctx.redis.unlink(key);
}

const texts = (list: UnitRecord[]) => list.map((u) => [u.ar, u.en ?? '', u.zh ?? '']).sort();

describe('npm run backup and npm run restore', () => {
  it('back up a TM; after a wipe, restore the same units from the TMX through an import job', async () => {
    await request(ctx.app).post('/api/v1/units').send({ ar: 'وحدة أضيفت قبل النسخ الاحتياطي', zh: '备份前添加' });
    const before = await units();
    const backup = run('backup', '--tm', 'main', '--out', dir);
    expect(backup.status).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ tm: 'main', units: before.length, documents: 1, consistent: true });
    expect(fs.readFileSync(path.join(dir, 'main.tmx'), 'utf8')).toContain('وحدة أضيفت قبل النسخ الاحتياطي');

    await wipe();
    await request(ctx.app).get('/api/v1/tms/main/units').expect(400); // UNKNOWN_TM: the TM is gone
    const restore = run('restore', dir);
    expect(restore.stderr).toContain(`${before.length} units written`);
    expect(restore.status).toBe(0);
    expect(texts(await units())).toEqual(texts(before));
  }, 60_000);

  it('restore every key exactly from the Redis dump: the same unit ids and the document with its rows', async () => {
    await wipe();
    expect(run('restore', dir, '--redis-dump').status).toBe(0);
    const restored = await units();
    const seedUnit = restored.find((u) => u.ar.startsWith('وقد توصل الجانبان'));
    expect(seedUnit).toBeDefined();
    const docs = await request(ctx.app).get('/api/v1/documents').expect(200);
    expect(docs.body.documents.map((d: { id: string }) => d.id)).toEqual(['ace54e57cd73f9de']);
    const doc = await request(ctx.app).get('/api/v1/documents/ace54e57cd73f9de').expect(200);
    expect(doc.body.segments.map((s: { unitId: string }) => s.unitId)).toContain(seedUnit!.unitId);

    // Over a TM that exists: refused, unless --replace.
    const refused = run('restore', dir, '--redis-dump');
    expect([refused.status, refused.stderr]).toEqual([1, expect.stringContaining('--replace deletes it first')]);
    expect(run('restore', dir, '--redis-dump', '--replace').status).toBe(0);
    expect((await units()).map((u) => u.unitId).sort()).toEqual(restored.map((u) => u.unitId).sort());
  }, 60_000);
});
