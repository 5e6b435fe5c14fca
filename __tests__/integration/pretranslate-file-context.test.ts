/**
 * A context match (101) needs the segment's neighbours in the translator's file to be the unit's in its TM
 * document; a neighbour in another `<file>` of the same XLIFF is no neighbour: each `<file>` is its own text.
 */
import request from 'supertest';
import { createTestContext, type TestContext } from '../helpers/context';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext(); // the seed TM (tm/)
});
afterAll(() => ctx.close());

/** The last three rows of the seed document, in order: a 101 for the second and the third when they follow it. */
const ROWS = [
  'وستعمل الصين وأوزبكستان على تعزيز الشراكة الاستراتيجية الشاملة في العصر الجديد، وخلق معالم بارزة في التعاون ' +
    'في مجالي الحد من الفقر والابتكار.',
  'كما ستعمل قيرغيزستان وأوزبكستان مع الصين لتسريع مشروع السكك الحديدية بين الصين وقيرغيزستان وأوزبكستان.',
  'وستضع الصين وتركمانستان خططا قوية لتنظيم كل منهما أنشطة ثقافية سنوية في الأخرى، وتسريع إنشاء مراكز الطب ' +
    'التقليدي في تركمانستان.',
];

/** A 1.2 document with a `<file>` per group of rows. */
const xliff12 = (...groups: string[][]) => {
  let id = 0;
  const file = (rows: string[]) =>
    `  <file original="f" source-language="ar" target-language="en" datatype="plaintext"><body>\n${rows
      .map((row) => `    <trans-unit id="${++id}"><source>${row}</source></trans-unit>\n`)
      .join('')}  </body></file>\n`;
  return `<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n${groups.map(file).join('')}</xliff>\n`;
};

/** A 2.0 document with a `<file>` per group of rows. */
const xliff20 = (...groups: string[][]) => {
  let id = 0;
  const unit = (row: string) => `    <unit id="u${++id}"><segment><source>${row}</source></segment></unit>\n`;
  const files = groups.map((rows, f) => `  <file id="f${f + 1}">\n${rows.map(unit).join('')}  </file>\n`).join('');
  return (
    '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0" ' +
    `version="2.0" srcLang="ar" trgLang="zh">\n${files}</xliff>\n`
  );
};

const send = (route: string, body: string) =>
  request(ctx.app).post(route).set('Content-Type', 'application/xliff+xml').send(body).expect(200);
const bands = async (body: string) =>
  Object.fromEntries(
    ((await send('/api/v1/analyze', body)).body.rows as { band: string; segments: number }[]).map((r) => [
      r.band,
      r.segments,
    ]),
  );

describe('context matches in an XLIFF file of several <file>s', () => {
  it('counts a 101 for rows that follow each other in one <file> (1.2)', async () => {
    expect(await bands(xliff12(ROWS))).toMatchObject({ '101': 2, '100': 1 });
  });

  it('gives no 101 across a <file> boundary, neither from the next file’s first row nor the last one’s (1.2)', async () => {
    expect(await bands(xliff12(ROWS.slice(0, 2), ROWS.slice(2)))).toMatchObject({ '101': 0, '100': 3 });
  });

  it('writes an exact match, not a context match, for rows split across two <file>s (2.0)', async () => {
    expect((await send('/api/v1/pretranslate', xliff20(ROWS))).text.match(/type="icm"/g)).toHaveLength(2);
    const split = (await send('/api/v1/pretranslate', xliff20(ROWS.slice(0, 2), ROWS.slice(2)))).text;
    expect(split).not.toMatch(/type="icm"/);
    expect(split.match(/<mtc:match ref="#[^"]+" type="tm" similarity="100" origin="mizan">/g)).toHaveLength(3);
  });
});
