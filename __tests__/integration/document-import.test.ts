import request from 'supertest';
import { cedict } from '../../src/align/lexicon';
import { AR, EN, ZH } from '../helpers/document-texts';
import { createTestContext, keysUnder, type TestContext } from '../helpers/context';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  cedict(); // CC-CEDICT loads once per process, in seconds: here, so that the tests' own time is the import's
}, 60_000);
afterAll(() => ctx.close());

const countKeys = async () => (await keysUnder(ctx.redis, ctx.keys)).length;

describe('POST /api/v1/documents', () => {
  let id: string;

  it('segments, aligns and stores a JSON triple: rows with confidences, units in the TM, matched at once', async () => {
    const res = await request(ctx.app)
      .post('/api/v1/documents')
      .send({ title: 'زيارة الوزير', ar: AR, en: EN, zh: ZH, meta: { source: 'Test wire', date: '2024-05-01' } })
      .expect(201);
    id = res.body.id;
    expect(res.headers.location).toBe(`/api/v1/documents/${id}`);
    expect(res.body).toMatchObject({
      title: 'زيارة الوزير',
      source: 'Test wire',
      date: '2024-05-01',
      segmentCount: 4,
      unitsWritten: 4,
    });
    expect(res.body.segments.map((s: { paragraph: number }) => s.paragraph)).toEqual([0, 0, 1, 1]);
    expect(res.body.segments[2]).toMatchObject({
      ar: 'ووقع الجانبان 12 اتفاقية.',
      en: 'The two sides signed 12 agreements.',
      zh: '双方签署了12项协议。',
      review: false,
    });
    for (const s of res.body.segments) expect(s.confidence).toBeGreaterThan(0.5);
    const match = await request(ctx.app).get('/api/v1/match').query({ q: 'ووقع الجانبان 12 اتفاقية.' }).expect(200);
    expect(match.body.matches[0]).toMatchObject({
      score: 100,
      documentId: id,
      position: 2,
      targets: { en: 'The two sides signed 12 agreements.' },
    });
  });

  it('stores and serves why a row is flagged: an English lacking a sentence gives a missing row', async () => {
    const enLacking = EN.replace(
      'He met his Chinese counterpart and they discussed cooperation in energy and trade.',
      '',
    );
    const res = await request(ctx.app)
      .post('/api/v1/documents')
      .send({ title: 'زيارة', ar: AR, en: enLacking, zh: ZH, meta: { source: 'Test wire', date: '2024-05-02' } })
      .expect(201);
    const missing = res.body.segments.find((s: { en: string }) => s.en === '');
    expect(missing).toMatchObject({ review: true, reasons: ['missing'] });
    const served = (await request(ctx.app).get(`/api/v1/documents/${res.body.id}`).expect(200)).body;
    expect(served.segments.map((s: { reasons?: string[] }) => s.reasons ?? [])).toEqual(
      res.body.segments.map((s: { reasons?: string[] }) => s.reasons ?? []),
    );
    for (const s of served.segments as { review: boolean; reasons?: string[] }[])
      expect(s.review).toBe((s.reasons ?? []).length > 0);
    await request(ctx.app).delete(`/api/v1/documents/${res.body.id}`).expect(204);
  });

  it('is idempotent: the same texts again return the stored document (200) and write nothing', async () => {
    const before = await ctx.redis.xlen(ctx.keys.log('main'));
    const res = await request(ctx.app).post('/api/v1/documents').send({ ar: AR, en: EN, zh: ZH }).expect(200);
    expect(res.body.id).toBe(id);
    expect(res.body.unitsWritten).toBe(0);
    expect(await ctx.redis.xlen(ctx.keys.log('main'))).toBe(before);
  });

  it('is idempotent under concurrency: the same new texts posted six times at once create one document', async () => {
    const body = { ar: AR.replace('12', '17'), en: EN.replace('12', '17'), zh: ZH.replace('12', '17') };
    const replies = await Promise.all([...Array(6)].map(() => request(ctx.app).post('/api/v1/documents').send(body)));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(replies.map((r) => r.body.id)).size).toBe(1);
    const doc = (await request(ctx.app).get(`/api/v1/documents/${replies[0]!.body.id}`).expect(200)).body;
    expect(doc.rev).toBe(1);
    await request(ctx.app).delete(`/api/v1/documents/${doc.id}`).expect(204);
  });

  it('names the created document in another TM by a Location that leads to it, both times it is imported', async () => {
    const body = {
      ar: 'نص وثيقة قصيرة جديدة للاختبار.',
      en: 'A short new document text for testing.',
      tm: 'elsewhere',
    };
    const created = await request(ctx.app).post('/api/v1/documents').send(body).expect(201);
    expect(created.headers.location).toBe(`/api/v1/documents/${created.body.id}?tm=elsewhere`);
    await request(ctx.app).get(created.headers.location!).expect(200);
    const again = await request(ctx.app)
      .post('/api/v1/documents?tm=elsewhere')
      .send({ ...body, tm: undefined });
    expect(again.status).toBe(200);
    expect(again.headers.location).toBe(created.headers.location);
    await request(ctx.app).delete(created.headers.location!).expect(204);
  });

  it('accepts the texts as multipart .txt files', async () => {
    const res = await request(ctx.app)
      .post('/api/v1/documents')
      .field('title', 'Uploaded')
      .attach('ar', Buffer.from('\uFEFFجملة أولى للتجربة. جملة ثانية للتجربة.'), 'doc.ar.txt')
      .attach('en', Buffer.from('A first test sentence. A second test sentence.'), 'doc.en.txt')
      .expect(201);
    expect(res.body.segments.map((s: { ar: string; en: string; zh: string }) => [s.ar, s.en, s.zh])).toEqual([
      ['جملة أولى للتجربة.', 'A first test sentence.', ''],
      ['جملة ثانية للتجربة.', 'A second test sentence.', ''],
    ]);
    // An English title is filed as English; the document says which languages it has.
    expect(res.body).toMatchObject({
      title: 'Uploaded',
      titles: { ar: '', en: 'Uploaded', zh: '' },
      languages: ['ar', 'en'],
    });
  });

  it('makes no unit of a paragraph without words (a separator line, invisible marks)', async () => {
    const ar = 'افتتح المعرض صباح اليوم.\n\n\u200f\n\n* * *\n\nواستمر حتى المساء.';
    const en = 'The exhibition opened this morning.\n\n\u200b\n\n* * *\n\nIt lasted until the evening.';
    const res = await request(ctx.app).post('/api/v1/documents').send({ ar, en }).expect(201);
    expect(res.body.segments.map((s: { ar: string; en: string }) => [s.ar, s.en])).toEqual([
      ['افتتح المعرض صباح اليوم.', 'The exhibition opened this morning.'],
      ['واستمر حتى المساء.', 'It lasted until the evening.'],
    ]);
    await request(ctx.app).delete(`/api/v1/documents/${res.body.id}`).expect(204);
  });

  it('refuses multipart text fields that are not UTF-8 and a BOM-less UTF-16 file, storing nothing', async () => {
    const keys = await countKeys();
    /** A multipart body by hand: supertest would send a Buffer field as a file. */
    const form = (parts: [string, Buffer, string?][]) => {
      const chunks = parts.flatMap(([name, bytes, file]) => [
        Buffer.from(`--b0undary\r\nContent-Disposition: form-data; name="${name}"`),
        Buffer.from(file ? `; filename="${file}"\r\nContent-Type: text/plain\r\n\r\n` : '\r\n\r\n'),
        bytes,
        Buffer.from('\r\n'),
      ]);
      return Buffer.concat([...chunks, Buffer.from('--b0undary--\r\n')]);
    };
    const post = (body: Buffer) =>
      request(ctx.app)
        .post('/api/v1/documents')
        .set('Content-Type', 'multipart/form-data; boundary=b0undary')
        .send(body);
    const ar = Buffer.from('نص للتجربة في حقل.');
    const field = await post(
      form([
        ['ar', ar],
        ['title', Buffer.from([0xff, 0xfe, 0x41, 0x00])],
      ]),
    ).expect(400);
    expect(field.body.error).toMatchObject({ code: 'INVALID_ENCODING', param: 'title' });
    const fieldText = await post(form([['ar', Buffer.from([0xff, 0xfe, 0x41, 0x00])]])).expect(400);
    expect(fieldText.body.error).toMatchObject({ code: 'INVALID_ENCODING', param: 'ar' });
    const utf16 = Buffer.from('A first test sentence.', 'utf16le');
    const file = await post(
      form([
        ['ar', ar, 'a.txt'],
        ['en', utf16, 'e.txt'],
      ]),
    ).expect(400);
    expect(file.body.error).toMatchObject({ code: 'INVALID_ENCODING', param: 'en' });
    await post(
      form([
        ['ar', ar],
        ['title', Buffer.from('عنوان')],
      ]),
    ).expect(201);
    expect(await countKeys()).toBeGreaterThan(keys); // the valid form was stored, the others not
  });

  it('refuses uploads that are not UTF-8 or larger than the limit, storing nothing', async () => {
    const keys = await countKeys();
    const latin1 = await request(ctx.app)
      .post('/api/v1/documents')
      .attach('ar', Buffer.from('نص للتجربة.'), 'a.txt')
      .attach('en', Buffer.from('caf\xe9 \xe0 la.', 'latin1'), 'e.txt')
      .set('Accept-Language', 'zh')
      .expect(400);
    expect(latin1.body.error).toMatchObject({
      code: 'INVALID_ENCODING',
      param: 'en',
      message: '“en”不是 UTF-8 文本；请另存为 UTF-8 后重新发送。',
    });
    const big = await request(ctx.app)
      .post('/api/v1/documents')
      .attach('ar', Buffer.alloc(2_000_001, 0x61), 'a.txt')
      .expect(413);
    expect(big.body.error).toMatchObject({
      code: 'FILE_TOO_LARGE',
      param: 'ar',
      message: 'The file "ar" is larger than 2000000 bytes.',
    });
    expect(await countKeys()).toBe(keys);
  });

  it('serves the document as a printable HTML page with the Arabic right to left', async () => {
    const res = await request(ctx.app).get(`/api/v1/documents/${id}?format=html`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('<td lang="ar" dir="rtl">ووقع الجانبان 12 اتفاقية.</td>');
    expect(res.text).toContain('<td lang="zh-Hans" dir="ltr">双方签署了12项协议。</td>');
  });

  it('serves the HTML page with a CSP that runs nothing and nosniff, however it was asked for', async () => {
    const byFormat = await request(ctx.app).get(`/api/v1/documents/${id}?format=html`).expect(200);
    const byAccept = await request(ctx.app).get(`/api/v1/documents/${id}`).set('Accept', 'text/html').expect(200);
    for (const res of [byFormat, byAccept]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toMatch(/^default-src 'none';/);
      expect(res.headers['content-security-policy']).not.toMatch(/script-src/);
    }
  });

  it('returns a unit with its neighbours', async () => {
    const doc = await request(ctx.app).get(`/api/v1/documents/${id}`).expect(200);
    const res = await request(ctx.app).get(`/api/v1/units/${doc.body.segments[1].unitId}/context?n=2`).expect(200);
    expect(res.body.unit.position).toBe(1);
    expect(res.body.before.map((u: { position: number }) => u.position)).toEqual([0]);
    expect(res.body.after.map((u: { position: number }) => u.position)).toEqual([2, 3]);
  });

  it('rejects empty and oversized texts with localized 4xx, writing nothing', async () => {
    const keys = await countKeys();
    const empty = await request(ctx.app)
      .post('/api/v1/documents')
      .send({ ar: '   ', en: 'x' })
      .set('Accept-Language', 'zh')
      .expect(400);
    expect(empty.body.error).toMatchObject({ code: 'FIELD_MISSING', param: 'ar', message: '缺少“ar”。' });
    const huge = await request(ctx.app)
      .post('/api/v1/documents')
      .send({ ar: 'ك'.repeat(500_001) })
      .expect(400);
    expect(huge.body.error).toMatchObject({ code: 'TEXT_TOO_LONG', param: 'ar' });
    const blank = await request(ctx.app).post('/api/v1/documents').send({ ar: '\n\n', en: '' }).expect(400);
    expect(blank.body.error.code).toBe('FIELD_MISSING');
    const punct = await request(ctx.app).post('/api/v1/documents').send({ ar: '... !!! ؟؟', en: 'x' }).expect(400);
    expect(punct.body.error).toMatchObject({ code: 'TEXT_EMPTY', param: 'ar' });
    const badDate = await request(ctx.app)
      .post('/api/v1/documents')
      .send({ ar: 'نص.', meta: { date: 'yesterday' } })
      .expect(400);
    expect(badDate.body.error).toMatchObject({ code: 'INVALID_PARAMETER', param: 'meta.date' });
    for (const meta of ['x', 5, ['Xinhua'], null]) {
      const notObject = await request(ctx.app).post('/api/v1/documents').send({ ar: 'نص.', en: 'Text.', meta });
      expect(notObject.status).toBe(400);
      expect(notObject.body.error).toMatchObject({ code: 'INVALID_PARAMETER', param: 'meta' });
    }
    for (const date of ['2024-13-45', '2023-02-29']) {
      const impossible = await request(ctx.app)
        .post('/api/v1/documents')
        .send({ ar: 'نص.', meta: { date } })
        .expect(400);
      expect(impossible.body.error).toMatchObject({ code: 'INVALID_PARAMETER', param: 'meta.date' });
    }
    await request(ctx.app).post('/api/v1/documents').set('Content-Type', 'text/plain').send('ar').expect(415);
    expect(await countKeys()).toBe(keys);
  });
});
