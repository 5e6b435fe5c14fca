/**
 * If-Match on the writes of a document (PATCH alignment, PATCH review, DELETE) holds the document as the client read
 * it: an import that rewrote one of its rows' units after the tag was read leaves the rev as it was, and the write is
 * still 412; a write elsewhere in the TM (another document's unit, an import of another document's row) moves the
 * TM's seq in the tag but changes nothing the client saw, and the write goes through. What the change log can no
 * longer tell (trimmed past the tag's seq) is 412.
 */
import request from 'supertest';
import { createTestContext, type TestContext } from '../helpers/context';
import { ROWS_AR, replaceRowByImport, twoRowDocument } from '../helpers/document-rows';

jest.setTimeout(60_000);

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ seed: false });
});
afterAll(() => ctx.close());

/** Each test in a TM of its own (the two write the same texts). */
let TM = '';
let tms = 0;
beforeEach(() => {
  TM = `doc-if-match-${++tms}`;
});

const tagOf = async (id: string) =>
  (await request(ctx.app).get(`/api/v1/documents/${id}`).query({ tm: TM }).expect(200)).headers.etag!;

const review = (id: string, tag: string) =>
  request(ctx.app)
    .patch(`/api/v1/documents/${id}/review`)
    .query({ tm: TM })
    .set('If-Match', tag)
    .send({ rows: [0] });
const split = (id: string, tag: string) =>
  request(ctx.app)
    .patch(`/api/v1/documents/${id}/alignment`)
    .query({ tm: TM })
    .set('If-Match', tag)
    .send({ ops: [{ op: 'merge', row: 0 }] });
const remove = (id: string, tag: string) =>
  request(ctx.app).delete(`/api/v1/documents/${id}`).query({ tm: TM }).set('If-Match', tag);

/** Writes the English of a unit (another document's, in these tests). */
const editUnit = (unitId: string, en: string) =>
  request(ctx.app).patch(`/api/v1/units/${unitId}`).query({ tm: TM }).send({ en }).expect(200);

/** A second document of the TM, of other texts. */
async function otherDocument() {
  const created = await request(ctx.app)
    .post('/api/v1/documents')
    .send({ tm: TM, ar: `${ROWS_AR[1]} انتهت العاصفة صباح اليوم.`, en: 'Roads were closed. The storm ended.' })
    .expect(201);
  return {
    id: created.body.id as string,
    unitIds: (created.body.segments as { unitId: string }[]).map((s) => s.unitId),
  };
}

describe('If-Match on a document’s writes', () => {
  it('is 412 with a tag read before an import rewrote one of the document’s rows, on every write', async () => {
    const { id, rev } = await twoRowDocument(ctx.app, TM);
    const before = await tagOf(id);
    await replaceRowByImport(ctx.app, TM, id, 1, 'The authorities closed several major roads.');
    expect((await request(ctx.app).get(`/api/v1/documents/${id}`).query({ tm: TM })).body.rev).toBe(rev);

    for (const write of [review, split, remove]) {
      const refused = await write(id, before).expect(412);
      expect(refused.body.error.code).toBe('PRECONDITION_FAILED');
    }
    // Read again, the document is written.
    const marked = await review(id, await tagOf(id)).expect(200);
    await remove(id, marked.headers.etag!).expect(204);
  });

  it('lets a write through with a tag read before writes to another document of the TM', async () => {
    const { id } = await twoRowDocument(ctx.app, TM);
    const other = await otherDocument();
    const before = await tagOf(id);

    // An edit of the other document's unit, and an import that rewrites one of its rows.
    await editUnit(other.unitIds[0]!, 'Several roads were closed.');
    await replaceRowByImport(ctx.app, TM, other.id, 1, 'The storm is over.');
    expect(await tagOf(id)).not.toBe(before); // the TM's seq moved

    const marked = await review(id, before).expect(200);
    expect(marked.body.segments[0].reviewed).toBeDefined();
    // The same holds for the other writes, with the tag each answer gives and a later write elsewhere.
    await editUnit(other.unitIds[0]!, 'Many roads were closed.');
    const merged = await split(id, marked.headers.etag!).expect(200);
    expect(merged.body.segments).toHaveLength(1);
    await review(other.id, await tagOf(other.id)).expect(200);
    await remove(id, merged.headers.etag!).expect(204);
  });

  it('is 412 when the change log was trimmed past the tag’s seq; a tag of the current seq needs no log', async () => {
    const { id } = await twoRowDocument(ctx.app, TM);
    const other = await otherDocument();
    const before = await tagOf(id);
    await editUnit(other.unitIds[0]!, 'Several roads were closed.');
    await ctx.redis.xtrim(ctx.keys.log(TM), 'MAXLEN', 0); // as the log's trimming would, many writes later

    await review(id, before).expect(412);
    await review(id, await tagOf(id)).expect(200);
  });
});
