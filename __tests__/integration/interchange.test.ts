/**
 * The endpoints existing clients call, tested from the client's side: requests built the way Weblate (tmserver
 * machinery), Okapi (TranslateToolkitTMConnector) and Virtaal (tmclient) build them, answers read the way they read
 * them; the MyMemory shape field by field; language tags in every form; CORS; Accept on documents.
 */
import type { RequestListener } from 'node:http';
import request from 'supertest';
import { loadConfig, silentLogger } from '../../src/config';
import { createApp } from '../../src/http/app';
import { createTranslator } from '../../src/i18n';
import { readManifest, readSeedDocument } from '../../src/service';
import type { DocumentRow } from '../../src/types';
import { createTestContext, TM_DIR, type TestContext } from '../helpers/context';

let ctx: TestContext;
let rows: DocumentRow[];
/** The same mizan without the OpenAPI check (for paths clients send that no template can name, and for CORS). */
let plain: RequestListener;
const docId = readManifest(TM_DIR).documents[0]!.id;

beforeAll(async () => {
  ctx = await createTestContext();
  rows = readSeedDocument(TM_DIR, readManifest(TM_DIR).documents[0]!).segments;
  const config = loadConfig({}, { ...ctx.config, corsOrigins: ['https://cat.example.org'] });
  plain = createApp({ tm: ctx.tm, translator: await createTranslator(), config, logger: silentLogger, version: 't' });
});
afterAll(() => ctx.close());

/** Python's urllib.parse.quote(text, safe=''): everything but letters, digits and _.-~ percent-encoded. */
const pyQuote = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
/** Java's URLEncoder.encode(text, "UTF-8").replace("+", "%20"), as Okapi sends it (`*` left as it is). */
const javaEncode = (s: string) =>
  encodeURIComponent(s).replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Weblate: codes `replace("-", "_").lower()`, text cut to 500 characters with \r as a space, every part quoted. */
const weblateCode = (code: string) => code.replace(/-/g, '_').toLowerCase();
const weblateUrl = (base: string, src: string, tgt: string, text: string) =>
  [base, ...[weblateCode(src), weblateCode(tgt), 'unit', text.slice(0, 500).replace(/\r/g, ' ')].map(pyQuote)].join(
    '/',
  );

/** The answer as Okapi reads it: quality cast to a Java Double (a JSON integer would not cast), stop under threshold. */
function okapiRead(raw: string, threshold: number): { score: number; source: string; target: string }[] {
  const items = JSON.parse(raw) as { quality: unknown; source: string; target: string }[];
  const qualities = [...raw.matchAll(/"quality":(-?[\d.eE+-]+)/g)].map((m) => m[1]!);
  const out = [];
  for (let i = 0; i < items.length; i++) {
    if (!qualities[i]!.includes('.')) throw new Error(`quality ${qualities[i]} is not a Double`);
    const score = Math.trunc(Number(qualities[i]));
    if (score < threshold) break;
    out.push({ score, source: items[i]!.source, target: items[i]!.target });
  }
  return out;
}

describe('amaGama / tmserver, as Weblate asks', () => {
  it('answers an en_GB → ar lookup of a text with a slash sent as %2F, quality read with int()', async () => {
    const row = rows[1]!; // "/Source: Xinhua/ 2023:04:27.10:18"
    expect(row.en).toContain('/');
    const url = weblateUrl('/tmserver', 'en-GB', 'ar', row.en);
    expect(url).toContain('%2FSource');
    const res = await request(ctx.rawApp).get(url).expect(200);
    expect(res.headers['cache-control']).toBe('max-age=3600, public');
    const suggestions = res.body.map((line: { quality: number; source: string; target: string }) => ({
      quality: Math.trunc(line.quality),
      source: line.source,
      target: line.target,
    }));
    expect(suggestions[0]).toEqual({ quality: 100, source: row.en, target: row.ar });
  });

  it('accepts text cut at 500 characters with \\r turned into a space', async () => {
    const row = rows[9]!;
    const long = `${row.ar}\r${'ك'.repeat(600)}`;
    const res = await request(ctx.app)
      .get(weblateUrl('/tmserver', 'ar', 'en', long))
      .expect(200);
    expect(Array.isArray(res.body)).toBe(true);
    const exact = await request(ctx.app)
      .get(weblateUrl('/tmserver', 'ar', 'en', `${row.ar}\r`))
      .expect(200);
    expect(exact.body[0]).toMatchObject({ source: row.ar, target: row.en });
    expect(exact.body[0].quality).toBeGreaterThanOrEqual(95);
  });

  it('lists the languages under /tmserver/languages/, which Weblate pairs up', async () => {
    const res = await request(ctx.rawApp).get('/tmserver/languages/').expect(200);
    const langs = ['ar', 'en', 'zh_cn', 'zh_hans', 'zh_sg'];
    expect(res.body).toEqual({ sourceLanguages: langs, targetLanguages: langs });
    expect(res.headers['cache-control']).toBe('max-age=3600, public');
  });
});

