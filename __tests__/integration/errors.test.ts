import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { loadConfig, silentLogger } from '../../src/config';
import { createApp } from '../../src/http/app';
import { createHttpServer } from '../../src/http/server';
import { createTranslator } from '../../src/i18n';
import { createTestContext, type TestContext } from '../helpers/context';
import { checkedApp } from '../helpers/openapi-check';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const get = (path: string, lang?: string) => {
  const req = request(ctx.app).get(path);
  return lang ? req.set('Accept-Language', lang) : req;
};

describe('bad parameters give localized 400s with stable codes', () => {
  const cases: [string, string, string][] = [
    ['/api/v1/match', 'QUERY_MISSING', 'q'],
    ['/api/v1/match?q=%20%20', 'QUERY_MISSING', 'q'],
    ['/api/v1/match?q=' + encodeURIComponent('؟!،'), 'QUERY_EMPTY', 'q'],
    ['/api/v1/match?q=test&src=fr', 'UNSUPPORTED_LANGUAGE', 'src'],
    ['/api/v1/match?q=test&src=en&tgt=ar,de', 'UNSUPPORTED_LANGUAGE', 'tgt'],
    ['/api/v1/match?q=test&src=en&tgt=en', 'SAME_LANGUAGE', 'tgt'],
    ['/api/v1/match?q=test&min=102', 'MIN_OUT_OF_RANGE', 'min'],
    ['/api/v1/match?q=test&min=-1', 'MIN_OUT_OF_RANGE', 'min'],
    ['/api/v1/match?q=test&min=7.5', 'MIN_OUT_OF_RANGE', 'min'],
    ['/api/v1/match?q=test&limit=0', 'LIMIT_OUT_OF_RANGE', 'limit'],
    ['/api/v1/match?q=test&limit=51', 'LIMIT_OUT_OF_RANGE', 'limit'],
    ['/api/v1/match?q=a&q=b', 'INVALID_PARAMETER', 'q'],
    ['/api/v1/match?q=test&tm=Bad%20Name', 'INVALID_PARAMETER', 'tm'],
    ['/api/v1/match?q=test&tm=nosuchtm', 'UNKNOWN_TM', 'tm'],
    ['/api/v1/documents/%ZZ', 'INVALID_PARAMETER', 'path'],
    ['/api/v1/match?q=%E0%A4%A&src=en', 'INVALID_PARAMETER', 'q'],
    ['/api/v1/concordance?q=%FF&lang=en', 'INVALID_PARAMETER', 'q'],
    ['/api/v1/match?q=test&s%E9rc=en', 'INVALID_PARAMETER', 's%E9rc'],
  ];

  it.each(cases)('%s → %s', async (path, code, param) => {
    const res = await get(path).expect(400);
    expect(res.body.error.code).toBe(code);
    expect(typeof res.body.error.message).toBe('string');
    if (param) expect(res.body.error.param).toBe(param);
  });

  it('names the parameter whose percent-encoding is not UTF-8, and says so, without the rest of the query', async () => {
    const res = await get('/api/v1/match?src=en&q=caf%E9&min=70').expect(400);
    expect(res.body.error).toEqual({
      code: 'INVALID_PARAMETER',
      param: 'q',
      message: 'The value of "q" ("caf%E9") is not UTF-8 once percent-decoded: percent-encode the text\'s UTF-8 bytes.',
    });
    const ar = await get('/api/v1/match?src=en&q=caf%E9', 'ar').expect(400);
    expect(ar.body.error.message).toBe(
      'قيمة "q" ("caf%E9") ليست نصًّا بترميز UTF-8 بعد فكّ ترميز النسبة المئوية: رمّز بايتات UTF-8 للنص.',
    );
    const zh = await get('/api/v1/match?src=en&q=caf%E9', 'zh').expect(400);
    expect(zh.body.error.message).toBe(
      '“q”的值（“caf%E9”）百分号解码后不是 UTF-8 文本：请对文本的 UTF-8 字节进行百分号编码。',
    );
    // MyMemory's /get answers the same error in its envelope.
    const mm = await get('/get?q=caf%E9+China&langpair=en-US|ar-SA').expect(400);
    expect(mm.body.error).toMatchObject({ code: 'INVALID_PARAMETER', param: 'q' });
    expect(mm.body.responseDetails).toBe(
      'The value of "q" ("caf%E9+China") is not UTF-8 once percent-decoded: percent-encode the text\'s UTF-8 bytes.',
    );
  });

  it('rejects an oversized query, naming its length and the limit', async () => {
    const q = 'كلمة '.repeat(500); // 2,500 characters, limit 2,000
    const res = await get('/api/v1/match?q=' + encodeURIComponent(q)).expect(400);
    expect(res.body.error.code).toBe('QUERY_TOO_LONG');
    expect(res.body.error.message).toBe('The query is 2500 characters long; the limit is 2000.');
  });

  it('speaks Arabic, Chinese or English according to Accept-Language', async () => {
    const ar = await get('/api/v1/match?q=test&min=200', 'ar-EG,ar;q=0.9').expect(400);
    expect(ar.headers['content-language']).toBe('ar');
    expect(ar.body.error.message).toBe('يجب أن تكون قيمة "min" عددًا صحيحًا من 30 إلى 101 (القيمة المرسلة: "200").');
    const zh = await get('/api/v1/match?q=test&min=200', 'zh-Hans-CN').expect(400);
    expect(zh.headers['content-language']).toBe('zh');
    expect(zh.body.error.message).toBe('“min”必须是 30 到 101 之间的整数（收到的是“200”）。');
    const en = await get('/api/v1/match?q=test&min=200', 'fr-FR, de;q=0.5').expect(400);
    expect(en.headers['content-language']).toBe('en');
    expect(en.body.error.message).toBe('"min" must be a whole number from 30 to 101 (got "200").');
  });

  it('names the supported languages in the language of the message, with their codes', async () => {
    const message = async (lang: string) =>
      (await get('/api/v1/match?q=test&src=fr', lang).expect(400)).body.error.message as string;
    expect(await message('ar')).toBe(
      'اللغة "fr" في "src" غير مدعومة؛ يدعم ميزان العربية (ar) والإنجليزية (en) والصينية المبسطة (zh).',
    );
    expect(await message('zh')).toBe('“src”中的语言“fr”不受支持；mizan 支持阿拉伯语 (ar)、英语 (en) 和简体中文 (zh)。');
    expect(await message('en')).toBe(
      'Language "fr" in "src" is not supported; mizan supports ar, en, zh (Simplified Chinese).',
    );
  });

  it('honours quality values when choosing the language', async () => {
    const res = await get('/api/v1/match', 'en;q=0.3, zh;q=0.8, ar;q=0.5').expect(400);
    expect(res.body.error).toEqual({ code: 'QUERY_MISSING', message: '缺少查询参数“q”。', param: 'q' });
  });
});

