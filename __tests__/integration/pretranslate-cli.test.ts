import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestContext, runScript, type TestContext } from '../helpers/context';
import { FIXTURES } from '../helpers/xliff-fixtures';

const XLIFF = path.join(FIXTURES, 'xliff', 'seed-po2xliff-ar-en.xlf');
const CONSENSUS_EN = 'The two sides reached broad consensus on strengthening practical cooperation.';
const CONSENSUS_ZH = '双方就加强务实合作达成广泛共识。';
let dir: string;
let ctx: TestContext;
const prefix = `mizan-test:${randomUUID().slice(0, 8)}:`;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mizan-pretranslate-'));
  ctx = await createTestContext({ prefix }); // the seed TM, under the prefix the scripts are given
});
afterAll(async () => {
  await ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const run = (script: string, ...args: string[]) => runScript(script, prefix, ...args);

describe('npm run xliff', () => {
  it('pretranslates a file to --out, with a summary on standard error', () => {
    const out = path.join(dir, 'out.xlf');
    const result = run('xliff', 'pretranslate', XLIFF, '--tgt', 'en', '--min', '75', '--out', out);
    expect(result.stderr).toContain('ar -> en, min 75: 7 segment(s): 4 filled, 1 confirmed, 2 no-match');
    expect(result.status).toBe(0);
    const output = fs.readFileSync(out, 'utf8');
    expect(output).toContain(`<target state="translated" state-qualifier="exact-match">${CONSENSUS_EN}</target>`);
    expect(output).toContain('China is to build cultural centres');
  }, 30_000);

  it('counts the targets whose inline codes it had to put in as placeables to review', () => {
    const out = path.join(dir, 'inline.xlf');
    const result = run('xliff', 'pretranslate', path.join(FIXTURES, 'xliff', 'seed-inline-1.2.xlf'), '--out', out);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(
      'ar -> en, min 75: 2 segment(s): 0 filled, 0 confirmed, 1 no-match, ' +
        '1 placeables (filled with codes or placeholders put in: to review), 0 empty\n',
    );
    expect(fs.readFileSync(out, 'utf8')).toContain(
      `<target state="needs-review-translation" state-qualifier="fuzzy-match">${CONSENSUS_EN}<g id="1" ctype="bold"></g></target>`,
    );
  }, 30_000);

  it('prints the analysis as a table, or as JSON with --json', () => {
    const table = run('xliff', 'analyze', XLIFF);
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/^Analysis ar -> en\n/);
    const json = run('xliff', 'analyze', XLIFF, '--json');
    expect(json.status).toBe(0);
    const analysis = JSON.parse(json.stdout) as { total: { segments: number }; rows: { band: string }[] };
    expect(analysis.total.segments).toBe(7);
    expect(analysis.rows.map((r) => r.band)).toContain('repetition');
  }, 30_000);

  it('fails with the error code and message for a bad file, and with the usage for a missing one', () => {
    const bad = path.join(dir, 'bad.xlf');
    fs.writeFileSync(bad, '<xliff version="1.2"><file>');
    const broken = run('xliff', 'analyze', bad);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/^xliff: XML_MALFORMED: The file is not well-formed XML \(line 1, column \d+\)/);
    const missing = run('xliff', 'pretranslate');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('usage: npm run xliff');
  }, 30_000);
});

