import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestContext, runScript, testClusterNodes, testRedisUrl, type TestContext } from '../helpers/context';
import { generatedTmx } from '../helpers/tm-import';

/**
 * Ctrl-C (SIGINT) and SIGTERM sent to `npm run tmx` once its progress shows: an export leaves --out as it was; an
 * import being read is cancelled (job `cancelled`, TM unchanged); an import committing says it will complete, and
 * does. The files are large enough (100,000 units) that each phase lasts well past its first progress line.
 */
jest.setTimeout(180_000);
let dir: string;
let big: string;
let ctx: TestContext;
const prefix = `mizan-test:${randomUUID().slice(0, 8)}:`;
const UNITS = 100_000;
const PRECIOUS = 'PRECIOUS: the previous good export\n';

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mizan-tmx-signals-'));
  big = path.join(dir, 'big.tmx');
  fs.writeFileSync(big, generatedTmx(UNITS));
  ctx = await createTestContext({ seed: false, prefix });
  expect(runScript('tmx', prefix, 'import', big, '--tm', 'big').status).toBe(0);
});
afterAll(async () => {
  await ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs the tmx script, sends `signal` once standard error matches `when`, and resolves with how it ended. */
function interrupted(args: string[], when: RegExp, signal: NodeJS.Signals) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/tmx.ts', ...args], {
    cwd: path.resolve(__dirname, '../..'),
    env: {
      ...process.env,
      REDIS_URL: testRedisUrl(),
      REDIS_CLUSTER_NODES: testClusterNodes().join(','),
      MIZAN_KEY_PREFIX: prefix,
    },
  });
  let stdout = '';
  let stderr = '';
  let sent = false;
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (!sent && when.test(stderr)) {
      sent = true;
      child.kill(signal);
    }
  });
  return new Promise<{ code: number | null; stdout: string; stderr: string; sent: boolean }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr, sent })),
  );
}

const temporaries = () => fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'));
const unitCount = async (tm: string) => (await ctx.tm.listTms()).find((t) => t.name === tm)?.units;

describe('a signal during tmx export leaves --out as it was', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s: a clear message, exit %d, the previous file intact, no temporary file', async (signal, code) => {
    const out = path.join(dir, `${signal}.tmx`);
    fs.writeFileSync(out, PRECIOUS);
    const run = await interrupted(['export', '--tm', 'big', '--out', out], /units written/, signal);
    expect(run.sent).toBe(true);
    expect(run.stderr).toContain(`${signal}: export interrupted; ${out} left as it was`);
    expect(run.code).toBe(code);
    expect(fs.readFileSync(out, 'utf8')).toBe(PRECIOUS);
    expect(temporaries()).toEqual([]);
  });
});

describe('a signal during tmx import', () => {
  it('SIGTERM while the file is read cancels the job (recorded cancelled, not running); the TM stays as it was', async () => {
    const run = await interrupted(['import', big, '--tm', 'termed'], /units read/, 'SIGTERM');
    expect(run.sent).toBe(true);
    expect(run.stderr).toContain('SIGTERM: cancelling the import; the TM stays as it was');
    expect(run.code).toBe(143);
    const id = /job (j[0-9a-f]+): nothing was written to TM "termed"/.exec(run.stderr)?.[1];
    expect(id).toBeDefined();
    expect((await ctx.tm.imports.get(id!)).status).toBe('cancelled');
    expect(await unitCount('termed')).toBeUndefined();
  });

  it('SIGINT while committing says the commit will complete, and it does: exit 0, every unit written', async () => {
    fs.writeFileSync(path.join(dir, 'other.tmx'), generatedTmx(UNITS, { from: UNITS }));
    const run = await interrupted(['import', path.join(dir, 'other.tmx'), '--tm', 'big'], /committing/, 'SIGINT');
    expect(run.sent).toBe(true);
    expect(run.stderr).toContain('SIGINT: the commit is under way and will complete; it cannot be cancelled now');
    expect(run.stderr).not.toContain('stays as it was');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'done', units: { written: UNITS } });
    expect(await unitCount('big')).toBe(2 * UNITS);
  });
});
