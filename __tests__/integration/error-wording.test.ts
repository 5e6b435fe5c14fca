/**
 * Error answers that say what was wrong: the limit of a review names rows (not corrections), a value refused is
 * quoted as sent (not its JavaScript type), a text sent as null is an invalid value of that field (not a missing
 * "ar|en|zh"), and an empty `lang` on the i18next export means its default, as an empty `tgt` does on /match.
 */
import request from 'supertest';
import { createTestContext, type TestContext } from '../helpers/context';

let ctx: TestContext;
let documentId: string;
beforeAll(async () => {
  ctx = await createTestContext();
  const listed = await request(ctx.app).get('/api/v1/documents').expect(200);
  documentId = listed.body.documents[0].id;
});
afterAll(() => ctx.close());

describe('PATCH /api/v1/documents/:id/review with too many rows', () => {
  it('names the rows it counted, in every language', async () => {
    const rows = Array.from({ length: 1001 }, (_, i) => i % 17);
    const send = (lang: string) =>
      request(ctx.app)
        .patch(`/api/v1/documents/${documentId}/review`)
        .set('Accept-Language', lang)
        .send({ rows })
        .expect(400);
    const en = await send('en');
    expect(en.body.error).toMatchObject({ code: 'TOO_MANY_CORRECTIONS', param: 'rows' });
    expect(en.body.error.message).toBe('A request holds at most 1000 rows (got 1001).');
    // «ألف صف»: after a round hundred or thousand the noun is singular.
    expect((await send('ar')).body.error.message).toBe('يحتوي الطلب على 1000 صف كحد أقصى (المرسل: 1001).');
    expect((await send('zh')).body.error.message).toBe('一个请求最多包含 1000 行（收到 1001）。');
  });
});

describe('POST /api/v1/pretranslate/i18next with resources of the wrong kind', () => {
  it.each([
    ['resources', { resources: ['x'], to: ['en'] }, '["x"]'],
    ['resources', { resources: null, to: ['en'] }, 'null'],
    ['resources', { resources: 'x', to: ['en'] }, 'x'],
    ['existing', { resources: { a: 'نص' }, to: ['en'], existing: [1] }, '[1]'],
    ['existing.en', { resources: { a: 'نص' }, to: ['en'], existing: { en: 'x' } }, 'x'],
    ['existing.en', { resources: { a: 'نص' }, to: ['en'], existing: { en: null } }, 'null'],
  ])('quotes the %s value sent, not its type', async (param, body, value) => {
    const res = await request(ctx.app).post('/api/v1/pretranslate/i18next').send(body).expect(400);
    expect(res.body.error).toMatchObject({ code: 'INVALID_PARAMETER', param });
    expect(res.body.error.message).toBe(`Invalid value "${value}" for "${param}".`);
  });
});

describe('PATCH /api/v1/units/:id with a text sent as null', () => {
  it('is an invalid value of that field (a text is a string: "" empties it), and changes nothing', async () => {
    const created = await request(ctx.app)
      .post('/api/v1/units')
      .send({ tm: 'nulls', ar: 'وحدة فيها نص', en: 'kept' })
      .expect(201);
    const path = `/api/v1/units/${created.body.unitId}?tm=nulls`;
    for (const lang of ['ar', 'en', 'zh']) {
      const res = await request(ctx.app)
        .patch(path)
        .send({ [lang]: null })
        .expect(400);
      expect(res.body.error).toMatchObject({ code: 'INVALID_PARAMETER', param: lang });
      expect(res.body.error.message).toBe(`Invalid value "null" for "${lang}".`);
    }
    expect((await request(ctx.app).get(path).expect(200)).body.en).toBe('kept');
  });
});

describe('GET /api/v1/documents/:id?format=i18next&lang=', () => {
  it('answers an empty lang as no lang (every language’s bundle), as an empty tgt is the default on /match', async () => {
    const all = await request(ctx.app).get(`/api/v1/documents/${documentId}?format=i18next`).expect(200);
    const empty = await request(ctx.app).get(`/api/v1/documents/${documentId}?format=i18next&lang=`).expect(200);
    expect(empty.body).toEqual(all.body);
    expect(Object.keys(empty.body).sort()).toEqual(['ar', 'en', 'zh']);
  });
});
