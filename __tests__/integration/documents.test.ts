import request from 'supertest';
import { readTmx, readTsv, tmxToDocuments } from '../../src/formats';
import { readManifest, readSeedDocument } from '../../src/service';
import type { AlignedDocument } from '../../src/types';
import { createTestContext, TM_DIR, type TestContext } from '../helpers/context';

let ctx: TestContext;
let seed: AlignedDocument;

beforeAll(async () => {
  ctx = await createTestContext();
  seed = readSeedDocument(TM_DIR, readManifest(TM_DIR).documents[0]!);
});
afterAll(() => ctx.close());

describe('GET /api/v1/documents', () => {
  it('lists the seed document with its titles and row count', async () => {
    const res = await request(ctx.app).get('/api/v1/documents').expect(200);
    expect(res.body.documents).toHaveLength(1);
    expect(res.body.documents[0]).toMatchObject({
      id: seed.meta.id,
      title: seed.meta.titles.ar,
      titles: seed.meta.titles,
      source: 'Xinhua',
      date: '2023-04-26',
      segments: 17,
      tm: 'main',
    });
  });

  it('answers an unknown TM with a 400', async () => {
    const res = await request(ctx.app).get('/api/v1/documents?tm=nosuchtm').expect(400);
    expect(res.body.error.code).toBe('UNKNOWN_TM');
  });
});

describe('GET /api/v1/documents/:id', () => {
  it('returns the seed document whole, in all three languages, in document order', async () => {
    const res = await request(ctx.app).get(`/api/v1/documents/${seed.meta.id}`).expect(200);
    expect(res.body.id).toBe(seed.meta.id);
    expect(res.body.segments).toHaveLength(seed.segments.length);
    res.body.segments.forEach((row: Record<string, unknown>, i: number) => {
      const expected = seed.segments[i]!;
      expect(row).toMatchObject({
        position: i,
        paragraph: expected.paragraph,
        ar: expected.ar,
        en: expected.en,
        zh: expected.zh,
      });
      expect(row.unitId).toMatch(/^u[0-9a-f]{20}$/);
    });
    for (const lang of ['ar', 'en', 'zh'] as const) {
      expect(res.body.segments.every((r: Record<string, string>) => r[lang]!.length > 0)).toBe(true);
    }
    expect(res.body.segments[0].ar).toContain('وزير الخارجية الصيني');
    expect(res.body.segments[16].zh).toContain('传统医学中心');
  });

  it('returns the same document as TMX 1.4b that reads back into the same rows', async () => {
    const res = await request(ctx.app).get(`/api/v1/documents/${seed.meta.id}?format=tmx`).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-tmx\+xml/);
    expect(res.headers['content-disposition']).toContain(`${seed.meta.id}.tmx`);
    const [doc] = tmxToDocuments(readTmx(res.text));
    expect(doc!.meta).toMatchObject({
      id: seed.meta.id,
      titles: seed.meta.titles,
      source: 'Xinhua',
      date: '2023-04-26',
    });
    expect(doc!.segments).toEqual(seed.segments);
    expect(res.text).toMatch(/<tu tuid="u[0-9a-f]{20}"/);
  });

  it('returns the same document as TSV, one line per row', async () => {
    const res = await request(ctx.app).get(`/api/v1/documents/${seed.meta.id}?format=tsv`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/tab-separated-values/);
    const rows = readTsv(res.text);
    expect(rows.map(({ unitId: _unitId, ...s }) => s)).toEqual(seed.segments);
  });

  it('answers an unknown format with a localized 400', async () => {
    const res = await request(ctx.app)
      .get(`/api/v1/documents/${seed.meta.id}?format=pdf`)
      .set('Accept-Language', 'zh-CN')
      .expect(400);
    expect(res.body.error.code).toBe('UNKNOWN_FORMAT');
    expect(res.body.error.message).toContain('无法识别的格式');
  });

  it('answers an unknown document id with a localized 404', async () => {
    const res = await request(ctx.app).get('/api/v1/documents/does-not-exist').set('Accept-Language', 'ar').expect(404);
    expect(res.body.error.code).toBe('DOCUMENT_NOT_FOUND');
    expect(res.body.error.message).toContain('لا توجد وثيقة');
  });
});

describe('GET /api/v1/units/:id', () => {
  it('returns one unit with its place in its document', async () => {
    const doc = await request(ctx.app).get(`/api/v1/documents/${seed.meta.id}`).expect(200);
    const row = doc.body.segments[5];
    const res = await request(ctx.app).get(`/api/v1/units/${row.unitId}`).expect(200);
    expect(res.body).toEqual({
      unitId: row.unitId,
      tm: 'main',
      documentId: seed.meta.id,
      position: 5,
      paragraph: row.paragraph,
      ar: row.ar,
      en: row.en,
      zh: row.zh,
    });
  });

  it('answers an unknown unit id with a 404', async () => {
    const res = await request(ctx.app).get('/api/v1/units/u00000000000000000000').expect(404);
    expect(res.body.error).toMatchObject({
      code: 'UNIT_NOT_FOUND',
      message: expect.stringContaining('u00000000000000000000'),
    });
  });
});

describe('health', () => {
  it('reports the process up and the TM ready', async () => {
    await request(ctx.app).get('/healthz').expect(200, { status: 'ok' });
    const res = await request(ctx.app).get('/readyz').expect(200);
    expect(res.body).toEqual({ status: 'ready', redis: true, tmLoaded: true, maxmemoryPolicy: 'noeviction' });
  });

  it('answers unknown routes and wrong methods in JSON', async () => {
    const missing = await request(ctx.app).get('/api/v1/nothing-here').expect(404);
    expect(missing.body.error.code).toBe('ROUTE_NOT_FOUND');
    const wrong = await request(ctx.app).delete('/api/v1/match').expect(405);
    expect(wrong.body.error.code).toBe('METHOD_NOT_ALLOWED');
    expect(wrong.headers.allow).toBe('GET, HEAD');
    for (const path of ['/healthz', '/readyz']) {
      const post = await request(ctx.app).post(path).expect(405);
      expect(post.body.error.code).toBe('METHOD_NOT_ALLOWED');
    }
  });
});
