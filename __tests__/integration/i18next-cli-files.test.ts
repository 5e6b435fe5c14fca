import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestContext, runScript, type TestContext } from '../helpers/context';

const CONSENSUS_AR = 'وقد توصل الجانبان إلى توافق واسع حول تعزيز التعاون العملي.';
const CONSENSUS_EN = 'The two sides reached broad consensus on strengthening practical cooperation.';
let dir: string;
let source: string;
let ctx: TestContext;
const prefix = `mizan-test:${randomUUID().slice(0, 8)}:`;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mizan-i18next-files-'));
  source = path.join(dir, 'ar.json');
  fs.writeFileSync(source, JSON.stringify({ news: { consensus: CONSENSUS_AR }, extra: 'تم حفظ الملف' }));
  ctx = await createTestContext({ prefix });
});
afterAll(async () => {
  await ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const run = (...args: string[]) => runScript('i18next', prefix, ...args);
const read = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;

describe('npm run i18next: file names and file errors', () => {
  it.each(['en-GB', 'en_GB', 'EN'])(
    'pretranslate --to %s reads and writes the file named by the tag as given, keeping the translator’s values',
    (tag) => {
      const out = path.join(dir, `loc-${tag}`);
      fs.mkdirSync(out);
      const mine = { legacy: 'Kept from an earlier release', extra: 'Saved by translator' };
      fs.writeFileSync(path.join(out, `${tag}.json`), JSON.stringify(mine));
      const result = run('pretranslate', '--from', source, '--to', tag, '--out', out);
      expect(result.stderr).toContain(`wrote ${tag}.json and report.json`);
      expect(result.status).toBe(0);
      expect(fs.readdirSync(out).sort()).toEqual([`${tag}.json`, 'report.json'].sort());
      expect(read(path.join(out, `${tag}.json`))).toEqual({ ...mine, news: { consensus: CONSENSUS_EN } });
    },
    30_000,
  );

  it('refuses two tags of one language in --to, which would name two files for one draft', () => {
    const result = run('pretranslate', '--from', source, '--to', 'en,en-GB', '--out', path.join(dir, 'twice'));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('"en" and "en-GB" both name en');
    expect(fs.existsSync(path.join(dir, 'twice'))).toBe(false);
  });

  it('export --lang reads BCP 47 and POSIX tags as every other language option, one file per tag as given', () => {
    const out = path.join(dir, 'export');
    const result = run('export', '--out', out, '--lang', 'en_GB,zh-Hans');
    expect(result.status).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(['en_GB.json', 'zh-Hans.json']);
    const refused = run('export', '--out', out, '--lang', 'fr');
    expect([refused.status, refused.stderr]).toEqual([1, expect.stringMatching(/^i18next: UNSUPPORTED_LANGUAGE: /)]);
  }, 30_000);

  it('names the path and says in words what failed when a file cannot be read or written', () => {
    const missing = path.join(dir, 'nosuch.json');
    const absent = run('pretranslate', '--from', missing, '--to', 'en', '--out', path.join(dir, 'x'));
    expect([absent.status, absent.stderr]).toEqual([1, `i18next: cannot read ${missing}: no such file\n`]);
    const folder = run('pretranslate', '--from', dir, '--to', 'en', '--out', path.join(dir, 'x'));
    expect([folder.status, folder.stderr]).toEqual([1, `i18next: cannot read ${dir}: it is a directory\n`]);
    const onFile = run('pretranslate', '--from', source, '--to', 'en', '--out', source);
    expect([onFile.status, onFile.stderr]).toEqual([
      1,
      `i18next: cannot create the folder ${source}: a file of that name exists\n`,
    ]);
  }, 30_000);
});
