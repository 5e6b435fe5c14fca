/**
 * The tmserver routes as real amaGama clients meet them, where mizan used to differ from amaGama (amagama/tmdb.py
 * translate_unit, amagama/views/api.py): Weblate's settings check and language resolution, Pootle's JSONP, the
 * query read as Flask reads it, and the methods no interop route has. Every answer is checked against /openapi.json.
 */
import vm from 'node:vm';
import request from 'supertest';
import { readManifest, readSeedDocument } from '../../src/service';
import type { DocumentRow } from '../../src/types';
import { createTestContext, TM_DIR, type TestContext } from '../helpers/context';
import { waitJob, type JobBody } from '../helpers/tm-import';

let ctx: TestContext;
/** The same server with JSONP turned off, as it is by default. */
let plain: TestContext;
let rows: DocumentRow[];

beforeAll(async () => {
  ctx = await createTestContext({ config: { amagamaJsonp: true } });
  plain = await createTestContext({ seed: false });
  rows = readSeedDocument(TM_DIR, readManifest(TM_DIR).documents[0]!).segments;
});
afterAll(async () => {
  await ctx.close();
  await plain.close();
});

/** Python's urllib.parse.quote(text, safe=''), as Weblate quotes each part of the URL. */
const pyQuote = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
type Suggestion = { quality: number; source: string; target: string };

describe("Weblate's settings check and a target amaGama holds nothing in", () => {
  it('answers GET /tmserver/en/de/unit/test 200 [] with amaGama headers, so that the check passes', async () => {
    const res = await request(ctx.rawApp).get('/tmserver/en/de/unit/test').expect(200);
    expect(res.body).toEqual([]);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['cache-control']).toBe('max-age=3600, public');
  });

  it.each(['zh_TW', 'zh_Hant', 'zh_hant_hk', 'fr'])(
    'answers a target of %s with [] and never the Simplified Chinese it holds',
    async (tgt) => {
      const row = rows[9]!;
      const simplified = await request(ctx.app)
        .get(`/tmserver/ar/zh_CN/unit/${pyQuote(row.ar)}`)
        .expect(200);
      expect(simplified.body[0]).toMatchObject({ quality: 100, target: row.zh });
      const res = await request(ctx.app)
        .get(`/tmserver/ar/${tgt}/unit/${pyQuote(row.ar)}`)
        .expect(200);
      expect(res.body).toEqual([]);
    },
  );

  it('keeps the 404 for a source language it does not serve, with the JSON error naming src', async () => {
    for (const src of ['fr', 'zh_TW']) {
      const res = await request(ctx.app).get(`/tmserver/${src}/en/unit/x`).expect(404);
      expect(res.body.error).toMatchObject({ code: 'UNSUPPORTED_LANGUAGE', param: 'src' });
    }
  });
});

/**
 * Weblate's choice of codes, replayed: weblate/machinery/base.py get_language_possibilities (the code, then the code
 * cut at each `_` from the end, `-` read as `_`) and get_languages (the first pair, source-major, that the service
 * lists), with tmserver.py's map_language_code (`replace("-", "_").lower()`) and download_languages (every source
 * listed with every target listed).
 */
function weblateLanguages(listing: { sourceLanguages: string[]; targetLanguages: string[] }) {
  const pairs = new Set(listing.sourceLanguages.flatMap((s) => listing.targetLanguages.map((t) => `${s}|${t}`)));
  const map = (code: string) =>
    code
      .replace(/_devel$/, '')
      .replace(/-/g, '_')
      .toLowerCase();
  function* possibilities(code: string) {
    yield map(code);
    let cut = code.replace(/-/g, '_');
    while (cut.includes('_')) {
      cut = cut.slice(0, cut.lastIndexOf('_'));
      yield map(cut);
    }
  }
  return (src: string, tgt: string): [string, string] | null => {
    for (const s of possibilities(src)) for (const t of possibilities(tgt)) if (pairs.has(`${s}|${t}`)) return [s, t];
    return null;
  };
}

