/**
 * ETag and If-Match on units and documents: a write made against a tag that is no longer current answers 412
 * PRECONDITION_FAILED and changes nothing, and parallel read-modify-write clients lose no update.
 */
import request from 'supertest';
import { createTestContext, type TestContext } from '../helpers/context';

let ctx: TestContext;
const SEED_DOC = 'ace54e57cd73f9de';

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());

const addUnit = async (ar: string, en: string) =>
  (await request(ctx.app).post('/api/v1/units').send({ ar, en }).expect(201)).body.unitId as string;

describe('ETag and If-Match on a unit', () => {
  it('tags each version of a unit differently, and takes a PATCH made against the current tag', async () => {
    const id = await addUnit('اجتماع اللجنة المشتركة في العاصمة', 'The joint committee meets in the capital.');
    const first = await request(ctx.app).get(`/api/v1/units/${id}`).expect(200);
    expect(first.headers.etag!).toMatch(/^"[0-9a-f]{20}"$/);
    const patched = await request(ctx.app)
      .patch(`/api/v1/units/${id}`)
      .set('If-Match', first.headers.etag!)
      .send({ en: 'The joint committee met in the capital.' })
      .expect(200);
    expect(patched.body.en).toBe('The joint committee met in the capital.');
    expect(patched.headers.etag!).not.toBe(first.headers.etag!);
    expect((await request(ctx.app).get(`/api/v1/units/${id}`).expect(200)).headers.etag!).toBe(patched.headers.etag!);
  });

  it('refuses a PATCH or DELETE against an old tag with 412 and leaves the unit as it was', async () => {
    const id = await addUnit('افتتاح المعرض الدولي للكتاب', 'The international book fair opens.');
    const old = (await request(ctx.app).get(`/api/v1/units/${id}`).expect(200)).headers.etag!;
    await request(ctx.app).patch(`/api/v1/units/${id}`).send({ zh: '国际书展开幕。' }).expect(200);

    const refused = await request(ctx.app)
      .patch(`/api/v1/units/${id}`)
      .set('If-Match', old)
      .send({ en: 'overwritten' })
      .expect(412);
    expect(refused.body.error.code).toBe('PRECONDITION_FAILED');
    await request(ctx.app).delete(`/api/v1/units/${id}`).set('If-Match', old).expect(412);
    await request(ctx.app).delete(`/api/v1/units/${id}`).set('If-Match', 'W/"weak"').expect(412);
    const unit = (await request(ctx.app).get(`/api/v1/units/${id}`).expect(200)).body;
    expect(unit).toMatchObject({ en: 'The international book fair opens.', zh: '国际书展开幕。' });

    const current = (await request(ctx.app).get(`/api/v1/units/${id}`).expect(200)).headers.etag!;
    await request(ctx.app).delete(`/api/v1/units/${id}`).set('If-Match', `"other", ${current}`).expect(204);
    await request(ctx.app).get(`/api/v1/units/${id}`).expect(404);
  });

  it('loses no update when parallel clients read, modify and write the same unit with If-Match', async () => {
    const id = await addUnit('عداد التعديلات المتزامنة', '0');
    const clients = 6;
    const writesEach = 5;
    const client = async () => {
      for (let done = 0; done < writesEach;) {
        const read = await request(ctx.app).get(`/api/v1/units/${id}`).expect(200);
        const next = String(Number(read.body.en) + 1);
        const write = await request(ctx.app)
          .patch(`/api/v1/units/${id}`)
          .set('If-Match', read.headers.etag!)
          .send({ en: next });
        if (write.status === 200) done++;
        else if (write.status !== 412) throw new Error(`PATCH answered ${write.status}`);
      }
    };
    await Promise.all(Array.from({ length: clients }, client));
    const final = (await request(ctx.app).get(`/api/v1/units/${id}`).expect(200)).body;
    // Every successful write incremented what it read: the count is exactly the number of successful writes.
    expect(final.en).toBe(String(clients * writesEach));
  });
});

