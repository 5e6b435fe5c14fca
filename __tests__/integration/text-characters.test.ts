/**
 * Texts holding characters XML 1.0 cannot carry (C0 controls other than tab, LF and CR; U+FFFE, U+FFFF; lone
 * surrogates) are refused on every write with 400 INVALID_CHARACTER naming the field and the position, rather than
 * stored and then changed by the TMX export (or, for a lone surrogate, turned into U+FFFD when stored).
 */
import request from 'supertest';
import { createTestContext, type TestContext } from '../helpers/context';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

/** A JSON body sent as written: `\ud800` reaches the server as the six characters of the escape. */
const send = (method: 'post' | 'patch', path: string, json: string, lang = 'en') =>
  request(ctx.app)[method](path).set('Content-Type', 'application/json').set('Accept-Language', lang).send(json);

const refused = (res: request.Response, param: string, position: number, character: string) => {
  expect(res.status).toBe(400);
  expect(res.body.error).toMatchObject({ code: 'INVALID_CHARACTER', param });
  expect(res.body.error.message).toContain(character);
  expect(res.body.error.message).toContain(String(position));
};

describe('POST /api/v1/units', () => {
  it.each([
    ['NUL in en', '{"ar":"نص بلا خطأ هنا","en":"nul\\u0000here"}', 'en', 4, 'U+0000'],
    ['U+0001 in zh', '{"ar":"نص بلا خطأ هنا","zh":"零\\u0001二"}', 'zh', 2, 'U+0001'],
    ['a lone surrogate in ar', '{"ar":"نص \\ud800 مع"}', 'ar', 4, 'U+D800'],
    ['U+FFFF in en', '{"ar":"نص بلا خطأ هنا","en":"\\uffff"}', 'en', 1, 'U+FFFF'],
  ])('refuses %s, storing nothing', async (_name, json, param, position, character) => {
    refused(await send('post', '/api/v1/units?tm=chars', json), param, position, character);
    const units = await request(ctx.app).get('/api/v1/tms/chars/units').expect(400);
    expect(units.body.error.code).toBe('UNKNOWN_TM'); // nothing was written to it
  });

  it('keeps tab, line feed, carriage return and surrogate pairs', async () => {
    const unit = { tm: 'chars-ok', ar: 'نص\tفيه\nأسطر', en: 'a\r\nb 😀', zh: '𠀋字' };
    const res = await request(ctx.app).post('/api/v1/units').send(unit).expect(201);
    expect(res.body).toMatchObject({ ar: unit.ar, en: unit.en, zh: unit.zh });
  });

  it('says so in the language asked for', async () => {
    const res = await send('post', '/api/v1/units?tm=chars', '{"ar":"نص\\u0000"}', 'ar');
    refused(res, 'ar', 3, 'U+0000');
    expect(res.headers['content-language']).toBe('ar');
    expect(res.body.error.message).toMatch(/\p{Script=Arabic}/u);
  });
});

describe('PATCH /api/v1/units/:id', () => {
  it('refuses a control character or a lone surrogate, leaving the unit as it was', async () => {
    const created = await request(ctx.app)
      .post('/api/v1/units')
      .send({ tm: 'chars-patch', ar: 'وحدة للتعديل', en: 'before' })
      .expect(201);
    const path = `/api/v1/units/${created.body.unitId}?tm=chars-patch`;
    refused(await send('patch', path, '{"en":"after\\u001f"}'), 'en', 6, 'U+001F');
    refused(await send('patch', path, '{"zh":"\\udc00后"}'), 'zh', 1, 'U+DC00');
    const unit = await request(ctx.app).get(path).expect(200);
    expect(unit.body).toMatchObject({ en: 'before', zh: '' });
  });
});

describe('POST /api/v1/documents', () => {
  it.each([
    ['ar', '{"ar":"جملة أولى. جملة\\u0000 ثانية."}', 'ar', 16, 'U+0000'],
    ['en', '{"ar":"جملة أولى.","en":"First\\ud800."}', 'en', 6, 'U+D800'],
    ['title', '{"ar":"جملة أولى.","title":"\\u0002"}', 'title', 1, 'U+0002'],
    ['meta.source', '{"ar":"جملة أولى.","meta":{"source":"x\\ufffe"}}', 'meta.source', 2, 'U+FFFE'],
  ])('refuses a JSON import with one in %s', async (_name, json, param, position, character) => {
    refused(await send('post', '/api/v1/documents?tm=chars-doc', json), param, position, character);
  });

  // (A NUL in a multipart file is INVALID_ENCODING: it is taken for UTF-16 read as UTF-8.)
  it('refuses a multipart import with one in a text file', async () => {
    const res = await request(ctx.app)
      .post('/api/v1/documents')
      .field('tm', 'chars-doc')
      .field('ar', 'جملة أولى.')
      .attach('en', Buffer.from('First\u0001.'), 'en.txt');
    refused(res, 'en', 6, 'U+0001');
  });
});
