/**
 * A document export's ETag (GET /api/v1/documents/:id as TMX, TSV, HTML or i18next) changes whenever the export
 * would: when a row's unit changes without the document being written — an import that replaces the unit a row
 * points to, an edit of the unit — a client holding the old tag gets the new export (200), never a stale 304.
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

const TM = 'doc-etag';
const FORMATS: Record<string, string>[] = [
  { format: 'tmx' },
  { format: 'tsv' },
  { format: 'html' },
  { format: 'i18next', lang: 'en' },
];

const exported = (id: string, query: Record<string, string>, etag?: string) => {
  const req = request(ctx.app)
    .get(`/api/v1/documents/${id}`)
    .query({ tm: TM, ...query });
  return etag ? req.set('If-None-Match', etag) : req;
};

/** The tag and text of each export of the document. */
async function exportsOf(id: string) {
  return Promise.all(
    FORMATS.map(async (query) => {
      const res = await exported(id, query).expect(200);
      return { query, etag: res.headers.etag!, text: res.text };
    }),
  );
}

/** Every export asked with the tag it had before: 200 with `text` and another tag; then 304 with the new tag. */
async function expectChanged(id: string, before: Awaited<ReturnType<typeof exportsOf>>, text: string) {
  for (const { query, etag } of before) {
    const res = await exported(id, query, etag);
    expect([query.format, res.status]).toEqual([query.format, 200]);
    expect(res.text).toContain(text);
    expect(res.headers.etag).not.toBe(etag);
    const again = await exported(id, query, res.headers.etag);
    expect([query.format, again.status]).toEqual([query.format, 304]);
  }
}

describe('the ETag of a document’s exports', () => {
  it('answers 304 while nothing changed, and the new export when an import or an edit changed a row’s unit', async () => {
    const { id, rev, unitIds } = await twoRowDocument(ctx.app, TM);
    const first = await exportsOf(id);
    for (const { query, etag } of first) {
      expect(etag).toMatch(new RegExp(`^"rev-${rev}\\.${query.format}`));
      expect((await exported(id, query, etag)).status).toBe(304);
    }

    // An import replaces row 1's unit: its text changes, the document's rev does not.
    const replaced = 'The authorities closed several major roads.';
    await replaceRowByImport(ctx.app, TM, id, 1, replaced);
    expect((await request(ctx.app).get(`/api/v1/documents/${id}`).query({ tm: TM })).body.rev).toBe(rev);
    await expectChanged(id, first, replaced);

    // An edit of the unit through the units API.
    const second = await exportsOf(id);
    const edited = 'The authorities shut several major roads.';
    const unitId = unitIds[1]!;
    await request(ctx.app).patch(`/api/v1/units/${unitId}`).query({ tm: TM }).send({ en: edited }).expect(200);
    await expectChanged(id, second, edited);

    // If-Match reads the rev in an export's tag: the edit moved the rev, so the first tags are stale, the last current.
    const stale = first[0]!.etag;
    await request(ctx.app).delete(`/api/v1/documents/${id}`).query({ tm: TM }).set('If-Match', stale).expect(412);
    const current = (await exported(id, { format: 'tmx' }).expect(200)).headers.etag!;
    await request(ctx.app).delete(`/api/v1/documents/${id}`).query({ tm: TM }).set('If-Match', current).expect(204);
  });
});
