/**
 * A document's JSON ETag (GET /api/v1/documents/:id, the representation the web UI reads) changes whenever its rows
 * would: an import that replaces the unit a row points to rewrites the row without writing the document (its rev
 * stays), and a client holding the old tag gets the new rows (200), never a stale 304. The rev stays readable in the
 * tag: If-Match on the row writes and on DELETE compares it (412 when the document is at another rev).
 */
import request from 'supertest';
import { createTestContext, type TestContext } from '../helpers/context';
import { replaceRowByImport, twoRowDocument } from '../helpers/document-rows';

jest.setTimeout(60_000);

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ seed: false });
});
afterAll(() => ctx.close());

const TM = 'doc-json-etag';

const read = (id: string, etag?: string, query: Record<string, string> = {}) => {
  const req = request(ctx.app)
    .get(`/api/v1/documents/${id}`)
    .query({ tm: TM, ...query });
  return etag ? req.set('If-None-Match', etag) : req;
};

/** The document's JSON tag names its rev, the format and the TM's change counter. */
const jsonTagOf = (rev: number) => new RegExp(`^"rev-${rev}\\.json\\.s\\d+"$`);

/** Asked with the tag it had before: 200 with `text` in row 1 and a new tag, which then answers 304. */
async function expectChanged(id: string, before: string, text: string): Promise<string> {
  const res = await read(id, before).expect(200);
  expect(res.body.segments[1].en).toBe(text);
  const tag = res.headers.etag!;
  expect(tag).toMatch(jsonTagOf(res.body.rev as number));
  expect(tag).not.toBe(before);
  const again = await read(id, tag).expect(304);
  expect(again.headers.etag).toBe(tag);
  return tag;
}

describe('the ETag of a document as JSON', () => {
  it('answers 304 while nothing changed, the new rows when an import or an edit changed a row’s unit, and lets If-Match compare its rev', async () => {
    const { id, rev, unitIds } = await twoRowDocument(ctx.app, TM);
    const first = await read(id).expect(200);
    const tag1 = first.headers.etag!;
    expect(tag1).toMatch(jsonTagOf(rev));
    await read(id, tag1).expect(304);
    // Asked for by name or by Accept, JSON is one representation with one tag.
    expect((await read(id, undefined, { format: 'json' }).expect(200)).headers.etag).toBe(tag1);
    await read(id, tag1, { format: 'json' }).expect(304);

    // An import replaces row 1's unit: its text changes, the document's rev does not.
    const replaced = 'The authorities closed several major roads.';
    await replaceRowByImport(ctx.app, TM, id, 1, replaced);
    expect((await read(id).expect(200)).body.rev).toBe(rev);
    const tag2 = await expectChanged(id, tag1, replaced);

    // An edit of the row's unit through the units API.
    const edited = 'The authorities shut several major roads.';
    const unitId = unitIds[1]!;
    await request(ctx.app).patch(`/api/v1/units/${unitId}`).query({ tm: TM }).send({ en: edited }).expect(200);
    const tag3 = await expectChanged(id, tag2, edited);

    // A row write against the current tag (as the web UI sends it back): done, answered with the tag a GET then gives.
    const current = (await read(id, undefined).expect(200)).body.rev as number;
    const marked = await request(ctx.app)
      .patch(`/api/v1/documents/${id}/review`)
      .query({ tm: TM })
      .set('If-Match', tag3)
      .send({ rows: [1] })
      .expect(200);
    expect(marked.body.rev).toBeGreaterThan(current);
    const tag4 = marked.headers.etag!;
    expect(tag4).toMatch(jsonTagOf(marked.body.rev as number));
    await read(id, tag4).expect(304);
    const merged = await request(ctx.app)
      .patch(`/api/v1/documents/${id}/alignment`)
      .query({ tm: TM })
      .set('If-Match', tag4)
      .send({ ops: [{ op: 'merge', row: 0 }] })
      .expect(200);
    expect(merged.body.segments).toHaveLength(1);
    const tag5 = merged.headers.etag!;
    expect(tag5).toMatch(jsonTagOf(merged.body.rev as number));
    await read(id, tag5).expect(304);

    // Tags of an older rev are refused, on every write that honours If-Match; the current one deletes.
    for (const stale of [tag3, tag4]) {
      const refused = await request(ctx.app)
        .patch(`/api/v1/documents/${id}/alignment`)
        .query({ tm: TM })
        .set('If-Match', stale)
        .send({ ops: [{ op: 'split', row: 0, ar: 1, en: 1, zh: 0 }] })
        .expect(412);
      expect(refused.body.error.code).toBe('PRECONDITION_FAILED');
      await request(ctx.app)
        .patch(`/api/v1/documents/${id}/review`)
        .query({ tm: TM })
        .set('If-Match', stale)
        .send({ rows: [0] })
        .expect(412);
      await request(ctx.app).delete(`/api/v1/documents/${id}`).query({ tm: TM }).set('If-Match', stale).expect(412);
    }
    await read(id, tag5).expect(304);
    await request(ctx.app).delete(`/api/v1/documents/${id}`).query({ tm: TM }).set('If-Match', tag5).expect(204);
    await read(id).expect(404);
  });
});
