import request from 'supertest';
import { createTestContext, type TestContext } from '../helpers/context';

const DOC = 'ace54e57cd73f9de';
const UNIT = 'u' + '0'.repeat(20);
let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext({ config: { maxTms: 4, maxTmsPerKey: 2 } });
});
afterAll(() => ctx.close());

const invalid = async (res: request.Response, param: string) => {
  expect([res.status, res.body.error?.code, res.body.error?.param]).toEqual([400, 'INVALID_PARAMETER', param]);
};

describe('tm= and ids are taken as they are', () => {
  it('a TM name with a space is refused, never trimmed into the default TM: the seed survives', async () => {
    await invalid(await request(ctx.app).delete(`/api/v1/documents/${DOC}?tm=%20main`), 'tm');
    await invalid(await request(ctx.app).delete(`/api/v1/documents/${DOC}?tm=main%20`), 'tm');
    await invalid(await request(ctx.app).get('/api/v1/documents?tm=%09main'), 'tm');
    await invalid(await request(ctx.app).patch(`/api/v1/units/${UNIT}`).send({ tm: ' main', en: 'x' }), 'tm');
    await invalid(await request(ctx.app).post('/api/v1/tms/%20main/imports').type('text/xml').send('<tmx/>'), 'tm');
    await invalid(await request(ctx.app).get('/api/v1/match?q=test&tm=MAIN'), 'tm');
    expect((await request(ctx.app).get(`/api/v1/documents/${DOC}`).expect(200)).body.segments).toHaveLength(17);
  });

  it('a TM list naming one TM twice is refused', async () => {
    await invalid(await request(ctx.app).get('/api/v1/match?q=test&tm=main,main'), 'tm');
    const many = Array.from({ length: 12 }, () => 'main').join(',');
    await invalid(await request(ctx.app).get(`/api/v1/match?q=test&tm=${many}`), 'tm');
    const batch = await request(ctx.app)
      .post('/api/v1/match/batch')
      .send({ queries: [{ q: 'تعاون', tm: ['main', 'main'] }] })
      .expect(200);
    expect(batch.body.results[0].error).toMatchObject({ code: 'INVALID_PARAMETER', param: 'queries[0].tm' });
  });

  it('each kind of id has one pattern: anything else is 400, a well-formed id that is absent 404', async () => {
    await invalid(await request(ctx.app).get('/api/v1/units/nope'), 'id');
    await invalid(await request(ctx.app).get(`/api/v1/units/${UNIT.toUpperCase()}`), 'id');
    await invalid(await request(ctx.app).delete(`/api/v1/units/%20${UNIT}`), 'id');
    await invalid(await request(ctx.app).get('/api/v1/jobs/j123'), 'id');
    await invalid(await request(ctx.app).get('/api/v1/documents/a%20b'), 'id');
    await invalid(await request(ctx.app).delete('/api/v1/keys/k123'), 'id');
    expect((await request(ctx.app).get(`/api/v1/units/${UNIT}`).expect(404)).body.error.code).toBe('UNIT_NOT_FOUND');
    expect((await request(ctx.app).get('/api/v1/jobs/j0123456789abcdef').expect(404)).body.error.code).toBe(
      'JOB_NOT_FOUND',
    );
  });
});

describe('TM limits', () => {
  it('a key creates at most MIZAN_MAX_TMS_PER_KEY TMs (409 TM_LIMIT), writes to existing ones still pass', async () => {
    const key = (await ctx.access.create('write', 'tm maker')).key;
    const post = (tm: string, ar: string) =>
      request(ctx.rawApp).post('/api/v1/units').set('Authorization', `Bearer ${key}`).send({ tm, ar });
    await post('made-1', 'وحدة أولى').expect(201);
    await post('made-2', 'وحدة ثانية').expect(201);
    const third = await post('made-3', 'وحدة ثالثة').expect(409);
    expect(third.body.error).toMatchObject({ code: 'TM_LIMIT' });
    expect(third.body.error.message).toContain('this key has created as many as it may (the limit is 2)');
    await post('made-1', 'وحدة رابعة').expect(201);
    await post('main', 'وحدة في الذاكرة الرئيسية').expect(201);
    const doc = await request(ctx.rawApp)
      .post('/api/v1/documents')
      .set('Authorization', `Bearer ${key}`)
      .send({ ar: 'جملة عربية للتجربة.', en: 'An English sentence.', tm: 'made-4' })
      .expect(409);
    expect(doc.body.error.code).toBe('TM_LIMIT');
    const tmx = await request(ctx.rawApp)
      .post('/api/v1/tms/made-5/imports')
      .set('Authorization', `Bearer ${key}`)
      .type('application/x-tmx+xml')
      .send('<tmx version="1.4"><header srclang="ar"/><body/></tmx>')
      .expect(409);
    expect(tmx.body.error.code).toBe('TM_LIMIT');
    const names = (await request(ctx.app).get('/api/v1/tms').expect(200)).body.tms.map((t: { name: string }) => t.name);
    expect(names.sort()).toEqual(['made-1', 'made-2', 'main']);
  });

  it('the deployment holds at most MIZAN_MAX_TMS TMs, whoever creates them', async () => {
    await request(ctx.app).post('/api/v1/units').send({ tm: 'fourth', ar: 'وحدة رابعة' }).expect(201);
    const res = await request(ctx.app).post('/api/v1/units').send({ tm: 'fifth', ar: 'وحدة خامسة' }).expect(409);
    expect(res.body.error.message).toContain('the service holds as many as it may (the limit is 4)');
    await request(ctx.app).post('/api/v1/units').send({ tm: 'fourth', ar: 'وحدة أخرى' }).expect(201);
  });
});
