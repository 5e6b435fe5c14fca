/**
 * Who may keep an answer. When reads need a key (MIZAN_READ=key), or a request carries one, an answer depends on
 * the key: a shared cache (a proxy, a CDN) must not hand it to a client without one. RFC 9111 §3.5 lets a shared
 * cache store an answer to a request with Authorization only when the answer allows it (`public`), so such answers
 * say `private` and `Vary: Authorization`; open reads without a key keep amaGama's `max-age=3600, public`.
 */
import request from 'supertest';
import { createTestContext, type TestContext } from '../helpers/context';

const AR = 'وقد توصل الجانبان إلى توافق واسع حول تعزيز التعاون العملي.';
const EN = 'The two sides reached broad consensus on strengthening practical cooperation.';
let keyed: TestContext;
let open: TestContext;
let unit = '';
let doc = '';

beforeAll(async () => {
  keyed = await createTestContext({ seed: false, config: { readAccess: 'key', amagamaJsonp: true } });
  open = await createTestContext({ seed: false, config: { amagamaJsonp: true } });
  for (const ctx of [keyed, open]) {
    unit = (await request(ctx.app).post('/api/v1/units').send({ ar: AR, en: EN }).expect(201)).headers.location!;
    doc = (await request(ctx.app).post('/api/v1/documents').send({ ar: AR, en: EN }).expect(201)).headers.location!;
  }
});
afterAll(async () => {
  await keyed.close();
  await open.close();
});

const AMAGAMA = [
  `/tmserver/en/ar/unit/${encodeURIComponent(EN)}`,
  `/tmserver/en/ar/unit/?source=${encodeURIComponent(EN)}`,
  `/tmserver/en/ar/unit/${encodeURIComponent(EN)}?jsoncallback=cb`,
  '/tmserver/languages/',
  `/api/v1/en/ar/unit/${encodeURIComponent(EN)}`,
  '/api/v1/languages/',
];
/** Every other read that answers a TM's content, an ETag or a file. */
const READS = () => [
  `/get?q=${encodeURIComponent(EN)}&langpair=en|ar`,
  unit,
  doc,
  `${doc}?format=tmx`,
  `${doc}?format=i18next`,
  '/api/v1/tms/main/export?format=tsv',
  `/api/v1/match?q=${encodeURIComponent(EN)}&src=en`,
];
const varies = (res: request.Response) =>
  String(res.headers.vary ?? '')
    .toLowerCase()
    .split(/\s*,\s*/);

describe('when reads need a key', () => {
  it.each(AMAGAMA)('amaGama %s is private to the key, kept as long as amaGama says', async (url) => {
    const res = await request(keyed.app).get(url).expect(200);
    expect(res.headers['cache-control']).toBe('private, max-age=3600');
    expect(varies(res)).toContain('authorization');
    const refused = await request(keyed.rawApp).get(url).expect(401);
    expect(varies(refused)).toContain('authorization');
    expect(refused.headers['cache-control']).toBe('private');
  });

  it('MyMemory, units, documents, exports and matches are private to the key and vary with it', async () => {
    for (const url of READS()) {
      const res = await request(keyed.app).get(url);
      expect([url, res.status]).toEqual([url, 200]);
      expect([url, res.headers['cache-control']]).toEqual([url, 'private']);
      expect([url, varies(res)]).toEqual([url, expect.arrayContaining(['authorization'])]);
    }
  });

  it('a 304 to If-None-Match says the same', async () => {
    const first = await request(keyed.app).get(unit).expect(200);
    const again = await request(keyed.app).get(unit).set('If-None-Match', first.headers.etag!).expect(304);
    expect(again.headers['cache-control']).toBe('private');
    expect(varies(again)).toContain('authorization');
  });
});

describe('when reads are open', () => {
  it.each(AMAGAMA)('amaGama %s asked without a key stays public, as amaGama answers', async (url) => {
    const res = await request(open.rawApp).get(url).expect(200);
    expect(res.headers['cache-control']).toBe('max-age=3600, public');
    expect(varies(res)).not.toContain('authorization');
  });

  it.each(AMAGAMA)('amaGama %s asked with a key is private to it', async (url) => {
    const res = await request(open.app).get(url).expect(200);
    expect(res.headers['cache-control']).toBe('private, max-age=3600');
    expect(varies(res)).toContain('authorization');
  });

  it('the other reads without a key are answered as before: no Cache-Control, no Vary on Authorization', async () => {
    for (const url of READS()) {
      const res = await request(open.rawApp).get(url);
      expect([url, res.status]).toEqual([url, 200]);
      expect([url, res.headers['cache-control']]).toEqual([url, undefined]);
      expect([url, varies(res)]).toEqual([url, expect.not.arrayContaining(['authorization'])]);
      const withKey = await request(open.app).get(url).expect(200);
      expect([url, withKey.headers['cache-control'], varies(withKey)]).toEqual([
        url,
        'private',
        expect.arrayContaining(['authorization']),
      ]);
    }
  });
});
