import request from 'supertest';
import { createTestContext, type TestContext } from '../helpers/context';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ seed: false });
});
afterAll(() => ctx.close());

let n = 0;
const key = () => `test-key-${Date.now()}-${n++}`;
const arabic = 'أكد الجانبان أهمية التعاون في مجالات الطاقة والنقل';

describe('Idempotency-Key on writes', () => {
  it('answers a repeated POST with the first outcome (201 again, not the 200 of a second write)', async () => {
    const k = key();
    const first = await request(ctx.app).post('/api/v1/units').set('Idempotency-Key', k).send({ ar: arabic });
    expect([first.status, first.headers['idempotent-replayed']]).toEqual([201, undefined]);
    const again = await request(ctx.app).post('/api/v1/units').set('Idempotency-Key', k).send({ ar: arabic });
    expect([again.status, again.headers['idempotent-replayed']]).toEqual([201, 'true']);
    expect(again.body).toEqual(first.body);
    expect([again.headers.etag, again.headers.location]).toEqual([first.headers.etag, first.headers.location]);
    // Without the key the same request is a second write: the unit exists, so it is updated (200).
    await request(ctx.app).post('/api/v1/units').send({ ar: arabic }).expect(200);
  });

  it('refuses the same key with another request (422 IDEMPOTENCY_KEY_REUSED), in the client language', async () => {
    const k = key();
    await request(ctx.app).post('/api/v1/units').set('Idempotency-Key', k).send({ ar: 'نص أول للمفتاح' }).expect(201);
    const other = await request(ctx.app)
      .post('/api/v1/units')
      .set({ 'Idempotency-Key': k, 'Accept-Language': 'zh' })
      .send({ ar: 'نص ثان مختلف للمفتاح' })
      .expect(422);
    expect(other.body.error).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', param: 'Idempotency-Key' });
    expect(other.body.error.message).toContain(k);
    expect(other.headers['content-language']).toBe('zh');
  });

  it('gives a PATCH made with If-Match its first 200 again rather than the 412 a second write would get', async () => {
    const unit = (await request(ctx.app).post('/api/v1/units').send({ ar: 'جملة للتعديل المتكرر' }).expect(201)).body;
    const tag = (await request(ctx.app).get(`/api/v1/units/${unit.unitId}`)).headers.etag as string;
    const k = key();
    const patch = () =>
      request(ctx.app).patch(`/api/v1/units/${unit.unitId}`).set({ 'If-Match': tag, 'Idempotency-Key': k });
    const first = await patch().send({ en: 'edited once' }).expect(200);
    const again = await patch().send({ en: 'edited once' }).expect(200);
    expect([again.body, again.headers.etag, again.headers['idempotent-replayed']]).toEqual([
      first.body,
      first.headers.etag,
      'true',
    ]);
    await request(ctx.app)
      .patch(`/api/v1/units/${unit.unitId}`)
      .set('If-Match', tag)
      .send({ en: 'edited once' })
      .expect(412);
  });

  it('gives a DELETE its first 204 again rather than a 404, and keeps an error outcome as it was', async () => {
    const unit = (await request(ctx.app).post('/api/v1/units').send({ ar: 'جملة ستحذف مرة واحدة' }).expect(201)).body;
    const k = key();
    await request(ctx.app).delete(`/api/v1/units/${unit.unitId}`).set('Idempotency-Key', k).expect(204);
    const again = await request(ctx.app).delete(`/api/v1/units/${unit.unitId}`).set('Idempotency-Key', k).expect(204);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const k2 = key();
    const missing = `/api/v1/units/${unit.unitId}`;
    await request(ctx.app).delete(missing).set('Idempotency-Key', k2).expect(404);
    // The unit is created again meanwhile: the key still answers what its request was answered, 404.
    await request(ctx.app).post('/api/v1/units').send({ ar: 'جملة ستحذف مرة واحدة' }).expect(201);
    const kept = await request(ctx.app).delete(missing).set('Idempotency-Key', k2).expect(404);
    expect(kept.body.error.code).toBe('UNIT_NOT_FOUND');
  });

  it('answers a duplicate sent while the first runs 409 IDEMPOTENCY_IN_PROGRESS, and makes one document', async () => {
    const k = key();
    const doc = { ar: 'هذه جملة أولى.\n\nوهذه جملة ثانية.', en: 'This is a first sentence.\n\nAnd a second one.' };
    const answers = await Promise.all(
      [1, 2].map(() => request(ctx.app).post('/api/v1/documents').set('Idempotency-Key', k).send(doc)),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const busy = answers.find((a) => a.status === 409)!;
    expect(busy.body.error.code).toBe('IDEMPOTENCY_IN_PROGRESS');
    const later = await request(ctx.app).post('/api/v1/documents').set('Idempotency-Key', k).send(doc).expect(201);
    expect(later.headers['idempotent-replayed']).toBe('true');
  });

  it('scopes a key to its route: the same key on another route is another request', async () => {
    const k = key();
    const unit = (
      await request(ctx.app)
        .post('/api/v1/units')
        .set('Idempotency-Key', k)
        .send({ ar: 'جملة لمفتاح مشترك' })
        .expect(201)
    ).body;
    await request(ctx.app).delete(`/api/v1/units/${unit.unitId}`).set('Idempotency-Key', k).expect(204);
    await request(ctx.app).get(`/api/v1/units/${unit.unitId}`).expect(404);
  });

  it('scopes a key to the API key that sent it: another client reusing the string makes its own write', async () => {
    const bob = (await ctx.access.create('write', 'bob')).key;
    const asBob = (req: request.Test) => req.set('Authorization', `Bearer ${bob}`);
    const [k1, k2] = ['shared-1', 'shared-2'];
    const mine = { ar: 'نص سري لمستخدم أ', en: 'secret text of user A' };
    const first = await request(ctx.app).post('/api/v1/units').set('Idempotency-Key', k1).send(mine).expect(201);
    await request(ctx.app)
      .post('/api/v1/units')
      .set('Idempotency-Key', k2)
      .send({ ar: 'نص ثان لمستخدم أ', en: 'second text of user A' })
      .expect(201);
    // Another request with a key string A used: B's own write, not 422 IDEMPOTENCY_KEY_REUSED.
    const other = await asBob(request(ctx.app).post('/api/v1/units'))
      .set('Idempotency-Key', k2)
      .send({ ar: 'نص آخر لمستخدم ب', en: 'text of user B' });
    expect([other.status, other.headers['idempotent-replayed']]).toEqual([201, undefined]);
    // The same request as A's: B's own write (the unit exists: updated, 200), not A's 201 replayed.
    const same = await asBob(request(ctx.app).post('/api/v1/units')).set('Idempotency-Key', k1).send(mine);
    expect([same.status, same.headers['idempotent-replayed']]).toEqual([200, undefined]);
    expect(same.body.unitId).toBe(first.body.unitId);
    // Each client still gets its own first outcome again.
    const againA = await request(ctx.app).post('/api/v1/units').set('Idempotency-Key', k1).send(mine);
    expect([againA.status, againA.headers['idempotent-replayed']]).toEqual([201, 'true']);
    const againB = await asBob(request(ctx.app).post('/api/v1/units')).set('Idempotency-Key', k1).send(mine);
    expect([againB.status, againB.headers['idempotent-replayed']]).toEqual([200, 'true']);
  });

  it('refuses a key that is not 1–255 printable ASCII characters', async () => {
    const res = await request(ctx.app)
      .post('/api/v1/units')
      .set('Idempotency-Key', 'has space')
      .send({ ar: arabic })
      .expect(400);
    expect(res.body.error).toMatchObject({ code: 'INVALID_PARAMETER', param: 'Idempotency-Key' });
  });
});