describe('what the HTTP server itself refuses', () => {
  it('takes a Chinese query of the documented length by GET; a larger request head is a JSON 431', async () => {
    const server = createHttpServer(ctx.app, await createTranslator(), ctx.config);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const long = await fetch(`${base}/api/v1/match?src=zh&q=${encodeURIComponent('中'.repeat(1999))}`);
      expect(long.status).toBe(200);
      const huge = await fetch(`${base}/api/v1/match?src=zh&q=${encodeURIComponent('中'.repeat(8000))}`);
      expect(huge.status).toBe(431);
      expect(huge.headers.get('content-language')).toBe('en');
      expect(((await huge.json()) as { error: unknown }).error).toMatchObject({
        code: 'HEADERS_TOO_LARGE',
        message:
          'The request line and headers are larger than 65536 bytes; send long queries with POST /api/v1/match/batch.',
      });
      // Past what the parser takes at all: the same answer, from the server (it never read the headers).
      const larger = await fetch(`${base}/api/v1/match?src=zh&q=${encodeURIComponent('中'.repeat(16_000))}`);
      expect(larger.status).toBe(431);
      expect(((await larger.json()) as { error: { code: string } }).error.code).toBe('HEADERS_TOO_LARGE');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('answers a head too large in the language asked for, with CORS and a request id, as described', async () => {
    const config = loadConfig({}, { ...ctx.config, corsOrigins: ['https://cat.example.org'] });
    const translator = await createTranslator();
    const app = createApp({ tm: ctx.tm, translator, config, logger: silentLogger, version: 't' });
    const violations: string[] = [];
    const server = createHttpServer(checkedApp(app, violations), translator, config);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (const [url, headers] of [
        [`${base}/api/v1/match?src=zh&q=${encodeURIComponent('中'.repeat(8000))}`, {}],
        [`${base}/api/v1/tms`, { 'X-Big': 'a'.repeat(70_000) }],
      ] as const) {
        const res = await fetch(url, {
          headers: { ...headers, 'Accept-Language': 'ar', Origin: 'https://cat.example.org' },
        });
        expect(res.status).toBe(431);
        expect(res.headers.get('content-language')).toBe('ar');
        expect(res.headers.get('access-control-allow-origin')).toBe('https://cat.example.org');
        expect(res.headers.get('x-request-id')).toBeTruthy();
        const { error } = (await res.json()) as { error: { code: string; message: string } };
        expect(error.code).toBe('HEADERS_TOO_LARGE');
        expect(error.message).toContain('65536');
        expect(error.message).toMatch(/[\u0600-\u06ff]/);
      }
      expect(violations).toEqual([]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
