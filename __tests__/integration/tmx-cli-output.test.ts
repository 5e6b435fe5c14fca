import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../scripts/lib/free-port';
import { createTestContext, runScript, type TestContext } from '../helpers/context';
import { generatedTmx } from '../helpers/tm-import';

/** `npm run tmx -- export` never destroys what is at --out; bad TM names and an unreachable Redis are one line. */
jest.setTimeout(60_000);
let dir: string;
let ctx: TestContext;
const prefix = `mizan-test:${randomUUID().slice(0, 8)}:`;
const PRECIOUS = 'PRECIOUS: the previous good export\n';

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mizan-tmx-out-'));
  fs.writeFileSync(path.join(dir, 'two.tmx'), generatedTmx(2));
  ctx = await createTestContext({ seed: false, prefix });
  expect(runScript('tmx', prefix, 'import', path.join(dir, 'two.tmx'), '--tm', 'kept').status).toBe(0);
});
afterAll(async () => {
  await ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const tmx = (...args: string[]) => runScript('tmx', prefix, ...args);
/** The tmx script with REDIS_URL as given (and no cluster). */
const tmxAt = (redisUrl: string, ...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/tmx.ts', ...args], {
    cwd: path.resolve(__dirname, '../..'),
    encoding: 'utf8',
    env: { ...process.env, REDIS_URL: redisUrl, REDIS_CLUSTER_NODES: '', MIZAN_KEY_PREFIX: prefix },
    timeout: 30_000, // an export that opened a FIFO for writing would wait for a reader forever
  });
const precious = (name: string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, PRECIOUS);
  return file;
};
/** Files left in the folder besides those the test made: a temporary file is never left behind. */
const leftovers = () => fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'));

describe('tmx export leaves what was at --out as it was unless it completes', () => {
  it('a TM that does not exist: the existing file is untouched', () => {
    const out = precious('legal.tmx');
    const run = tmx('export', '--tm', 'nosuch', '--out', out);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('export failed: UNKNOWN_TM: There is no translation memory named "nosuch".');
    expect(fs.readFileSync(out, 'utf8')).toBe(PRECIOUS);
    expect(leftovers()).toEqual([]);
  });

  it('Redis unreachable: one line naming its address (not its password), no stack, the file untouched', async () => {
    const out = precious('prev.tmx');
    const port = await freePort();
    const run = tmxAt(`redis://:s3cret@127.0.0.1:${port}`, 'export', '--tm', 'kept', '--out', out);
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toMatch(
      new RegExp(`^tmx: cannot reach Redis at redis://:\\*\\*\\*@127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)$`),
    );
    expect(run.stderr).not.toContain('s3cret');
    expect(fs.readFileSync(out, 'utf8')).toBe(PRECIOUS);
    expect(leftovers()).toEqual([]);
  });

  it('a bad REDIS_URL: one line, no stack, no file made', () => {
    const out = path.join(dir, 'x1.tmx');
    const run = tmxAt('notaurl', 'export', '--tm', 'kept', '--out', out);
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      'tmx: invalid configuration: REDIS_URL must be a URL starting with redis:// or rediss://, with a host, and a ' +
        'database number as its only path (got "notaurl")',
    );
    expect(fs.existsSync(out)).toBe(false);
  });

  it('a symbolic link: a failed export leaves link and target; a good one replaces the target, the link stays', () => {
    const target = precious('target.tmx');
    const link = path.join(dir, 'link.tmx');
    fs.symlinkSync('target.tmx', link);
    expect(tmx('export', '--tm', 'nosuch', '--out', link).status).toBe(1);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(target, 'utf8')).toBe(PRECIOUS);
    const run = tmx('export', '--tm', 'kept', '--out', link);
    expect(run.status).toBe(0);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(target, 'utf8')).toMatch(/^<\?xml[^]*<\/tmx>\n$/);
    expect(leftovers()).toEqual([]);
  });

  it('a file that is not a regular one (a FIFO) is refused and left alone', () => {
    const fifo = path.join(dir, 'pipe.tmx');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const run = tmxAt('redis://127.0.0.1:1', 'export', '--tm', 'kept', '--out', fifo); // refused before Redis
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(`tmx: cannot write ${fifo}: not a regular file (left alone)`);
    expect(fs.lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('a good export replaces the file whole, keeping its mode, and leaves no temporary file', () => {
    const out = precious('good.tsv');
    fs.chmodSync(out, 0o640);
    const run = tmx('export', '--tm', 'kept', '--out', out);
    expect(run.status).toBe(0);
    expect(fs.readFileSync(out, 'utf8').split('\n')).toHaveLength(4); // the header, two units, the final newline
    expect(fs.statSync(out).mode & 0o777).toBe(0o640);
    expect(leftovers()).toEqual([]);
  });
});

describe('tmx refuses the TM names the API refuses, as the API words it', () => {
  it.each(['Legal TM', 'Main', '../x', 'قانون', 'a}b{c'])('%s', async (name) => {
    const imported = tmx('import', path.join(dir, 'two.tmx'), '--tm', name);
    expect(imported.status).toBe(1);
    expect(imported.stderr.trim()).toBe(`tmx: INVALID_PARAMETER: Invalid value "${name}" for "--tm".`);
    const out = precious('named.tmx');
    const exported = tmx('export', '--tm', name, '--out', out);
    expect(exported.status).toBe(1);
    expect(exported.stderr.trim()).toBe(`tmx: INVALID_PARAMETER: Invalid value "${name}" for "--tm".`);
    expect(fs.readFileSync(out, 'utf8')).toBe(PRECIOUS);
    expect((await ctx.tm.listTms()).map((t) => t.name)).toEqual(['kept']);
  });
});
