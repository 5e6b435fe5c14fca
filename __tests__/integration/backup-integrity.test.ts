import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { freePort } from '../../scripts/lib/free-port';
import { createTestContext, runScript, type TestContext } from '../helpers/context';

let ctx: TestContext;
let root: string;
let good: string;

const run = (script: string, ...args: string[]) => runScript(script, ctx.keys.prefix, ...args);
const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const unitIds = async () =>
  (await request(ctx.app).get('/api/v1/tms/main/units').query({ limit: 100 }).expect(200)).body.units
    .map((u: { unitId: string }) => u.unitId)
    .sort();

/** A copy of the good backup, to damage. */
function copy(name: string): string {
  const to = path.join(root, name);
  fs.cpSync(good, to, { recursive: true });
  return to;
}

beforeAll(async () => {
  ctx = await createTestContext();
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'mizan-backup-integrity-'));
  good = path.join(root, 'good');
  const backup = run('backup', '--tm', 'main', '--out', good);
  if (backup.status !== 0) throw new Error(backup.stderr);
}, 60_000);
afterAll(async () => {
  await ctx.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('backup integrity', () => {
  it('records the size and SHA-256 of each file and the number of dumped keys in the manifest, written last', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(good, 'manifest.json'), 'utf8'));
    for (const file of [manifest.files.tmx, manifest.files.redisDump]) {
      expect(manifest.checks[file]).toEqual({
        bytes: fs.statSync(path.join(good, file)).size,
        sha256: sha256(path.join(good, file)),
      });
    }
    const lines = fs.readFileSync(path.join(good, manifest.files.redisDump), 'utf8').split('\n').filter(Boolean);
    expect(manifest.keys).toBe(lines.length);
    expect(fs.readdirSync(good).sort()).toEqual(['main.redis-dump.ndjson', 'main.tmx', 'manifest.json']);
  });

  it('refuses a dump that does not match its manifest before deleting anything: the TM stays as it was', async () => {
    const before = await unitIds();
    const bad = copy('cut');
    const dump = path.join(bad, 'main.redis-dump.ndjson');
    fs.truncateSync(dump, Math.floor(fs.statSync(dump).size / 2));
    const restore = run('restore', bad, '--redis-dump', '--replace');
    expect(restore.status).toBe(1);
    expect(restore.stderr).toContain(dump);
    expect(restore.stderr).toMatch(/does not match the manifest/);
    expect(restore.stderr).not.toMatch(/keys deleted/);
    expect(await unitIds()).toEqual(before);
  }, 60_000);

  it('refuses a dump cut mid-line (a manifest without checksums), naming the file and line; the TM stays', async () => {
    const before = await unitIds();
    const bad = copy('old-cut');
    const manifestFile = path.join(bad, 'manifest.json');
    const { checks: _checks, keys: _keys, ...old } = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    fs.writeFileSync(manifestFile, JSON.stringify(old));
    const dump = path.join(bad, 'main.redis-dump.ndjson');
    const lines = fs.readFileSync(dump, 'utf8').split('\n');
    fs.writeFileSync(dump, `${lines.slice(0, 3).join('\n')}\n${lines[3]!.slice(0, 20)}`);
    const restore = run('restore', bad, '--redis-dump', '--replace');
    expect(restore.status).toBe(1);
    expect(restore.stderr).toContain(`${dump} line 4`);
    expect(restore.stderr).not.toMatch(/keys deleted/);
    expect(await unitIds()).toEqual(before);
  }, 60_000);

  it('refuses a TMX that does not match its manifest and writes nothing', async () => {
    const bad = copy('tmx-cut');
    const tmx = path.join(bad, 'main.tmx');
    fs.truncateSync(tmx, Math.floor(fs.statSync(tmx).size / 2));
    const restore = run('restore', bad, '--tm', 'fromcut');
    expect(restore.status).toBe(1);
    expect(restore.stderr).toContain(tmx);
    expect(restore.stderr).toMatch(/does not match the manifest/);
    await request(ctx.app).get('/api/v1/tms/fromcut/units').expect(400);
  }, 60_000);

  it('a backup rerun into the same folder that fails leaves no manifest vouching for the old or partial files', () => {
    const rerun = copy('rerun');
    fs.mkdirSync(path.join(rerun, 'main.redis-dump.ndjson.partial')); // the dump cannot be written
    const backup = run('backup', '--tm', 'main', '--out', rerun);
    expect(backup.status).toBe(1);
    expect(fs.existsSync(path.join(rerun, 'manifest.json'))).toBe(false);
    expect(fs.existsSync(path.join(rerun, 'main.tmx.partial'))).toBe(false);
    const restore = run('restore', rerun, '--redis-dump', '--tm', 'rerun');
    expect([restore.status, restore.stderr]).toEqual([1, expect.stringContaining('manifest.json not found')]);
  }, 60_000);

  it('creates no folder for a TM that does not exist, or when Redis cannot be reached', async () => {
    const nosuch = path.join(root, 'nosuch', 'deep');
    const backup = run('backup', '--tm', 'nosuch', '--out', nosuch);
    expect(backup.status).toBe(1);
    expect(backup.stderr).toContain('no TM "nosuch"');
    expect(fs.existsSync(path.join(root, 'nosuch'))).toBe(false);

    const down = path.join(root, 'down', 'deep');
    const port = await freePort();
    const offline = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/backup.ts', '--tm', 'main', '--out', down],
      {
        cwd: path.resolve(__dirname, '../..'),
        encoding: 'utf8',
        env: { ...process.env, REDIS_URL: `redis://127.0.0.1:${port}`, REDIS_CLUSTER_NODES: '' },
      },
    );
    expect(offline.status).toBe(1);
    expect(fs.existsSync(path.join(root, 'down'))).toBe(false);
  }, 60_000);
});
