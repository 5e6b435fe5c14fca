/**
 * The printable HTML page of a document (GET /api/v1/documents/:id?format=html) shows a row's inline codes — a row
 * whose unit an import replaced by a `tu` with codes — as codes: each a marked span showing what it stands for (its
 * native markup, escaped) or, without one, a short label; never the private-use character mizan keeps it as, and
 * never markup of the code's that a browser would act on.
 */
import request from 'supertest';
import { createTestContext, type TestContext } from '../helpers/context';
import { importDone, TMX_FOOT, TMX_HEAD } from '../helpers/tm-import';

jest.setTimeout(60_000);

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ seed: false });
});
afterAll(() => ctx.close());

const TM = 'doc-html';
const AR = ['افتتح الوزير المعرض الدولي للكتاب.', 'حضر الافتتاح عدد كبير من الناشرين.'];
const EN = ['The minister opened the international book fair.', 'Many publishers attended the opening.'];

/** Row 0 as a tool wrote it: a bold pair, a placeholder, a script in a code, a `hi` and a private-use character. */
const rowTu = (doc: string) =>
  `<tu><prop type="x-document">${doc}</prop><prop type="x-position">0</prop>` +
  `<tuv xml:lang="ar"><seg><bpt i="1">&lt;b&gt;</bpt>افتتح الوزير<ept i="1">&lt;/b&gt;</ept> المعرض ` +
  `<ph x="2">{0}</ph> الدولي للكتاب.</seg></tuv>` +
  `<tuv xml:lang="en"><seg><bpt i="1">&lt;b&gt;</bpt>The minister<ept i="1">&lt;/b&gt;</ept> opened the ` +
  `<ph x="2">{0}</ph> <ph>&lt;script&gt;alert(1)&lt;/script&gt;</ph><hi type="em">international</hi> ` +
  `book fair&#xE123;.</seg></tuv></tu>\n`;

describe('a document as a printable HTML page whose row holds inline codes', () => {
  it('shows each code as an escaped, marked span, with no private-use character and no live markup', async () => {
    const created = await request(ctx.app)
      .post('/api/v1/documents')
      .send({ tm: TM, ar: AR.join(' '), en: EN.join(' ') })
      .expect(201);
    const id = created.body.id as string;
    await importDone(ctx.app, TM, TMX_HEAD + rowTu(id) + TMX_FOOT);
    const stored = (await request(ctx.app).get(`/api/v1/documents/${id}`).query({ tm: TM }).expect(200)).body;
    expect(stored.segments[0].en).toMatch(/[\uE000-\uF8FF]/);

    const res = await request(ctx.app).get(`/api/v1/documents/${id}`).query({ tm: TM, format: 'html' }).expect(200);
    const html = res.text;
    expect(html).not.toMatch(/[\uE000-\uF8FF]/);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<hi');
    const row = /<tr[^>]* id="row-0">[^]*?<\/tr>/.exec(html)![0];
    const code = (shown: string) => new RegExp(`<span class="code" dir="ltr" title="[^"<>]*">${shown}</span>`);
    // The bold pair and the placeholder as their native markup, in both languages.
    for (const text of ['افتتح الوزير', 'The minister'])
      expect(row).toMatch(new RegExp(code('&lt;b&gt;').source + text));
    expect(row).toMatch(code('&lt;/b&gt;'));
    expect(row).toMatch(code('\\{0\\}'));
    // The script as text, the hi tags and the private-use character by a label; the words between them kept.
    expect(row).toMatch(code('&lt;script&gt;alert\\(1\\)&lt;/script&gt;'));
    expect(row).toMatch(new RegExp(code('hi').source + 'international' + code('/hi').source));
    expect(row).toMatch(new RegExp('book fair' + code('U\\+E123').source + '\\.'));
    // Its title is the code as the TMX writes it, escaped.
    expect(row).toContain('title="&lt;bpt i=&quot;1&quot;&gt;&amp;lt;b&amp;gt;&lt;/bpt&gt;"');
    // The style sheet gives the codes a look of their own (and the CSP allows it by hash: web-security.test.ts).
    expect(/<style>([^]*?)<\/style>/.exec(html)![1]).toContain('.code');
    // Row 1, without codes, is as before.
    expect(html).toContain(`<td lang="en" dir="ltr">${EN[1]}</td>`);
  });
});