describe('/tmserver/languages/, as Weblate resolves its language codes against it', () => {
  it('sends Simplified Chinese projects to mizan Chinese and Traditional ones nowhere', async () => {
    const listing = (await request(ctx.app).get('/tmserver/languages/').expect(200)).body;
    expect(listing.sourceLanguages).not.toContain('zh');
    const resolve = weblateLanguages(listing);
    expect(resolve('en', 'zh_Hans')).toEqual(['en', 'zh_hans']);
    expect(resolve('en', 'zh_CN')).toEqual(['en', 'zh_cn']);
    expect(resolve('ar', 'zh_Hans_SG')).toEqual(['ar', 'zh_hans']);
    expect(resolve('en', 'zh_SG')).toEqual(['en', 'zh_sg']);
    expect(resolve('zh_Hans', 'ar')).toEqual(['zh_hans', 'ar']);
    expect(resolve('en_GB', 'ar')).toEqual(['en', 'ar']);
    for (const traditional of ['zh_Hant', 'zh_TW', 'zh_Hant_HK', 'zh_HK'])
      expect([traditional, resolve('en', traditional)]).toEqual([traditional, null]);
    // What Weblate then asks is answered with mizan's Chinese.
    const row = rows[12]!;
    for (const code of ['zh_hans', 'zh_cn', 'zh_sg', 'zh']) {
      const res = await request(ctx.app)
        .get(`/tmserver/en/${code}/unit/${pyQuote(row.en)}`)
        .expect(200);
      expect([code, res.body[0]?.target]).toEqual([code, row.zh]);
    }
  });
});