describe('ETag and If-Match on a document', () => {
  it('tags a document with its rev, format and the TM’s seq, and refuses an alignment correction or DELETE against another rev with 412', async () => {
    const doc = await request(ctx.app).get(`/api/v1/documents/${SEED_DOC}`).expect(200);
    expect(doc.headers.etag!).toMatch(new RegExp(`^"rev-${doc.body.rev}\\.json\\.s\\d+"$`));
    const tmx = await request(ctx.app).get(`/api/v1/documents/${SEED_DOC}`).query({ format: 'tmx' }).expect(200);
    expect(tmx.headers.etag!).toMatch(new RegExp(`^"rev-${doc.body.rev}\\.tmx\\.s\\d+"$`));
    const bundles = await request(ctx.app).get(`/api/v1/documents/${SEED_DOC}`).query({ format: 'i18next' });
    expect(bundles.headers.etag!).toMatch(new RegExp(`^"rev-${doc.body.rev}\\.i18next\\.s\\d+"$`));
    const english = await request(ctx.app)
      .get(`/api/v1/documents/${SEED_DOC}`)
      .query({ format: 'i18next', lang: 'en' });
    expect(english.headers.etag!).toMatch(new RegExp(`^"rev-${doc.body.rev}\\.i18nexten\\.s\\d+"$`));
    expect(Object.keys(english.body).length).toBeGreaterThan(0);

    const stale = `"rev-${doc.body.rev - 1}"`;
    const refused = await request(ctx.app)
      .patch(`/api/v1/documents/${SEED_DOC}/alignment`)
      .set('If-Match', stale)
      .send({ ops: [{ op: 'merge', row: 0 }] })
      .expect(412);
    expect(refused.body.error.code).toBe('PRECONDITION_FAILED');
    await request(ctx.app)
      .patch(`/api/v1/documents/${SEED_DOC}/alignment`)
      .set('If-Match', doc.headers.etag!)
      .send({ ops: [{ op: 'merge', row: 0 }], rev: doc.body.rev + 1 })
      .expect(412);
    await request(ctx.app).delete(`/api/v1/documents/${SEED_DOC}`).set('If-Match', stale).expect(412);
    const unchanged = await request(ctx.app).get(`/api/v1/documents/${SEED_DOC}`).expect(200);
    expect(unchanged.body.segments).toEqual(doc.body.segments);

    const merged = await request(ctx.app)
      .patch(`/api/v1/documents/${SEED_DOC}/alignment`)
      .set('If-Match', doc.headers.etag!)
      .send({ ops: [{ op: 'merge', row: 0 }] })
      .expect(200);
    expect(merged.body.segments).toHaveLength(doc.body.segments.length - 1);
    expect(merged.headers.etag!).toMatch(new RegExp(`^"rev-${merged.body.rev}\\.json\\.s\\d+"$`));
    await request(ctx.app).delete(`/api/v1/documents/${SEED_DOC}`).set('If-Match', doc.headers.etag!).expect(412);
    await request(ctx.app).delete(`/api/v1/documents/${SEED_DOC}`).set('If-Match', merged.headers.etag!).expect(204);
    await request(ctx.app).get(`/api/v1/documents/${SEED_DOC}`).expect(404);
  });
});

describe('If-None-Match on a unit and a document', () => {
  it('answers 304 with the same ETag when the representation asked for is unchanged, 200 when it changed', async () => {
    const id = await addUnit('زيارة رسمية إلى الجامعة', 'An official visit to the university.');
    const unit = await request(ctx.app).get(`/api/v1/units/${id}`).expect(200);
    const same = await request(ctx.app).get(`/api/v1/units/${id}`).set('If-None-Match', unit.headers.etag!);
    expect(same.status).toBe(304);
    expect(same.headers.etag).toBe(unit.headers.etag);
    await request(ctx.app).patch(`/api/v1/units/${id}`).send({ zh: '正式访问大学。' }).expect(200);
    await request(ctx.app).get(`/api/v1/units/${id}`).set('If-None-Match', unit.headers.etag!).expect(200);

    const created = await request(ctx.app)
      .post('/api/v1/documents')
      .send({ ar: 'زار الوفد الجامعة اليوم.', en: 'The delegation visited the university today.' })
      .expect(201);
    for (const format of ['json', 'tmx']) {
      const doc = await request(ctx.app).get(`/api/v1/documents/${created.body.id}?format=${format}`).expect(200);
      const unchanged = await request(ctx.app)
        .get(`/api/v1/documents/${created.body.id}?format=${format}`)
        .set('If-None-Match', doc.headers.etag!);
      expect(unchanged.status).toBe(304);
      expect(unchanged.headers.etag).toBe(doc.headers.etag);
    }
  });
});
