import request from 'supertest';
import { readTsv } from '../../src/formats';
import { createTestContext, type TestContext } from '../helpers/context';
import { importTmx } from '../helpers/tm-import';

/** A TM's TSV export writes each inline code as the plain text it stands for (formats/tsv.ts, placeablesAsText). */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ seed: false });
});
afterAll(() => ctx.close());

const RICH = `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="ar" datatype="xml"/><body>
<tu tuid="r1">
  <tuv xml:lang="ar"><seg>أصدرت <bpt i="1" x="1" type="link">&lt;a href="http://x.org/?a=1&amp;b=2"&gt;</bpt>الوزارة<ept i="1">&lt;/a&gt;</ept> بيانا <ph x="2" type="fnote">[1]</ph>.</seg></tuv>
  <tuv xml:lang="en"><seg>The <bpt i="1" x="1" type="link">&lt;a href="http://x.org/?a=1&amp;b=2"&gt;</bpt>ministry<ept i="1">&lt;/a&gt;</ept> issued a statement <ph x="2" type="fnote">[1]</ph>.</seg></tuv>
  <tuv xml:lang="zh"><seg>部委发表了声明<ph x="2" type="fnote">[1]</ph>。</seg></tuv>
</tu>
<tu tuid="r2">
  <tuv xml:lang="ar"><seg>سطر<ph type="lb"/>جديد</seg></tuv>
  <tuv xml:lang="en"><seg>new<ph type="lb"/>line and<ph x="5"/>more</seg></tuv>
</tu>
</body></tmx>`;

describe('GET /api/v1/tms/:tm/export?format=tsv', () => {
  it('writes line breaks as \\n, other codes as their native text, and never joins two words', async () => {
    expect((await importTmx(ctx.app, 'rich', RICH)).status).toBe('done');
    const res = await request(ctx.app).get('/api/v1/tms/rich/export').query({ format: 'tsv' }).expect(200);
    const lines = res.text.split('\n').filter((line) => line !== ''); // not trimmed: a last empty cell is a tab
    expect(lines[0]).toBe('unit_id\tdocument\tposition\tar\ten\tzh');
    const rows = lines.slice(1).map((line) => line.split('\t').slice(3));
    expect(rows).toContainEqual([
      'أصدرت <a href="http://x.org/?a=1&b=2">الوزارة</a> بيانا [1].',
      'The <a href="http://x.org/?a=1&b=2">ministry</a> issued a statement [1].',
      '部委发表了声明[1]。',
    ]);
    expect(rows).toContainEqual(['سطر\\nجديد', 'new\\nline and more', '']);
    expect(res.text).not.toMatch(/[\uE000-\uF8FF]/);
  });

  it('reads back, as TSV cells do, to the texts with their line breaks', async () => {
    const res = await request(ctx.app).get('/api/v1/tms/rich/export').query({ format: 'tsv', langs: 'en' }).expect(200);
    const en = res.text
      .split('\n')
      .filter((line) => line !== '')
      .slice(1)
      .map((line) => line.split('\t')[4]!);
    // The document reader's unescaping (formats/tsv.ts) turns the cell's \n back into a newline.
    const header = 'position\tparagraph\tunit_id\tar\ten\tzh';
    const back = readTsv(`${header}\n${en.map((t) => `0\t0\tu\tا\t${t}\t`).join('\n')}\n`).map((r) => r.en);
    expect(back).toContain('new\nline and more');
  });

  it('doubles every backslash, so that a path is told from an escaped line break and reads back as it was', async () => {
    const ar = 'احفظ الملف في C:\\new\\table.txt';
    const en = 'Save the file in C:\\new\\table.txt, then a\tb';
    await request(ctx.app).post('/api/v1/units').send({ tm: 'paths', ar, en }).expect(201);
    const res = await request(ctx.app)
      .get('/api/v1/tms/paths/export')
      .query({ format: 'tsv', langs: 'en' })
      .expect(200);
    const cells = res.text.split('\n')[1]!.split('\t');
    expect(cells.slice(3)).toEqual([
      'احفظ الملف في C:\\\\new\\\\table.txt',
      'Save the file in C:\\\\new\\\\table.txt, then a\\tb',
    ]);
    const back = readTsv(`position\tparagraph\tunit_id\tar\ten\tzh\n0\t0\tu\t${cells[3]}\t${cells[4]}\t\n`);
    expect(back[0]).toMatchObject({ ar, en });
  });
});
