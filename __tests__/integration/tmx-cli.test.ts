import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestContext, runScript, type TestContext } from '../helpers/context';
import { generatedTmx } from '../helpers/tm-import';

/** `npm run tmx -- …` as a user runs it, against the test Redis: help, files it cannot read or write. */
let dir: string;
let ctx: TestContext;
const prefix = `mizan-test:${randomUUID().slice(0, 8)}:`;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mizan-tmx-cli-'));
  fs.writeFileSync(path.join(dir, 'two.tmx'), generatedTmx(2));
  ctx = await createTestContext({ seed: false, prefix });
});
afterAll(async () => {
  await ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const tmx = (...args: string[]) => runScript('tmx', prefix, ...args);

describe('npm run tmx', () => {
  it.each(['--help', '-h', 'export --help'])(
    '%s prints the usage and exits 0',
    (args) => {
      const run = tmx(...args.split(' '));
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/^usage: npm run tmx -- import FILE --tm NAME/);
      expect(run.stderr).not.toContain('--tm is required');
    },
    30_000,
  );

  it('imports a file, then exports the TM as TSV', () => {
    const imported = tmx('import', path.join(dir, 'two.tmx'), '--tm', 'cli');
    expect(imported.status).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ status: 'done', units: { written: 2 } });
    const out = path.join(dir, 'cli.tsv');
    const exported = tmx('export', '--tm', 'cli', '--out', out);
    expect(exported.status).toBe(0);
    expect(fs.readFileSync(out, 'utf8').split('\n')[0]).toBe('unit_id\tdocument\tposition\tar\ten\tzh');
  }, 60_000);

  it('a file to import that does not exist: one line naming it, exit 1, no stack', () => {
    const missing = path.join(dir, 'nonexist.tmx');
    const run = tmx('import', missing, '--tm', 'cli');
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(`tmx: cannot read ${missing}: no such file`);
    expect(run.stdout).toBe('');
  }, 30_000);

  it('an output in a folder that does not exist: said before exporting, exit 1, no file and no crash', () => {
    const out = path.join(dir, 'no', 'such', 'dir', 'x.tmx');
    const run = tmx('export', '--tm', 'cli', '--out', out);
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(`tmx: cannot write ${out}: no such directory`);
    expect(run.stderr).not.toMatch(/units written|Unhandled/);
    expect(fs.existsSync(path.dirname(out))).toBe(false);
  }, 30_000);

  it('a TM that does not exist: exit 1, and no output created', () => {
    const out = path.join(dir, 'none.tmx');
    const run = tmx('export', '--tm', 'never-made', '--out', out);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('export failed: UNKNOWN_TM: There is no translation memory named "never-made".');
    expect(fs.existsSync(out)).toBe(false);
  }, 30_000);
});
