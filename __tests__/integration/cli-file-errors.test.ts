import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestContext, runScript, testClusterNodes, testRedisUrl, type TestContext } from '../helpers/context';
import { FIXTURES } from '../helpers/xliff-fixtures';

const XLIFF = path.join(FIXTURES, 'xliff', 'seed-po2xliff-ar-en.xlf');
let dir: string;
let ctx: TestContext;
const prefix = `mizan-test:${randomUUID().slice(0, 8)}:`;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mizan-cli-files-'));
  ctx = await createTestContext({ prefix });
});
afterAll(async () => {
  await ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const run = (script: string, ...args: string[]) => runScript(script, prefix, ...args);

/** Runs a script whose standard output is closed by its reader at once (as `| head -c 0`). */
function withClosedStdout(script: string, ...args: string[]): Promise<{ status: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], {
    cwd: path.resolve(__dirname, '../..'),
    env: {
      ...process.env,
      REDIS_URL: testRedisUrl(),
      REDIS_CLUSTER_NODES: testClusterNodes().join(','),
      MIZAN_KEY_PREFIX: prefix,
    },
  });
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stderr })));
}

describe('file errors of the xliff, align and keys CLIs', () => {
  it('xliff names the path and says in words what failed reading or writing a file', () => {
    const folder = run('xliff', 'pretranslate', FIXTURES);
    expect([folder.status, folder.stderr]).toEqual([1, `xliff: cannot read ${FIXTURES}: it is a directory\n`]);
    const missing = path.join(dir, 'nosuch.xlf');
    const absent = run('xliff', 'analyze', missing);
    expect([absent.status, absent.stderr]).toEqual([1, `xliff: cannot read ${missing}: no such file\n`]);
    const out = run('xliff', 'pretranslate', XLIFF, '--out', dir);
    expect([out.status, out.stderr]).toEqual([1, `xliff: cannot write ${dir}: it is a directory\n`]);
  }, 30_000);

  it('xliff pretranslate to a standard output closed by its reader: one line, exit 1, no summary', async () => {
    const result = await withClosedStdout('xliff', 'pretranslate', XLIFF);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('xliff: cannot write standard output: the reader closed it\n');
  }, 30_000);

  it('align names the path and says in words what failed', () => {
    const missing = path.join(dir, 'nosuch.ar.txt');
    const absent = run('align', '--ar', missing);
    expect([absent.status, absent.stderr]).toEqual([1, `align: cannot read ${missing}: no such file\n`]);
    const ar = path.join(dir, 'doc.ar.txt');
    fs.writeFileSync(ar, 'فقرة واحدة.\n');
    const out = run('align', '--ar', ar, '--out', path.join(dir, 'nosuch', 'x.tmx'));
    expect([out.status, out.stderr]).toEqual([
      1,
      `align: cannot write ${path.join(dir, 'nosuch', 'x.tmx')}: no such directory\n`,
    ]);
  }, 30_000);

  it('keys prints errors as the API words them, not codes and JSON', () => {
    const role = run('keys', 'create', '--role', 'superuser', '--name', 'x');
    expect(role.status).toBe(1);
    expect(role.stderr).toMatch(/^keys: INVALID_PARAMETER: .*superuser/);
    expect(role.stderr).not.toContain('{');
    const revoke = run('keys', 'revoke', 'knotexisting');
    expect(revoke.status).toBe(1);
    expect(revoke.stderr).toMatch(/^keys: KEY_NOT_FOUND: .*knotexisting/);
    expect(revoke.stderr).not.toContain('{');
  }, 30_000);
});