describe('amaGama / tmserver, as Okapi asks', () => {
  it('writes quality and rank as floats, sorted best first, under /api/v1 with POSIX codes', async () => {
    const q = rows[12]!.ar.replace('ثقافية', 'تجارية');
    const res = await request(ctx.app)
      .get(`/api/v1/ar/en_US/unit/${javaEncode(q)}`)
      .buffer(true)
      .parse((r, done) => {
        let text = '';
        r.on('data', (c: Buffer) => (text += c.toString('utf8')));
        r.on('end', () => done(null, text));
      })
      .expect(200);
    const raw = res.body as string;
    expect(raw).toMatch(/^\[\{"quality":\d+(\.\d+)?,"rank":\d+(\.\d+)?,"source":/);
    const read = okapiRead(raw, 70);
    expect(read.length).toBeGreaterThan(0);
    expect(read[0]!.target).toBe(rows[12]!.en);
    const scores = read.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const exact = await request(ctx.app)
      .get(`/tmserver/ar/en/unit/${javaEncode(rows[9]!.ar)}`)
      .buffer(true)
      .parse((r, done) => {
        let text = '';
        r.on('data', (c: Buffer) => (text += c.toString('utf8')));
        r.on('end', () => done(null, text));
      })
      .expect(200);
    expect(exact.body as string).toContain('"quality":100.0,"rank":100.0');
  });

  it('clamps min_similarity to at least 70 and max_candidates to at most 30, and reads ?source=', async () => {
    const q = 'وأشار وزراء خارجية الدول الخمس إلى أن';
    const low = await request(ctx.app)
      .get('/tmserver/ar/en/unit/')
      .query({ source: q, min_similarity: '10', max_candidates: '500' })
      .expect(200);
    for (const line of low.body) expect(line.quality).toBeGreaterThanOrEqual(70);
    expect(low.body.length).toBeLessThanOrEqual(30);
    const one = await request(ctx.app)
      .get(`/tmserver/ar/en/unit/${pyQuote(rows[9]!.ar)}`)
      .query({ max_candidates: '1', min_similarity: 'abc' })
      .expect(200);
    expect(one.body).toHaveLength(1);
  });

  it('answers 404 as amaGama for a source it does not serve, src = tgt, or no text; [] for a text without words', async () => {
    const fr = await request(ctx.app).get('/tmserver/fr/en/unit/bonjour').expect(404);
    expect(fr.body.error).toMatchObject({ code: 'UNSUPPORTED_LANGUAGE', param: 'src' });
    expect(fr.body.error.message).toContain('ar, en, zh');
    // A target it does not serve has nothing to suggest (amagama-clients.test.ts).
    expect((await request(ctx.app).get('/tmserver/ar/zh_TW/unit/x').expect(200)).body).toEqual([]);
    const same = await request(ctx.app).get('/tmserver/en_GB/en_US/unit/hello').expect(404);
    expect(same.body.error.code).toBe('SAME_LANGUAGE');
    const none = await request(ctx.app).get('/tmserver/ar/en/unit/').expect(404);
    expect(none.body.error.code).toBe('QUERY_MISSING');
    const punct = await request(ctx.app)
      .get(`/tmserver/ar/en/unit/${pyQuote('!!؟')}`)
      .expect(200);
    expect(punct.body).toEqual([]);
  });
});

describe('amaGama / tmserver, as Virtaal asks', () => {
  it('answers its doubled slash after the base URL, and a raw slash inside the text', async () => {
    const row = rows[1]!;
    // base_url "…/api/v1/" + "/%s/%s/unit" + "/" + urllib.quote(text, safe='')
    const res = await request(plain)
      .get(`/api/v1//en/ar/unit/${pyQuote(row.en)}`)
      .expect(200);
    expect(res.body[0]).toMatchObject({ quality: 100, source: row.en, target: row.ar });
    const raw = await request(plain)
      .get(`/tmserver/en/ar/unit/${encodeURI(row.en)}`)
      .expect(200);
    expect(raw.body[0]).toMatchObject({ source: row.en, target: row.ar });
  });
});

describe('MyMemory /get', () => {
  it('answers the documented response object, field by field', async () => {
    const row = rows[9]!;
    const res = await request(ctx.app).get('/get').query({ q: row.ar, langpair: 'ar-SA|en-GB' }).expect(200);
    expect(res.body).toMatchObject({
      responseData: { translatedText: row.en, match: 1 },
      quotaFinished: false,
      mtLangSupported: null,
      responseDetails: '',
      responseStatus: 200,
      responderId: null,
      exception_code: null,
    });
    const [first] = res.body.matches;
    expect(first).toEqual({
      id: expect.any(String),
      segment: row.ar,
      translation: row.en,
      source: 'ar-SA',
      target: 'en-GB',
      quality: '100',
      reference: null,
      'usage-count': 0,
      subject: 'All',
      'created-by': 'mizan',
      'last-updated-by': 'mizan',
      'create-date': '0000-00-00 00:00:00', // the seed's TMX names no creationdate
      'last-update-date': expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/), // when it was loaded
      match: 1,
    });
    const fuzzy = await request(ctx.app)
      .get('/get')
      .query({ q: rows[12]!.ar.replace('ثقافية', 'تجارية'), langpair: 'ar|zh' })
      .expect(200);
    expect(fuzzy.body.matches[0].match).toBeGreaterThan(0.7);
    expect(fuzzy.body.matches[0].match).toBeLessThan(1);
    expect(fuzzy.body.responseData.translatedText).toBe(rows[12]!.zh);
  });

  it('answers "" with match 0 when nothing matches, and client errors with responseStatus 403', async () => {
    const none = await request(ctx.app).get('/get').query({ q: 'لا شيء يشبه هذا إطلاقا', langpair: 'ar|en' });
    expect(none.body).toMatchObject({ responseData: { translatedText: '', match: 0 }, matches: [] });
    const noPair = await request(ctx.app).get('/get').query({ q: 'x' }).expect(400);
    expect(noPair.body).toMatchObject({
      responseStatus: 403,
      responseData: { translatedText: '' },
      error: { code: 'FIELD_MISSING', param: 'langpair' },
    });
    expect(noPair.body.responseDetails).toBe(noPair.body.error.message);
    const fr = await request(ctx.app).get('/get').query({ q: 'x', langpair: 'ar|fr' }).expect(400);
    expect(fr.body.error).toMatchObject({ code: 'UNSUPPORTED_LANGUAGE', param: 'langpair' });
  });
});

describe('language tags, everywhere a language is named', () => {
  it.each(['ar-EG', 'AR_sa', 'ara'])('reads src=%s as Arabic', async (src) => {
    const res = await request(ctx.app).get('/api/v1/match').query({ q: rows[9]!.ar, src, tgt: 'EN_gb' }).expect(200);
    expect(res.body.matches[0]).toMatchObject({ score: 100, source: { lang: 'ar' }, targets: { en: rows[9]!.en } });
  });

  it('reads zh_Hans and zh-CN as Chinese', async () => {
    const res = await request(ctx.app)
      .get('/api/v1/match')
      .query({ q: rows[12]!.zh, src: 'zh_Hans', tgt: 'ar' })
      .expect(200);
    expect(res.body.matches[0].targets).toEqual({ ar: rows[12]!.ar });
    const cn = await request(ctx.app).get('/api/v1/match').query({ q: rows[9]!.ar, tgt: 'zh-CN' }).expect(200);
    expect(cn.body.matches[0].targets).toEqual({ zh: rows[9]!.zh });
  });

  it.each([
    ['src', 'zh-TW'],
    ['src', 'fr'],
    ['tgt', 'fr-FR'],
  ])('refuses %s=%s with UNSUPPORTED_LANGUAGE naming what is supported', async (param, value) => {
    const res = await request(ctx.app)
      .get('/api/v1/match')
      .query({ q: 'x', [param]: value })
      .expect(400);
    expect(res.body.error).toMatchObject({ code: 'UNSUPPORTED_LANGUAGE', param });
    expect(res.body.error.message).toContain(value);
    expect(res.body.error.message).toContain('ar, en, zh');
  });

  it('reads Accept-Language in BCP 47 and POSIX forms, Traditional Chinese as a wish for Chinese messages', async () => {
    const lang = async (header: string) =>
      (await request(ctx.app).get('/api/v1/match').set('Accept-Language', header).expect(400)).headers[
        'content-language'
      ];
    expect(await lang('zh_CN')).toBe('zh');
    expect(await lang('ar-EG;q=0.9, en;q=0.5')).toBe('ar');
    expect(await lang('zh-TW, ar;q=0.3')).toBe('zh');
    expect(await lang('zh-Hant')).toBe('zh');
    expect(await lang('fr, *;q=0.1')).toBe('en');
  });
});

describe('targets', () => {
  it('leave out a language the unit does not have instead of sending ""', async () => {
    const ar = 'وحدة تجريبية لها ترجمة إنجليزية فقط ولا صينية';
    await request(ctx.app).post('/api/v1/units').send({ ar, en: 'A test unit with English only' }).expect(201);
    const res = await request(ctx.app).get('/api/v1/match').query({ q: ar, tgt: 'en,zh' }).expect(200);
    expect(res.body.matches[0].targets).toEqual({ en: 'A test unit with English only' });
    expect(res.body.matches[0].targets).not.toHaveProperty('zh');
    const amagama = await request(ctx.app)
      .get(`/tmserver/ar/zh/unit/${pyQuote(ar)}`)
      .expect(200);
    expect(amagama.body.filter((s: { source: string }) => s.source === ar)).toEqual([]);
  });
});

describe('GET /api/v1/documents/:id', () => {
  it.each([
    ['application/x-tmx+xml', /application\/x-tmx\+xml/],
    ['text/tab-separated-values', /text\/tab-separated-values/],
    ['text/html,application/xhtml+xml,*/*;q=0.8', /text\/html/],
    ['*/*', /application\/json/],
    ['text/html;charset=utf-8', /text\/html/],
    ['application/x-tmx+xml; charset=UTF-8, application/json;q=0.5', /application\/x-tmx\+xml/],
  ])('answers Accept: %s', async (accept, type) => {
    const res = await request(ctx.app).get(`/api/v1/documents/${docId}`).set('Accept', accept).expect(200);
    expect(res.headers['content-type']).toMatch(type);
    expect(res.headers.vary).toMatch(/Accept/);
  });

  it('lets ?format= win over Accept', async () => {
    const res = await request(ctx.app)
      .get(`/api/v1/documents/${docId}?format=tsv`)
      .set('Accept', 'application/x-tmx+xml')
      .expect(200);
    expect(res.headers['content-type']).toMatch(/text\/tab-separated-values/);
  });
});

describe('CORS', () => {
  it('answers a preflight from an allowed origin with 204 and its headers', async () => {
    const res = await request(plain)
      .options('/api/v1/match/batch')
      .set('Origin', 'https://cat.example.org')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type')
      .expect(204);
    expect(res.headers['access-control-allow-origin']).toBe('https://cat.example.org');
    expect(res.headers['access-control-allow-methods']).toContain('POST');
    expect(res.headers['access-control-allow-headers']).toMatch(/Content-Type/i);
    expect(res.headers['access-control-allow-headers']).toMatch(/\bX-Request-Id\b/);
    expect(res.headers.vary).toMatch(/Origin/);
  });

  it('lets a page read the pretranslation counts, the request id and the export file name', async () => {
    const res = await request(plain).get('/healthz').set('Origin', 'https://cat.example.org').expect(200);
    const exposed = (res.headers['access-control-expose-headers'] as string).split(/,\s*/);
    expect(exposed).toEqual(expect.arrayContaining(['X-Mizan-Segments', 'X-Request-Id', 'Content-Disposition']));
  });

  it('answers a preflight from another origin 204 without any CORS header', async () => {
    const res = await request(plain)
      .options('/api/v1/match/batch')
      .set('Origin', 'https://evil.example.com')
      .set('Access-Control-Request-Method', 'POST')
      .expect(204);
    expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    expect(res.headers.vary).toMatch(/Origin/);
  });

  it('marks answers to an allowed origin, errors included, and gives other origins no CORS headers', async () => {
    const ok = await request(plain).get('/healthz').set('Origin', 'https://cat.example.org').expect(200);
    expect(ok.headers['access-control-allow-origin']).toBe('https://cat.example.org');
    expect(ok.headers['access-control-expose-headers']).toContain('Content-Language');
    const error = await request(plain).get('/api/v1/match').set('Origin', 'https://cat.example.org').expect(400);
    expect(error.headers['access-control-allow-origin']).toBe('https://cat.example.org');
    expect(error.headers.vary).toMatch(/Origin/);
    expect(error.headers.vary).toMatch(/Accept-Language/);
    const other = await request(plain).get('/healthz').set('Origin', 'https://evil.example.com').expect(200);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    expect(other.headers.vary).toMatch(/Origin/);
    const preflight = await request(plain)
      .options('/api/v1/match')
      .set('Origin', 'https://evil.example.com')
      .set('Access-Control-Request-Method', 'GET');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });
});