describe('JSONP, as Pootle loads amaGama with a cross-origin <script>', () => {
  it('answers ?jsoncallback=name with a script that calls name with the suggestions', async () => {
    const row = rows[9]!;
    const url = `/tmserver/en/ar/unit/?source=${encodeURIComponent(row.en)}&jsoncallback=_jsonp42`;
    const res = await request(ctx.rawApp).get(url).buffer(true).parse(text).expect(200);
    expect(res.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.headers['cache-control']).toBe('max-age=3600, public');
    expect(res.body).toMatch(/^\/\*\*\/_jsonp42\(\[/);
    const got: Suggestion[][] = [];
    vm.runInNewContext(res.body as string, { _jsonp42: (data: Suggestion[]) => got.push(data) });
    const json = await request(ctx.app).get(`/tmserver/en/ar/unit/?source=${encodeURIComponent(row.en)}`);
    expect(got).toEqual([json.body]);
    expect(got[0]![0]).toMatchObject({ quality: 100, target: row.ar });
    expect(json.headers['cross-origin-resource-policy']).toBe('same-origin');
  });

  it('wraps the language listing too, and a dotted or indexed name', async () => {
    const res = await request(ctx.app)
      .get('/api/v1/languages/?jsoncallback=PTL.tm.cbs[3]')
      .buffer(true)
      .parse(text)
      .expect(200);
    const got: unknown[] = [];
    vm.runInNewContext(res.body as string, { PTL: { tm: { cbs: { 3: (d: unknown) => got.push(d) } } } });
    expect(got[0]).toMatchObject({ sourceLanguages: expect.arrayContaining(['ar', 'en', 'zh_hans']) });
  });

  it.each(['alert(1)//', 'a b', '1x', '?', 'x'.repeat(65), 'a;b', '<script>'])(
    'refuses jsoncallback=%s with 400 INVALID_PARAMETER as JSON',
    async (name) => {
      const res = await request(ctx.app)
        .get(`/tmserver/en/ar/unit/x?jsoncallback=${encodeURIComponent(name)}`)
        .expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body.error).toMatchObject({ code: 'INVALID_PARAMETER', param: 'jsoncallback' });
      expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
    },
  );

  it('writes plain JSON for an empty jsoncallback and for callback=, which amaGama does not know', async () => {
    for (const query of ['jsoncallback=', 'callback=cb']) {
      const res = await request(ctx.app).get(`/tmserver/en/de/unit/test?${query}`).expect(200);
      expect([query, res.headers['content-type'], res.body]).toEqual([query, 'application/json; charset=utf-8', []]);
    }
  });

  it('ignores jsoncallback unless MIZAN_AMAGAMA_JSONP is on: a script would let any site read the TM', async () => {
    for (const url of ['/tmserver/en/de/unit/test?jsoncallback=cb', '/tmserver/languages/?jsoncallback=cb']) {
      const res = await request(plain.app).get(url).expect(200);
      expect([url, res.headers['content-type'], res.headers['cross-origin-resource-policy']]).toEqual([
        url,
        'application/json; charset=utf-8',
        'same-origin',
      ]);
    }
  });

  it('answers an error unwrapped, as JSON the <script> will not run (its error event fires)', async () => {
    const res = await request(ctx.app).get('/tmserver/fr/en/unit/x?jsoncallback=cb').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(res.body.error.code).toBe('UNSUPPORTED_LANGUAGE');
  });
});

describe('the query and the path, read as amaGama (Flask, Werkzeug) reads them', () => {
  const fuzzy = () => rows[12]!.ar.replace('ثقافية', 'تجارية');

  it('takes the first of a repeated parameter', async () => {
    const q = pyQuote(fuzzy());
    const strict = await request(ctx.app).get(`/tmserver/ar/en/unit/${q}?min_similarity=100&min_similarity=70`);
    expect(strict.body).toEqual([]);
    const loose = await request(ctx.app).get(`/tmserver/ar/en/unit/${q}?min_similarity=70&min_similarity=100`);
    expect(loose.body[0]).toMatchObject({ target: rows[12]!.en });
    const source = await request(ctx.app)
      .get(
        `/tmserver/ar/en/unit/?source=${encodeURIComponent(rows[9]!.ar)}&source=zzz&max_candidates=1&max_candidates=9`,
      )
      .expect(200);
    expect(source.body).toEqual([expect.objectContaining({ quality: 100, target: rows[9]!.en })]);
  });

  it('keeps a min_similarity above 100, which nothing reaches, and reads digits as Python int() does', async () => {
    const exact = pyQuote(rows[9]!.ar);
    expect((await request(ctx.app).get(`/tmserver/ar/en/unit/${exact}?min_similarity=101`).expect(200)).body).toEqual(
      [],
    );
    expect((await request(ctx.app).get(`/tmserver/ar/en/unit/${exact}?min_similarity=%20100%20`)).body).toHaveLength(1);
    const arabicDigit = await request(ctx.app).get(`/tmserver/ar/en/unit/${exact}?max_candidates=${pyQuote('١')}`);
    expect(arabicDigit.body).toHaveLength(1);
  });

  it('cuts the list as results[:max_candidates]: 0 is the default 5, a negative count drops the last ones', async () => {
    const days = ['الأحد', 'الاثنين', 'الثلاثاء', 'الأربعاء'];
    const ar = (day: string) => `افتتح مركز ثقافي جديد في المدينة يوم ${day} بحضور عدد كبير من الزوار والضيوف`;
    for (const [i, day] of days.entries())
      await request(ctx.app)
        .post('/api/v1/units')
        .send({ ar: ar(day), en: `A new cultural centre opened in the city on day ${i}.` })
        .expect(201);
    const url = `/tmserver/ar/en/unit/${pyQuote(ar(days[0]!))}`;
    const all = (await request(ctx.app).get(`${url}?max_candidates=30`).expect(200)).body as Suggestion[];
    expect(all).toHaveLength(days.length);
    expect(all[0]).toMatchObject({ quality: 100, target: expect.stringContaining('day 0') });
    expect(new Set(all.map((s) => s.target.slice(-2, -1)))).toEqual(new Set(['0', '1', '2', '3']));
    const dropOne = await request(ctx.app).get(`${url}?max_candidates=-1`).expect(200);
    expect(dropOne.body).toEqual(all.slice(0, -1));
    expect((await request(ctx.app).get(`${url}?max_candidates=0`).expect(200)).body).toEqual(all);
    expect((await request(ctx.app).get(`${url}?max_candidates=2`).expect(200)).body).toEqual(all.slice(0, 2));
    expect((await request(ctx.app).get(`${url}?max_candidates=-999`).expect(200)).body).toEqual([]);
  });

  it('decodes percent-encoding that is not UTF-8 with replacement characters instead of refusing the path', async () => {
    const row = rows[9]!;
    const res = await request(ctx.app)
      .get(`/tmserver/en/ar/unit/${pyQuote(row.en)}%E9`)
      .expect(200);
    expect(res.body[0]).toMatchObject({ source: row.en, target: row.ar });
    for (const url of [
      '/tmserver/en/ar/unit/x%2',
      '/tmserver/en/ar/unit/caf%E9',
      '/tmserver/en/ar/unit/?source=caf%E9',
    ])
      expect([url, (await request(ctx.app).get(url).expect(200)).body]).toEqual([url, []]);
    const src = await request(ctx.app).get('/tmserver/caf%E9/ar/unit/x').expect(404);
    expect(src.body.error.message).toContain('caf\uFFFD');
  });
});

describe('methods no interop route has', () => {
  it.each([
    ['post', '/tmserver/en/ar/unit/x'],
    ['put', '/tmserver/en/ar/unit/?source=x'],
    ['delete', '/get?q=x&langpair=ar|en'],
    ['post', '/api/v1/en/ar/unit/x'],
    ['patch', '/api/v1/languages/'],
  ] as const)('answer %s %s 405 with Allow, with a key or without', async (method, url) => {
    for (const app of [ctx.rawApp, ctx.app]) {
      const res = await request(app)[method](url).expect(405);
      expect(res.headers.allow).toBe('GET, HEAD');
      expect(res.body.error.code).toBe('METHOD_NOT_ALLOWED');
    }
  });

  it('answer a path no route has 404 without a key, and writes elsewhere still need one', async () => {
    const store = await request(ctx.rawApp).post('/tmserver/en/ar/store/x').send([]).expect(404);
    expect(store.body.error.code).toBe('ROUTE_NOT_FOUND');
    await request(ctx.rawApp).post('/api/v1/units').send({ ar: 'نص' }).expect(401);
    await request(ctx.rawApp).put('/api/v1/match').expect(401);
    await request(ctx.rawApp).post('/api/v1/tms/main/units').expect(401);
  });
});

describe('the OpenAPI description of these answers', () => {
  it("declares amaGama's Cache-Control and JSONP media type, and /get's MyMemory error body", async () => {
    const doc = (await request(ctx.app).get('/openapi.json').expect(200)).body;
    for (const path of ['/tmserver/{src}/{tgt}/unit/{text}', '/tmserver/{src}/{tgt}/unit/', '/tmserver/languages/']) {
      const ok = doc.paths[path].get.responses['200'];
      expect([path, Object.keys(ok.headers), Object.keys(ok.content)]).toEqual([
        path,
        ['Cache-Control'],
        ['application/json', 'application/javascript'],
      ]);
    }
    const bad = doc.paths['/get'].get.responses['400'].content['application/json'].schema;
    expect(bad.allOf).toContainEqual({ $ref: '#/components/schemas/MyMemoryError' });
    const wrong = await request(ctx.app).get('/get').query({ q: 'x', langpair: 'ar|fr' }).expect(400);
    expect(wrong.body).toMatchObject({ responseStatus: 403, matches: [], error: { code: 'UNSUPPORTED_LANGUAGE' } });
  });
});

/** supertest's parser for a body read as text. */
function text(res: request.Response, done: (err: Error | null, body: string) => void) {
  let body = '';
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.on('data', (c: Buffer) => (body += c.toString('utf8')));
  stream.on('end', () => done(null, body));
}

describe('texts with inline codes (a TMX import), as clients that know nothing of placeables read them', () => {
  it('leaves the codes out of amaGama and MyMemory answers, spaces tidied', async () => {
    const tmx =
      '<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header creationtool="t" creationtoolversion="1" ' +
      'segtype="sentence" o-tmf="t" adminlang="en" srclang="ar" datatype="plaintext"/><body><tu>' +
      '<tuv xml:lang="ar"><seg>اضغط على <bpt i="1">&lt;b&gt;</bpt>حفظ<ept i="1">&lt;/b&gt;</ept> لحفظ الملف <ph>[1]</ph> الآن.</seg></tuv>' +
      '<tuv xml:lang="en"><seg>Press <bpt i="1">&lt;b&gt;</bpt>Save<ept i="1">&lt;/b&gt;</ept> to save the file <ph>[1]</ph> now.</seg></tuv>' +
      '</tu></body></tmx>';
    const started = await request(ctx.app)
      .post('/api/v1/tms/main/imports')
      .set('Content-Type', 'application/x-tmx+xml')
      .send(Buffer.from(tmx))
      .expect(202);
    expect((await waitJob(ctx.app, (started.body as JobBody).id)).status).toBe('done');
    const q = 'اضغط على حفظ لحفظ الملف الآن.';
    const amagama = await request(ctx.app)
      .get(`/tmserver/ar/en/unit/${encodeURIComponent(q)}`)
      .expect(200);
    expect(amagama.body[0]).toMatchObject({
      source: 'اضغط على حفظ لحفظ الملف الآن.',
      target: 'Press Save to save the file now.',
    });
    const mymemory = await request(ctx.app).get('/get').query({ q, langpair: 'ar|en' }).expect(200);
    expect(mymemory.body.responseData.translatedText).toBe('Press Save to save the file now.');
    expect(JSON.stringify([amagama.body, mymemory.body])).not.toMatch(/[\uE000-\uF8FF]/);
  });
});
