/** npm run i18next -- pretranslate on a temp folder: ICU messages and a project's own delimiters. */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestContext, runScript, type TestContext } from '../helpers/context';
import { P } from '../helpers/xliff-fixtures';

let dir: string;
let source: string;
let ctx: TestContext;
const prefix = `mizan-test:${randomUUID().slice(0, 8)}:`;

const RESOURCES = {
  inbox: '{count, plural, one {لديك رسالة واحدة جديدة} other {لديك # رسالة جديدة}}',
  alerts: '{count, plural, one {لديك رسالة واحدة جديدة} other {لديك # تنبيهات}}',
  greeting: 'أهلا __name__، مرحبا بك',
};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mizan-i18next-icu-'));
  source = path.join(dir, 'ar.json');
  fs.writeFileSync(source, JSON.stringify(RESOURCES));
  ctx = await createTestContext({ prefix });
  await ctx.tm.createUnit('main', { ar: 'لديك رسالة واحدة جديدة', en: 'You have one new message' });
  await ctx.tm.createUnit('main', { ar: `لديك ${P(0)} رسالة جديدة`, en: `You have ${P(0)} new messages` });
  await ctx.tm.createUnit('main', { ar: `أهلا ${P(0)}، مرحبا بك`, en: `Hello ${P(0)}, welcome` });
});
afterAll(async () => {
  await ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const run = (...args: string[]) => runScript('i18next', prefix, ...args);
const read = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;

describe('npm run i18next -- pretranslate: ICU messages and custom delimiters', () => {
  it('writes ICU drafts rebuilt for English, leaves an incomplete one out, and keeps __name__', () => {
    const out = path.join(dir, 'locales');
    const result = run(
      'pretranslate',
      '--from',
      source,
      '--to',
      'en',
      '--out',
      out,
      '--interpolation-prefix',
      '__',
      '--interpolation-suffix',
      '__',
    );
    expect(result.stderr).toContain('1 ICU messages left out: a branch could not be drafted, see report.json');
    expect(result.status).toBe(0);
    expect(read(path.join(out, 'en.json'))).toEqual({
      inbox: '{count, plural, one {You have one new message} other {You have # new messages}}',
      greeting: 'Hello __name__, welcome',
    });
    const report = read(path.join(out, 'report.json')) as { keys: Array<{ key: string; status: string }> };
    expect(report.keys.find((k) => k.key === 'alerts')).toMatchObject({ status: 'icu-incomplete' });
  }, 30_000);

  it('reads an empty delimiter option as not given, as the route reads an empty parameter', () => {
    // `--nesting-prefix ''` was refused (INVALID_DELIMITER, delimiter-empty) where the route's `nestingPrefix=` is
    // i18next's default; `--interpolation-prefix ''` beside a given suffix is the default prefix with that suffix.
    const plain = path.join(dir, 'plain');
    const empty = path.join(dir, 'empty');
    expect(run('pretranslate', '--from', source, '--to', 'en', '--out', plain).status).toBe(0);
    const options = ['--interpolation-prefix', '', '--interpolation-suffix', '', '--nesting-prefix', ''];
    const result = run(
      'pretranslate',
      '--from',
      source,
      '--to',
      'en',
      '--out',
      empty,
      ...options,
      '--nesting-suffix',
      '',
    );
    expect(result.stderr).not.toContain('INVALID_DELIMITER');
    expect(result.status).toBe(0);
    for (const file of ['en.json', 'report.json'])
      expect(read(path.join(empty, file))).toEqual(read(path.join(plain, file)));
  }, 60_000);

  it('refuses an invalid delimiter before anything is written, naming the option', () => {
    const out = path.join(dir, 'refused');
    const result = run(
      'pretranslate',
      '--from',
      source,
      '--to',
      'en',
      '--out',
      out,
      '--nesting-prefix',
      '@'.repeat(17),
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /^i18next: INVALID_DELIMITER: "--nesting-prefix" cannot be "@{17}": a delimiter has at most 16 characters/,
    );
    expect(fs.existsSync(out)).toBe(false);
  }, 30_000);
});
