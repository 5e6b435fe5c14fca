import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { silentLogger } from '../../src/config';
import { createApp } from '../../src/http/app';
import { createTranslator } from '../../src/i18n';
import { checkedApp } from '../helpers/openapi-check';
import { createTestContext, type TestContext } from '../helpers/context';
import { FIXTURES } from '../helpers/xliff-fixtures';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const XLIFF = fs.readFileSync(path.join(FIXTURES, 'xliff', 'seed-po2xliff-ar-en.xlf'), 'utf8');
const send = (body: string | Buffer, query = '', type = 'application/xliff+xml') =>
  request(ctx.app).post(`/api/v1/pretranslate${query}`).set('Content-Type', type).send(body);
const code = (res: request.Response) => (res.body as { error: { code: string } }).error.code;

describe('XLIFF input that is refused', () => {
  it('answers 400 XLIFF_NO_SOURCES for a unit without source', async () => {
    const res = await send(XLIFF.replace(/<ns0:source>تم حفظ الملف<\/ns0:source>/, '')).expect(400);
    expect(code(res)).toBe('XLIFF_NO_SOURCES');
    expect(res.body.error.message).toContain('"7"');
  });

  it('answers 400 XML_MALFORMED naming the line and column', async () => {
    const res = await send(XLIFF.replace('</body>', '</bdy>')).expect(400);
    expect(code(res)).toBe('XML_MALFORMED');
    const line = XLIFF.split('\n').findIndex((l) => l.includes('</body>')) + 1;
    expect(res.body.error.message).toMatch(new RegExp(`line ${line}, column \\d+`));
  });

  it('refuses a DOCTYPE that declares entities without expanding anything', async () => {
    const bomb = XLIFF.replace(
      '<xliff',
      '<!DOCTYPE xliff [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n<xliff',
    );
    const res = await send(bomb).expect(400);
    expect(code(res)).toBe('XML_ENTITIES_REFUSED');
  });

  it('answers 400 INVALID_ENCODING for bytes that are not UTF-8 or UTF-16', async () => {
    const latin1 = Buffer.from(XLIFF.replace('UTF-8', 'ISO-8859-1').replace(/[^ -~\n]+/g, 'caf\u00e9'), 'latin1');
    const res = await send(latin1).expect(400);
    expect(code(res)).toBe('INVALID_ENCODING');
  });

  it('answers 400 for a target language the file contradicts or mizan does not support', async () => {
    expect(code(await send(XLIFF, '?tgt=zh').expect(400))).toBe('XLIFF_LANGUAGE_MISMATCH');
    expect(code(await send(XLIFF, '?tgt=fr').expect(400))).toBe('UNSUPPORTED_LANGUAGE');
    const traditional = await send(XLIFF.replace('target-language="en"', 'target-language="zh-TW"')).expect(400);
    expect(code(traditional)).toBe('UNSUPPORTED_LANGUAGE');
    expect(traditional.body.error.param).toBe('target-language');
    const french = await send(XLIFF.replace('source-language="ar"', 'source-language="fr-FR"')).expect(400);
    expect([code(french), french.body.error.param]).toEqual(['UNSUPPORTED_LANGUAGE', 'source-language']);
    const root = await send('<root/>').expect(400);
    expect(code(root)).toBe('XLIFF_VERSION_UNSUPPORTED');
  });

  it('answers 415 for another media type and 400 for a min out of range', async () => {
    expect(code(await send(XLIFF, '', 'text/plain').expect(415))).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(code(await send(XLIFF, '?min=102').expect(400))).toBe('MIN_OUT_OF_RANGE');
  });

  it('answers 413 for a file over the configured limits, raw or multipart', async () => {
    const config = { ...ctx.config, maxBody: '1kb', maxDocumentChars: 256 };
    const small = checkedApp(
      createApp({ tm: ctx.tm, translator: await createTranslator(), config, logger: silentLogger, version: 't' }),
      ctx.violations,
    );
    const raw = await request(small).post('/api/v1/analyze').set('Content-Type', 'application/xml').send(XLIFF);
    expect([raw.status, code(raw)]).toEqual([413, 'BODY_TOO_LARGE']);
    const form = await request(small)
      .post('/api/v1/pretranslate')
      .attach('file', Buffer.from(XLIFF), { filename: 'big.xlf', contentType: 'application/xliff+xml' });
    expect([form.status, code(form)]).toEqual([413, 'FILE_TOO_LARGE']);
  });
});
