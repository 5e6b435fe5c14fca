import request from 'supertest';
import { createTestContext, type TestContext } from '../helpers/context';

let ctx: TestContext;
let writer: { id: string; key: string };

beforeAll(async () => {
  ctx = await createTestContext({ config: { auditMaxLen: 100 } });
  writer = await ctx.access.create('write', 'audited');
});
afterAll(() => ctx.close());

const audit = async (query = '') => (await request(ctx.app).get(`/api/v1/audit${query}`).expect(200)).body;

describe('the audit', () => {
  it('records each write once: key id, method, path, TM, target, status, time, address; never a key', async () => {
    const before = (await audit()).entries.length;
    const created = await request(ctx.rawApp)
      .post('/api/v1/units?tm=audited')
      .set('Authorization', `Bearer ${writer.key}`)
      .send({ ar: 'وحدة في سجل التدقيق' })
      .expect(201);
    await request(ctx.rawApp)
      .patch(`/api/v1/units/${created.body.unitId}?tm=audited`)
      .set('Authorization', `Bearer ${writer.key}`)
      .send({ en: 'A unit in the audit' })
      .expect(200);
    await request(ctx.rawApp)
      .delete(`/api/v1/units/${'u' + '0'.repeat(20)}?tm=audited`)
      .set('Authorization', `Bearer ${writer.key}`)
      .expect(404);
    // Reads, read-only POSTs and refused requests are not writes of anyone's.
    await request(ctx.rawApp).get('/api/v1/tms').set('Authorization', `Bearer ${writer.key}`).expect(200);
    await request(ctx.rawApp)
      .post('/api/v1/match/batch')
      .set('Authorization', `Bearer ${writer.key}`)
      .send({ queries: [{ q: 'وحدة' }] })
      .expect(200);
    await request(ctx.rawApp).post('/api/v1/units').send({ ar: 'بلا مفتاح' }).expect(401);

    const { entries } = await audit();
    expect(entries.length - before).toBe(3);
    const [del, patch, post] = entries;
    expect(post).toMatchObject({
      key: writer.id,
      method: 'POST',
      path: '/api/v1/units',
      tm: 'audited',
      target: `/api/v1/units/${created.body.unitId}?tm=audited`,
      status: '201',
      ip: expect.stringMatching(/127\.0\.0\.1|::1/),
    });
    expect(new Date(post.time).getTime()).toBeLessThanOrEqual(Date.now());
    expect(patch).toMatchObject({ method: 'PATCH', path: `/api/v1/units/${created.body.unitId}`, status: '200' });
    expect(del).toMatchObject({ method: 'DELETE', status: '404', key: writer.id });
    expect(JSON.stringify(entries)).not.toContain(writer.key.slice(22));
  });

  it('names the key that created and revoked keys', async () => {
    const made = await request(ctx.app).post('/api/v1/keys').send({ role: 'read', name: 'r' }).expect(201);
    await request(ctx.app).delete(`/api/v1/keys/${made.body.id}`).expect(204);
    const adminId = ctx.adminKey.slice(4, 21);
    const [revoked, created] = (await audit('?limit=2')).entries;
    expect(created).toMatchObject({ key: adminId, method: 'POST', path: '/api/v1/keys', status: '201' });
    expect(created.target).toBe(`/api/v1/keys/${made.body.id}`);
    expect(revoked).toMatchObject({ key: adminId, method: 'DELETE', path: `/api/v1/keys/${made.body.id}` });
  });

  it('pages newest first with before=, and is capped', async () => {
    for (let i = 0; i < 5; i++)
      await request(ctx.app)
        .post('/api/v1/units?tm=audited')
        .send({ ar: `وحدة رقم ${i} للصفحات` })
        .expect(201);
    const first = await audit('?limit=2');
    expect(first.entries).toHaveLength(2);
    expect(first.next).toBe(first.entries[1].id);
    const second = await audit(`?limit=2&before=${first.next}`);
    const all = await audit('?limit=1000');
    expect(all.next).toBeNull();
    const ids = all.entries.map((e: { id: string }) => e.id);
    expect(ids.slice(2, 4)).toEqual(second.entries.map((e: { id: string }) => e.id));
    await request(ctx.app).get('/api/v1/audit?before=yesterday').expect(400);
    await request(ctx.app).get('/api/v1/audit?limit=0').expect(400);
    // XADD MAXLEN ~ 100: the stream never grows far past its cap.
    for (let i = 0; i < 150; i++)
      await ctx.access.audit({ time: new Date().toISOString(), key: 'k', method: 'X' }, 100);
    expect(await ctx.redis.xlen(ctx.keys.audit())).toBeLessThan(250);
  });

  it("logs writes to the default TM under the default TM's configured name", async () => {
    expect(ctx.config.defaultTm).not.toBe('');
    const bearer = `Bearer ${writer.key}`;
    const created = await request(ctx.rawApp)
      .post('/api/v1/units')
      .set('Authorization', bearer)
      .send({ ar: 'وحدة في الذاكرة الافتراضية' })
      .expect(201);
    // Refused before the route resolved its TM: still the default TM's write.
    await request(ctx.rawApp)
      .patch(`/api/v1/units/${created.body.unitId}`)
      .set('Authorization', bearer)
      .send({ en: 42 })
      .expect(400);
    // A form names its TM in a field only the route reads.
    const doc = await request(ctx.rawApp)
      .post('/api/v1/documents')
      .set('Authorization', bearer)
      .field('tm', 'formtm')
      .field('ar', 'جملة في وثيقة.')
      .field('en', 'A sentence in a document.')
      .expect(201);
    const [form, patch, post] = (await audit('?limit=3')).entries;
    expect(post).toMatchObject({ method: 'POST', path: '/api/v1/units', tm: ctx.config.defaultTm, status: '201' });
    expect(patch).toMatchObject({ method: 'PATCH', tm: ctx.config.defaultTm, status: '400' });
    expect(form).toMatchObject({ method: 'POST', path: '/api/v1/documents', tm: 'formtm', status: '201' });
    expect(form.target).toBe(doc.headers.location);
  });

  it('logs the job of an import whose upload failed, as its target', async () => {
    const boundary = 'mizanBoundary';
    const cut = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.tmx"\r\n\r\n<tmx version="1.4">`;
    const res = await request(ctx.rawApp)
      .post('/api/v1/tms/audited/imports')
      .set('Authorization', `Bearer ${writer.key}`)
      .set('Content-Type', `multipart/form-data; boundary=${boundary}`)
      .send(cut)
      .expect(400);
    expect(res.body.job).toMatchObject({ status: 'failed' });
    const [entry] = (await audit('?limit=1')).entries;
    expect(entry).toMatchObject({
      method: 'POST',
      path: '/api/v1/tms/audited/imports',
      tm: 'audited',
      target: `/api/v1/jobs/${res.body.job.id}`,
      status: '400',
    });
  });

  it('is for admin keys only', async () => {
    await request(ctx.rawApp).get('/api/v1/audit').expect(401);
    await request(ctx.rawApp).get('/api/v1/audit').set('Authorization', `Bearer ${writer.key}`).expect(403);
  });
});
