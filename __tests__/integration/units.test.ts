import request from 'supertest';
import type { RequestListener } from 'node:http';
import { silentLogger } from '../../src/config';
import { loadSeed, readManifest, readSeedDocument, TranslationMemory } from '../../src/service';
import type { DocumentRow } from '../../src/types';
import { createTestContext, otherInstance, type OtherInstance, TM_DIR, type TestContext } from '../helpers/context';

let ctx: TestContext;
/** A second mizan instance on the same Redis and key prefix. */
let other: OtherInstance['app'];
let rows: DocumentRow[];
let otherTm: TranslationMemory;

beforeAll(async () => {
  ctx = await createTestContext();
  ({ app: other, tm: otherTm } = await otherInstance(ctx, 'notify'));
  rows = readSeedDocument(TM_DIR, readManifest(TM_DIR).documents[0]!).segments;
});
afterAll(async () => {
  await otherTm.close();
  await ctx.close();
});

const best = async (app: RequestListener, q: string, min = '100') =>
  (await request(app).get('/api/v1/match').query({ q, min }).expect(200)).body.matches[0];

describe('unit writes, visible to the next query on every instance', () => {
  const ar = 'تعزيز التعاون بين الجامعات في مجال الذكاء الاصطناعي';

  it('adds a unit (201), finds it from another instance; adding the same Arabic again updates it (200)', async () => {
    await best(other, ar); // the other instance has built its index before the write
    const created = await request(ctx.app)
      .post('/api/v1/units')
      .send({ ar, en: 'Strengthening cooperation between universities in AI.' })
      .expect(201);
    expect(created.body).toMatchObject({
      ar,
      en: 'Strengthening cooperation between universities in AI.',
      zh: '',
      documentId: null,
      position: null,
      tm: 'main',
    });
    expect(created.headers.location).toBe(`/api/v1/units/${created.body.unitId}`);
    expect(await best(other, ar)).toMatchObject({ unitId: created.body.unitId, score: 100 });
    const again = await request(ctx.app)
      .post('/api/v1/units')
      .send({ ar, zh: '加强高校在人工智能领域的合作。' })
      .expect(200);
    expect(again.body).toMatchObject({
      unitId: created.body.unitId,
      en: 'Strengthening cooperation between universities in AI.',
      zh: '加强高校在人工智能领域的合作。',
    });
    expect((await best(other, ar)).targets.zh).toBe('加强高校在人工智能领域的合作。');
  });

  it('identifies a standalone unit by its Arabic: changing it is a 409, so no Arabic has two units', async () => {
    const source = 'افتتاح مركز ثقافي جديد في المدينة';
    const created = (
      await request(ctx.app)
        .post('/api/v1/units')
        .send({ ar: source, en: 'A new cultural center opens in the city.' })
        .expect(201)
    ).body;
    await request(ctx.app)
      .patch(`/api/v1/units/${created.unitId}`)
      .send({ ar: ` ${source} `, en: 'A new cultural centre opens in the city.' })
      .expect(200);
    const other = await request(ctx.app)
      .patch(`/api/v1/units/${created.unitId}`)
      .send({ ar: 'نص مختلف تماما هنا' })
      .set('Accept-Language', 'ar')
      .expect(409);
    expect(other.body.error).toMatchObject({ code: 'UNIT_SOURCE_FIXED', param: 'ar' });
    expect(other.body.error.message).toContain('POST /api/v1/units');
    const again = await request(ctx.app)
      .post('/api/v1/units')
      .send({ ar: source, zh: '城市新文化中心开幕。' })
      .expect(200);
    expect(again.body).toMatchObject({
      unitId: created.unitId,
      en: 'A new cultural centre opens in the city.',
      zh: '城市新文化中心开幕。',
    });
    await request(ctx.app).delete(`/api/v1/units/${created.unitId}`).expect(204);
  });

  it('answers a repeated query from its cache only while no write has touched the TM, whoever wrote', async () => {
    const ar = 'تدشين خط جديد للسكك الحديدية بين البلدين';
    const { unitId } = (
      await request(ctx.app)
        .post('/api/v1/units')
        .send({ ar, en: 'A new railway line opens between the two countries.' })
        .expect(201)
    ).body;
    const ask = async () =>
      (await request(ctx.app).get('/api/v1/match').query({ q: ar, min: '100' }).expect(200)).body.matches[0].targets.en;
    expect(await ask()).toBe('A new railway line opens between the two countries.');
    expect(await ask()).toBe('A new railway line opens between the two countries.');
    await request(ctx.app)
      .patch(`/api/v1/units/${unitId}`)
      .send({ en: 'A new rail line opens between the two countries.' })
      .expect(200);
    expect(await ask()).toBe('A new rail line opens between the two countries.');
    await request(other)
      .patch(`/api/v1/units/${unitId}`)
      .send({ en: 'The two countries open a new railway line.' })
      .expect(200);
    expect(await ask()).toBe('The two countries open a new railway line.');
    await request(ctx.app).delete(`/api/v1/units/${unitId}`).expect(204);
  });

  it('never offers a unit with none of the requested target languages', async () => {
    const bare = (await request(ctx.app).post('/api/v1/units').send({ ar: 'ذهب الولد إلى المدرسة صباحا.' }).expect(201))
      .body;
    const withEn = (
      await request(ctx.app)
        .post('/api/v1/units')
        .send({ ar: 'ذهب الولد إلى المدرسة مساء.', en: 'The boy went to school in the evening.' })
        .expect(201)
    ).body;
    const res = await request(other)
      .get('/api/v1/match')
      .query({ q: 'ذهب الولد إلى المدرسة صباحا.', min: '50' })
      .expect(200);
    expect(res.body.matches.map((m: { unitId: string }) => m.unitId)).toEqual([withEn.unitId]);
    const zhOnly = await request(other)
      .get('/api/v1/match')
      .query({ q: 'ذهب الولد إلى المدرسة صباحا.', min: '50', tgt: 'zh' })
      .expect(200);
    expect(zhOnly.body.matches).toEqual([]);
    for (const id of [bare.unitId, withEn.unitId]) await request(ctx.app).delete(`/api/v1/units/${id}`).expect(204);
  });

  it('edits a unit with PATCH and deletes it with DELETE; both show at once elsewhere', async () => {
    const { unitId } = await best(ctx.app, ar);
    await request(ctx.app)
      .patch(`/api/v1/units/${unitId}`)
      .send({ en: 'Boosting university cooperation in AI.' })
      .expect(200);
    expect((await best(other, ar)).targets.en).toBe('Boosting university cooperation in AI.');
    await request(ctx.app).delete(`/api/v1/units/${unitId}`).expect(204);
    expect(await best(other, ar)).toBeUndefined();
    await request(ctx.app).get(`/api/v1/units/${unitId}`).expect(404);
    await request(ctx.app).delete(`/api/v1/units/${unitId}`).expect(404);
    await request(ctx.app).patch(`/api/v1/units/${unitId}`).send({ en: 'x' }).expect(404);
  });

  it('edits a document unit in place: the document shows it; reloading the unchanged seed keeps the edit', async () => {
    const unitId = (await best(ctx.app, rows[9]!.ar)).unitId;
    await request(ctx.app)
      .patch(`/api/v1/units/${unitId}`)
      .send({ en: 'Both sides reached broad consensus on deepening practical cooperation.' })
      .expect(200);
    const doc = await request(other).get('/api/v1/documents/ace54e57cd73f9de').expect(200);
    expect(doc.body.segments[9].en).toBe('Both sides reached broad consensus on deepening practical cooperation.');
    const report = await loadSeed(TM_DIR, ctx.store, silentLogger);
    expect(report.changed).toBe(0);
    expect((await best(other, rows[9]!.ar)).targets.en).toBe(
      'Both sides reached broad consensus on deepening practical cooperation.',
    );
  });

  it('deletes a document unit: later rows move up, and the sentence is no longer matched', async () => {
    const unitId = (await best(ctx.app, rows[14]!.ar)).unitId;
    await request(ctx.app).delete(`/api/v1/units/${unitId}`).expect(204);
    const doc = await request(other).get('/api/v1/documents/ace54e57cd73f9de').expect(200);
    expect(doc.body.segments).toHaveLength(16);
    expect(doc.body.segments.map((s: { position: number }) => s.position)).toEqual([...Array(16).keys()]);
    expect(doc.body.segments[14].ar).toBe(rows[15]!.ar);
    expect(await best(other, rows[14]!.ar)).toBeUndefined();
    const list = await request(ctx.app).get('/api/v1/documents').expect(200);
    expect(list.body.documents[0].segments).toBe(16);
  });

  it('refuses a write whose body names another TM than its query, writing in neither', async () => {
    const ar = 'وحدة في ذاكرة ثانية للتجربة';
    const created = await request(ctx.app).post('/api/v1/units?tm=second').send({ ar, en: 'As created' }).expect(201);
    const id = created.body.unitId as string;
    const seedDoc = (await request(ctx.app).get('/api/v1/documents').expect(200)).body.documents[0].id as string;
    const conflicts = [
      request(ctx.app).patch(`/api/v1/units/${id}?tm=main`).send({ tm: 'second', en: 'Changed via the body' }),
      request(ctx.app).patch(`/api/v1/units/${id}?tm=second`).send({ tm: 'main', en: 'Changed via the query' }),
      request(ctx.app).post('/api/v1/units?tm=main').send({ tm: 'second', ar, en: 'Posted via the body' }),
      request(ctx.app)
        .post('/api/v1/documents?tm=main')
        .send({ tm: 'second', ar: `${ar}.`, en: 'A document.' }),
      request(ctx.app)
        .patch(`/api/v1/documents/${seedDoc}/review?tm=second`)
        .send({ tm: 'main', rows: [0] }),
    ];
    for (const res of await Promise.all(conflicts)) {
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'INVALID_PARAMETER', param: 'tm' });
    }
    const kept = await request(ctx.app).get(`/api/v1/units/${id}?tm=second`).expect(200);
    expect(kept.body.en).toBe('As created');
    const same = await request(ctx.app).patch(`/api/v1/units/${id}?tm=second`).send({ tm: 'second', en: 'Changed' });
    expect(same.status).toBe(200);
    expect(same.body.en).toBe('Changed');
  });

  it('validates bodies: Arabic required, texts bounded, JSON only, known TM', async () => {
    const missing = await request(ctx.app)
      .post('/api/v1/units')
      .send({ en: 'no Arabic' })
      .set('Accept-Language', 'ar')
      .expect(400);
    expect(missing.body.error).toMatchObject({ code: 'FIELD_MISSING', param: 'ar', message: 'الحقل "ar" مطلوب.' });
    const notUtf8 = await request(ctx.app)
      .post('/api/v1/units')
      .set('Content-Type', 'application/json')
      .serialize((b: Buffer) => b as unknown as string)
      .send(Buffer.concat([Buffer.from('{"ar":"مرحبا '), Buffer.from([0xff]), Buffer.from(' بكم"}')]))
      .expect(400);
    expect(notUtf8.body.error).toMatchObject({ code: 'INVALID_ENCODING', param: 'body' });
    const latin1 = await request(ctx.app)
      .post('/api/v1/units')
      .set('Content-Type', 'application/json; charset=iso-8859-1')
      .send('{"ar":"x"}')
      .expect(415);
    expect(latin1.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const badGzip = await request(ctx.app)
      .post('/api/v1/units')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'gzip')
      .send('not gzip')
      .expect(400);
    expect(badGzip.body.error).toMatchObject({
      code: 'INVALID_BODY',
      message: 'The request body cannot be read: the body cannot be decoded.',
    });
    const punctuation = await request(ctx.app).post('/api/v1/units').send({ ar: '...؟!' }).expect(400);
    expect(punctuation.body.error).toMatchObject({ code: 'TEXT_EMPTY', param: 'ar' });
    const punctuationEdit = await request(ctx.app)
      .patch('/api/v1/units/u00000000000000000000')
      .send({ ar: '* * *' })
      .expect(400);
    expect(punctuationEdit.body.error).toMatchObject({ code: 'TEXT_EMPTY', param: 'ar' });
    const long = await request(ctx.app)
      .post('/api/v1/units')
      .send({ ar: 'ك'.repeat(10_001) })
      .expect(400);
    expect(long.body.error).toMatchObject({ code: 'TEXT_TOO_LONG', param: 'ar' });
    await request(ctx.app).post('/api/v1/units').set('Content-Type', 'text/plain').send('ar=x').expect(415);
    const wrongType = await request(ctx.app).post('/api/v1/units').send({ ar: 42 }).expect(400);
    expect(wrongType.body.error).toMatchObject({ code: 'INVALID_PARAMETER', param: 'ar' });
    const nothing = await request(ctx.app).patch('/api/v1/units/u00000000000000000000').send({}).expect(400);
    expect(nothing.body.error.code).toBe('FIELD_MISSING');
    const badTm = await request(ctx.app)
      .patch('/api/v1/units/u00000000000000000000?tm=nosuchtm')
      .send({ en: 'x' })
      .expect(400);
    expect(badTm.body.error.code).toBe('UNKNOWN_TM');
  });
});
