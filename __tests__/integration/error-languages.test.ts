/**
 * An Arabic or Chinese error message says its sentence in that language: lists of media types and encodings are
 * joined with the language's own "or", nothing English ("or", "not", "none") is built into them in code, and an
 * XML parser's English detail comes after a localized sentence, quoted.
 */
import request from 'supertest';
import { createTestContext, type TestContext } from '../helpers/context';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const ENGLISH_WORDS = /\b(or|not|none|no|and|format)\b/i;

describe('415 UNSUPPORTED_MEDIA_TYPE', () => {
  it.each([
    ['a document as text/plain', () => request(ctx.app).post('/api/v1/documents').set('Content-Type', 'text/plain')],
    [
      'a TMX import as text/plain',
      () => request(ctx.app).post('/api/v1/tms/main/imports').set('Content-Type', 'text/plain'),
    ],
    [
      'a TMX import with Content-Encoding compress',
      () =>
        request(ctx.app)
          .post('/api/v1/tms/main/imports')
          .set('Content-Type', 'application/x-tmx+xml')
          .set('Content-Encoding', 'compress'),
    ],
    [
      'a JSON body with Content-Encoding compress',
      () =>
        request(ctx.app)
          .post('/api/v1/match/batch')
          .set('Content-Type', 'application/json')
          .set('Content-Encoding', 'compress'),
    ],
    [
      'an XLIFF file as text/plain',
      () => request(ctx.app).post('/api/v1/pretranslate').set('Content-Type', 'text/plain'),
    ],
  ])('%s: no English words in Arabic or Chinese', async (_name, send) => {
    for (const lang of ['ar', 'zh']) {
      const res = await send().set('Accept-Language', lang).send('x').expect(415);
      expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(res.body.error.message).not.toMatch(ENGLISH_WORDS);
    }
  });

  it('joins the media types with the language’s own word for "or"', async () => {
    const message = async (lang: string) =>
      (
        await request(ctx.app)
          .post('/api/v1/documents')
          .set('Content-Type', 'text/plain')
          .set('Accept-Language', lang)
          .send('x')
          .expect(415)
      ).body.error.message as string;
    expect(await message('en')).toBe('Send the request body as application/json or multipart/form-data.');
    expect(await message('ar')).toBe('أرسل نص الطلب بصيغة application/json أو multipart/form-data.');
    expect(await message('zh')).toBe('请以 application/json或multipart/form-data 格式发送请求体。');
  });

  it('names the Content-Encoding refused, and those accepted, as an encoding rather than a format', async () => {
    const res = await request(ctx.app)
      .post('/api/v1/tms/main/imports')
      .set('Content-Type', 'application/x-tmx+xml')
      .set('Content-Encoding', 'compress')
      .set('Accept-Language', 'zh')
      .send('x')
      .expect(415);
    expect(res.body.error.message).toContain('compress');
    expect(res.body.error.message).toContain('gzip');
    expect(res.body.error.message).not.toContain('格式');
  });
});

describe('400 XML_MALFORMED', () => {
  it('says where in the language asked for, and quotes the parser’s own detail after it', async () => {
    const message = async (lang: string) =>
      (
        await request(ctx.app)
          .post('/api/v1/pretranslate')
          .set('Content-Type', 'application/xliff+xml')
          .set('Accept-Language', lang)
          .send('<x')
          .expect(400)
      ).body.error.message as string;
    expect(await message('ar')).toMatch(/^الملف ليس XML سليم البنية \(السطر 1، العمود \d+\)\. [^«]+«[^»]+»\.$/);
    expect(await message('zh')).toMatch(/^文件不是格式正确的 XML（第 1 行，第 \d+ 列）。[^“]+“[^”]+”。$/);
    expect(await message('en')).toMatch(/^The file is not well-formed XML \(line 1, column \d+\)\. .+: "[^"]+[^.]"\.$/);
  });
});
