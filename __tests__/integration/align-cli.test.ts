import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readTmx, readTsv, tmxToDocuments } from '../../src/formats';
import { createTestContext, runScript, type TestContext } from '../helpers/context';

let dir: string;
let ctx: TestContext;
const prefix = `mizan-test:${randomUUID().slice(0, 8)}:`;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mizan-align-'));
  fs.writeFileSync(path.join(dir, 'one.ar.txt'), 'جملة أولى للتجربة. جملة ثانية للتجربة.\n\nفقرة ثانية هنا.');
  fs.writeFileSync(
    path.join(dir, 'one.en.txt'),
    'A first test sentence. A second test sentence.\n\nA second paragraph here.',
  );
  fs.writeFileSync(path.join(dir, 'one.zh.txt'), '第一个测试句子。第二个测试句子。\n\n这里是第二段。');
  fs.writeFileSync(path.join(dir, 'two.ar.txt'), 'نص آخر للتجربة.');
  fs.writeFileSync(path.join(dir, 'two.zh.txt'), '另一个测试文本。');
  ctx = await createTestContext({ seed: false, prefix });
});
afterAll(async () => {
  await ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const align = (...args: string[]) => runScript('align', prefix, ...args);

describe('the align command', () => {
  it('aligns one triple to TMX on standard output', () => {
    const run = align(
      '--ar',
      path.join(dir, 'one.ar.txt'),
      '--en',
      path.join(dir, 'one.en.txt'),
      '--zh',
      path.join(dir, 'one.zh.txt'),
    );
    expect(run.status).toBe(0);
    const [doc] = tmxToDocuments(readTmx(run.stdout));
    expect(doc!.segments.map((s) => [s.paragraph, s.ar, s.en, s.zh])).toEqual([
      [0, 'جملة أولى للتجربة.', 'A first test sentence.', '第一个测试句子。'],
      [0, 'جملة ثانية للتجربة.', 'A second test sentence.', '第二个测试句子。'],
      [1, 'فقرة ثانية هنا.', 'A second paragraph here.', '这里是第二段。'],
    ]);
  }, 30_000);

  it('aligns a folder of triples to TSV files with a progress bar, and loads them into the TM', async () => {
    const out = path.join(dir, 'out');
    const run = align('--dir', dir, '--out', out, '--format', 'tsv', '--load');
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('[##############################] 2/2');
    expect(run.stderr).toContain('2 document(s), 4 rows');
    expect(readTsv(fs.readFileSync(path.join(out, 'two.tsv'), 'utf8')).map((r) => [r.ar, r.zh])).toEqual([
      ['نص آخر للتجربة.', '另一个测试文本。'],
    ]);
    const docs = await ctx.store.listDocuments('main');
    expect(docs.map((d) => d.segments).sort()).toEqual([1, 3]);
  }, 30_000);

  it('fails with a usage message when no input is given', () => {
    const run = align();
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('usage: npm run align');
  }, 30_000);

  it('refuses an unknown option or a bad --format, naming it, with the usage', () => {
    const unknown = align('--ar', path.join(dir, 'one.ar.txt'), '--lang', 'zh');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain("Unknown option '--lang'");
    expect(unknown.stderr).toContain('usage: npm run align');
    const format = align('--ar', path.join(dir, 'two.ar.txt'), '--format', 'xliff');
    expect(format.status).toBe(1);
    expect(format.stderr).toContain('--format is tmx or tsv, not "xliff"');
  }, 30_000);

  it('prints its usage on standard output for --help', () => {
    const run = align('--help');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('npm run align -- --dir FOLDER');
  }, 30_000);
});
