/** GET /api/v1/documents a page at a time: cursor and limit, in document order, stable when documents go. */
import request from 'supertest';
import { createTestContext, type TestContext } from '../helpers/context';

let ctx: TestContext;
const TM = 'paging';

beforeAll(async () => {
  ctx = await createTestContext();
  for (let i = 0; i < 7; i++) {
    const ar = `هذه الوثيقة رقم ${i + 1} للتجربة.`;
    await request(ctx.app)
      .post(`/api/v1/documents?tm=${TM}`)
      .send({ ar, en: `Test document ${i + 1}.` })
      .expect(201);
  }
});
afterAll(() => ctx.close());

type Page = { documents: { id: string; order: number }[]; cursor: string | null };
const page = async (query: Record<string, string>): Promise<Page> =>
  (
    await request(ctx.app)
      .get('/api/v1/documents')
      .query({ tm: TM, ...query })
      .expect(200)
  ).body as Page;

/** Every page from the first, following cursors. */
async function allPages(limit: number): Promise<Page[]> {
  const pages = [await page({ limit: String(limit) })];
  while (pages.at(-1)!.cursor) pages.push(await page({ limit: String(limit), cursor: pages.at(-1)!.cursor! }));
  return pages;
}

describe('GET /api/v1/documents', () => {
  it('lists the documents a page at a time, in document order, with a cursor until the last page', async () => {
    const whole = await page({});
    expect(whole.documents).toHaveLength(7);
    expect(whole.cursor).toBeNull();
    const pages = await allPages(3);
    expect(pages.map((p) => p.documents.length)).toEqual([3, 3, 1]);
    expect(pages.flatMap((p) => p.documents.map((d) => d.id))).toEqual(whole.documents.map((d) => d.id));
  });

  it('continues after a page whose last document was deleted meanwhile, skipping and repeating nothing', async () => {
    const first = await page({ limit: '3' });
    const gone = first.documents[2]!.id;
    await request(ctx.app).delete(`/api/v1/documents/${gone}?tm=${TM}`).expect(204);
    const rest = [await page({ limit: '3', cursor: first.cursor! })];
    while (rest.at(-1)!.cursor) rest.push(await page({ limit: '3', cursor: rest.at(-1)!.cursor! }));
    const after = (await page({})).documents.map((d) => d.id);
    const seen = [...first.documents.slice(0, 2), ...rest.flatMap((p) => p.documents)].map((d) => d.id);
    expect(seen).toEqual(after);
  });

  it('refuses a cursor that another TM gave, rather than end the list with it', async () => {
    await request(ctx.app)
      .post('/api/v1/documents?tm=paging-other')
      .send({ ar: 'وثيقة في ذاكرة أخرى للتجربة.', en: 'A document in another memory.' })
      .expect(201);
    const first = await page({ limit: '1' });
    const res = await request(ctx.app)
      .get('/api/v1/documents')
      .query({ tm: 'paging-other', cursor: first.cursor! })
      .expect(400);
    expect(res.body.error).toMatchObject({ code: 'INVALID_PARAMETER', param: 'cursor' });
    const legacy = Buffer.from(JSON.stringify([0, 'a'])).toString('base64url');
    const made = await request(ctx.app).get('/api/v1/documents').query({ tm: TM, cursor: legacy }).expect(400);
    expect(made.body.error).toMatchObject({ code: 'INVALID_PARAMETER', param: 'cursor' });
  });

  it('refuses a cursor it did not write and a limit out of range', async () => {
    for (const cursor of [
      'nope!',
      Buffer.from('{"a":1}').toString('base64url'),
      Buffer.from('[1,"a b"]').toString('base64url'),
    ]) {
      const res = await request(ctx.app).get('/api/v1/documents').query({ tm: TM, cursor }).expect(400);
      expect(res.body.error).toMatchObject({ code: 'INVALID_PARAMETER', param: 'cursor' });
    }
    const res = await request(ctx.app).get('/api/v1/documents').query({ tm: TM, limit: '1001' }).expect(400);
    expect(res.body.error.code).toBe('LIMIT_OUT_OF_RANGE');
  });

  it('says ready from the count of documents, not by reading them', async () => {
    const res = await request(ctx.app).get('/readyz').expect(200);
    expect(res.body).toMatchObject({ status: 'ready', redis: true, tmLoaded: true });
  });
});