describe('npm run i18next', () => {
  it('writes drafts per language merged with the existing files, and a report', () => {
    const source = path.join(dir, 'ar.json');
    const out = path.join(dir, 'locales');
    fs.writeFileSync(
      source,
      JSON.stringify({
        news: { consensus: 'وقد توصل الجانبان إلى توافق واسع حول تعزيز التعاون العملي.' },
        saved: 'تم حفظ الملف',
      }),
    );
    fs.mkdirSync(out);
    // A translator's file: its empty object and array, and its key order, are kept as they were.
    const mine = { a: {}, news: { consensus: 'Mine' }, b: [], other: 'kept' };
    fs.writeFileSync(path.join(out, 'en.json'), JSON.stringify(mine));
    const result = run('i18next', 'pretranslate', '--from', source, '--to', 'en,zh', '--out', out);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('en: 1 kept, 1 no-match');
    expect(result.stderr).toContain('zh: 1 filled, 1 no-match');
    const read = (name: string) =>
      JSON.parse(fs.readFileSync(path.join(out, name), 'utf8')) as { news: { consensus: string }; keys: unknown[] };
    expect(fs.readFileSync(path.join(out, 'en.json'), 'utf8')).toBe(`${JSON.stringify(mine, null, 2)}\n`);
    expect(read('zh.json')).toEqual({ news: { consensus: CONSENSUS_ZH } });
    expect(read('report.json').keys).toContainEqual(
      expect.objectContaining({ lang: 'zh', key: 'news.consensus', status: 'filled', score: 100 }),
    );
    const forced = run('i18next', 'pretranslate', '--from', source, '--to', 'en', '--out', out, '--overwrite');
    expect(forced.status).toBe(0);
    expect(read('en.json').news.consensus).toBe(CONSENSUS_EN);
  }, 60_000);

  it('never restructures an existing value without --overwrite, and names the conflict in the report and summary', () => {
    // The tester's case (i18n/ar2.json with loc2/en.json): en.json holds a string where the source has news.consensus.
    const ar = 'وقد توصل الجانبان إلى توافق واسع حول تعزيز التعاون العملي.';
    const source = path.join(dir, 'ar-shape.json');
    const out = path.join(dir, 'locales-shape');
    fs.writeFileSync(source, JSON.stringify({ news: { consensus: ar }, list: ['تم حفظ الملف', ar] }));
    fs.mkdirSync(out);
    const mine = { news: 'flat string where source has an object', list: ['Keep first'] };
    fs.writeFileSync(path.join(out, 'en.json'), JSON.stringify(mine));
    const read = (name: string) => JSON.parse(fs.readFileSync(path.join(out, name), 'utf8')) as Record<string, unknown>;
    const result = run('i18next', 'pretranslate', '--from', source, '--to', 'en', '--out', out);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(
      'en: 2 kept, 1 filled (1 left unfilled: en.json holds a value of another shape, see below)\n' +
        'en.json: "news" holds a string where the source has an object: kept, news.consensus left unfilled ' +
        '(--overwrite replaces it)\n',
    );
    expect(read('en.json')).toEqual({ ...mine, list: ['Keep first', CONSENSUS_EN] });
    expect(read('report.json').keys).toContainEqual({
      lang: 'en',
      key: 'news.consensus',
      status: 'kept',
      conflict: { path: 'news', existing: 'string', source: 'object' },
    });
    const forced = run('i18next', 'pretranslate', '--from', source, '--to', 'en', '--out', out, '--overwrite');
    expect(forced.status).toBe(0);
    expect(forced.stderr).toContain(
      'en.json: "news" held a string where the source has an object: replaced (--overwrite) by news.consensus\n',
    );
    expect(read('en.json').news).toEqual({ consensus: CONSENSUS_EN });
    expect(read('report.json').keys).toContainEqual(
      expect.objectContaining({
        key: 'news.consensus',
        status: 'filled',
        replaced: true,
        conflict: expect.any(Object),
      }),
    );
  }, 60_000);

  it('puts in the placeables the TM lacks rather than lose them, and says so in the summary', () => {
    const source = path.join(dir, 'ar-tags.json');
    const out = path.join(dir, 'locales-tags');
    const ar = 'وقد توصل الجانبان إلى توافق واسع حول تعزيز التعاون العملي.';
    fs.writeFileSync(source, JSON.stringify({ link: `<0>${ar}</0>`, plain: ar }));
    const result = run('i18next', 'pretranslate', '--from', source, '--to', 'en', '--out', out);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(
      'en: 1 placeables-appended, 1 filled (1 with placeables the TM lacked appended: check where they go)',
    );
    expect(JSON.parse(fs.readFileSync(path.join(out, 'en.json'), 'utf8'))).toEqual({
      // The pair wraps the whole source: it wraps the whole draft.
      link: `<0>${CONSENSUS_EN}</0>`,
      plain: CONSENSUS_EN,
    });
    const report = JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8')) as { keys: object[] };
    expect(report.keys[0]).toMatchObject({ key: 'link', status: 'placeables-appended', appended: ['<0>', '</0>'] });
  }, 30_000);

  it('writes an array whole or not at all, and says how many drafts its untranslated elements kept out', () => {
    const source = path.join(dir, 'ar-arrays.json');
    const out = path.join(dir, 'locales-arrays');
    const ar = 'وقد توصل الجانبان إلى توافق واسع حول تعزيز التعاون العملي.';
    fs.writeFileSync(source, JSON.stringify({ steps: [ar, 'كلمة غريبة لا توجد في الذاكرة'], done: [ar, 5] }));
    const result = run('i18next', 'pretranslate', '--from', source, '--to', 'en', '--out', out);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(
      'en: 1 array-incomplete, 1 no-match, 1 filled (1 drafted but left out: their array has untranslated elements)',
    );
    expect(JSON.parse(fs.readFileSync(path.join(out, 'en.json'), 'utf8'))).toEqual({ done: [CONSENSUS_EN, 5] });
  }, 30_000);

  it('counts the plural forms drafted from another form in the summary, to check', () => {
    const source = path.join(dir, 'en-plural.json');
    const out = path.join(dir, 'locales-plural');
    fs.writeFileSync(source, JSON.stringify({ n_one: CONSENSUS_EN, n_other: CONSENSUS_EN }));
    const result = run('i18next', 'pretranslate', '--from', source, '--src', 'en', '--to', 'ar', '--out', out);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(
      'ar: 6 filled (4 plural forms the source language lacks, drafted from another form: to check)',
    );
  }, 30_000);

  it('refuses a --min below MIZAN_MIN_FLOOR with the HTTP route’s code and message, writing nothing', () => {
    const source = path.join(dir, 'ar-min.json');
    const out = path.join(dir, 'locales-min');
    fs.writeFileSync(source, JSON.stringify({ saved: 'تم حفظ الملف' }));
    const result = run('i18next', 'pretranslate', '--from', source, '--to', 'en', '--out', out, '--min', '10');
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('i18next: MIN_OUT_OF_RANGE: "min" must be a whole number from 30 to 100 (got "10").\n');
    expect(fs.existsSync(out)).toBe(false);
    const xliff = run('xliff', 'pretranslate', XLIFF, '--min', '102');
    expect(xliff.status).toBe(1);
    expect(xliff.stderr).toBe('xliff: MIN_OUT_OF_RANGE: "min" must be a whole number from 30 to 101 (got "102").\n');
  }, 30_000);

  it('words a refused file as the HTTP route does, its reason translated, writing nothing', () => {
    const source = path.join(dir, 'ar-list.json');
    const out = path.join(dir, 'locales-list');
    fs.writeFileSync(source, JSON.stringify(['تم حفظ الملف']));
    const result = run('i18next', 'pretranslate', '--from', source, '--to', 'en', '--out', out);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('i18next: INVALID_BODY: The request body cannot be read: a JSON object is expected.\n');
    expect(fs.existsSync(out)).toBe(false);
  }, 30_000);

  it('reads a source and an existing file that start with a UTF-8 byte-order mark, as the HTTP route does', () => {
    // The tester's case (i18n/ar-bom.json): files saved by Notepad or Visual Studio carry a BOM.
    const source = path.join(dir, 'ar-bom.json');
    const out = path.join(dir, 'locales-bom');
    const ar = 'وقد توصل الجانبان إلى توافق واسع حول تعزيز التعاون العملي.';
    fs.writeFileSync(source, `\uFEFF${JSON.stringify({ news: ar, cancel: 'تم حفظ الملف' })}`);
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'en.json'), '\uFEFF{"cancel":"Abort"}');
    const result = run('i18next', 'pretranslate', '--from', source, '--to', 'en', '--out', out);
    expect(result.stderr).toContain('en: 1 filled, 1 kept\n');
    expect(result.status).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'en.json'), 'utf8'))).toEqual({
      cancel: 'Abort',
      news: CONSENSUS_EN,
    });
  }, 30_000);

  it('names the file that is not valid JSON, writing nothing', () => {
    const source = path.join(dir, 'ar-broken.json');
    const out = path.join(dir, 'locales-broken');
    fs.writeFileSync(source, '{"saved": "تم حفظ الملف",}');
    const result = run('i18next', 'pretranslate', '--from', source, '--to', 'en', '--out', out);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^i18next: ${source.replace(/[.\\]/g, '\\$&')} is not valid JSON: `));
    expect(fs.existsSync(out)).toBe(false);
    fs.mkdirSync(out);
    fs.writeFileSync(source, '{"saved": "تم حفظ الملف"}');
    fs.writeFileSync(path.join(out, 'zh.json'), '{"saved": ');
    const existing = run('i18next', 'pretranslate', '--from', source, '--to', 'en,zh', '--out', out);
    expect(existing.status).toBe(1);
    expect(existing.stderr).toContain(`${path.join(out, 'zh.json')} is not valid JSON: `);
    expect(fs.readdirSync(out)).toEqual(['zh.json']);
  }, 30_000);

  it('exports a document as one file per language', async () => {
    const [doc] = await ctx.tm.listDocuments('main');
    const out = path.join(dir, 'export');
    const result = run('i18next', 'export', '--out', out, '--document', doc!.id, '--lang', 'en,zh');
    expect(result.status).toBe(0);
    const zh = JSON.parse(fs.readFileSync(path.join(out, 'zh.json'), 'utf8')) as Record<string, Record<string, string>>;
    expect(Object.keys(zh[doc!.id]!)).toHaveLength(doc!.segments);
    expect(fs.existsSync(path.join(out, 'ar.json'))).toBe(false);
  }, 30_000);
});
