import request from 'supertest';
import { cedict } from '../../src/align/lexicon';
import { AR, EN, ZH } from '../helpers/document-texts';
import { createTestContext, type TestContext } from '../helpers/context';
import { setUnitFields } from '../helpers/unit-records';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  cedict(); // CC-CEDICT loads once per process, in seconds: here, so that the tests' own time is the import's
}, 60_000);
afterAll(() => ctx.close());

describe('PATCH /api/v1/documents/:id/alignment and DELETE /api/v1/documents/:id', () => {
  let id: string;
  beforeAll(async () => {
    const res = await request(ctx.app)
      .post('/api/v1/documents')
      .send({ ar: AR.replace('12', '14'), en: EN.replace('12', '14'), zh: ZH.replace('12', '14') })
      .expect(201);
    id = res.body.id;
  });

  it('merges two rows and splits them back, atomically, units following', async () => {
    const start = (await request(ctx.app).get(`/api/v1/documents/${id}`).expect(200)).body;
    const merged = await request(ctx.app)
      .patch(`/api/v1/documents/${id}/alignment`)
      .send({ ops: [{ op: 'merge', row: 0 }], rev: start.rev })
      .expect(200);
    expect(merged.body.segments).toHaveLength(3);
    expect(merged.body.segments[0].en).toBe(`${start.segments[0].en} ${start.segments[1].en}`);
    const m = await request(ctx.app)
      .get('/api/v1/match')
      .query({ q: `${start.segments[0].ar} ${start.segments[1].ar}` })
      .expect(200);
    expect(m.body.matches[0]).toMatchObject({ score: 100, documentId: id, position: 0 });
    const split = await request(ctx.app)
      .patch(`/api/v1/documents/${id}/alignment`)
      .send({ ops: [{ op: 'split', row: 0, ar: 1, en: 1, zh: 1 }] })
      .expect(200);
    expect(split.body.segments.map((s: { ar: string; en: string; zh: string }) => [s.ar, s.en, s.zh])).toEqual(
      start.segments.map((s: { ar: string; en: string; zh: string }) => [s.ar, s.en, s.zh]),
    );
  });

  it('moves a sentence to the neighbouring row', async () => {
    const res = await request(ctx.app)
      .patch(`/api/v1/documents/${id}/alignment`)
      .send({ ops: [{ op: 'move', row: 1, lang: 'zh', to: 'next' }] })
      .expect(200);
    expect(res.body.segments[1]).toMatchObject({ zh: '', review: true });
    expect(res.body.segments[2].zh).toBe('他会见了中方同行，双方讨论了能源和贸易领域的合作。双方签署了14项协议。');
  });

  it('re-scores only the rows a correction touched; the others keep the aligner confidence and flag', async () => {
    const start = (await request(ctx.app).get(`/api/v1/documents/${id}`).expect(200)).body;
    await setUnitFields(ctx.redis, ctx.keys.unit('main', start.segments[0].unitId), { conf: '0.42', review: '1' });
    const res = await request(ctx.app)
      .patch(`/api/v1/documents/${id}/alignment`)
      .send({ ops: [{ op: 'merge', row: 2 }] })
      .expect(200);
    expect(res.body.segments[0]).toMatchObject({ confidence: 0.42, review: true });
    expect(res.body.segments[1]).toMatchObject({
      confidence: start.segments[1].confidence,
      review: start.segments[1].review,
    });
    expect(res.body.segments[2]).toMatchObject({ confidence: 1, review: false });
    await request(ctx.app)
      .patch(`/api/v1/documents/${id}/alignment`)
      .send({ ops: [{ op: 'split', row: 2, ar: 1, en: 1, zh: 1 }] })
      .expect(200);
  });

  it('refuses a stale revision (409) and an impossible correction (400), leaving the document as it was', async () => {
    const before = (await request(ctx.app).get(`/api/v1/documents/${id}`).expect(200)).body;
    const stale = await request(ctx.app)
      .patch(`/api/v1/documents/${id}/alignment`)
      .send({ ops: [{ op: 'merge', row: 0 }], rev: before.rev - 1 })
      .set('Accept-Language', 'ar')
      .expect(409);
    expect(stale.body.error.code).toBe('DOCUMENT_CHANGED');
    const bad = await request(ctx.app)
      .patch(`/api/v1/documents/${id}/alignment`)
      .send({
        ops: [
          { op: 'merge', row: 0 },
          { op: 'split', row: 0, ar: 9, en: 0, zh: 0 },
        ],
      })
      .expect(400);
    expect(bad.body.error).toMatchObject({
      code: 'INVALID_CORRECTION',
      param: 'ops[1]',
      message: 'Correction ops[1] cannot be applied: a sentence count is larger than the row holds.',
    });
    const many = await request(ctx.app)
      .patch(`/api/v1/documents/${id}/alignment`)
      .send({ ops: Array.from({ length: 201 }, () => ({ op: 'merge', row: 0 })) })
      .expect(400);
    expect(many.body.error).toMatchObject({
      code: 'TOO_MANY_CORRECTIONS',
      message: 'A request holds at most 200 corrections (got 201).',
    });
    const unknown = await request(ctx.app)
      .patch(`/api/v1/documents/${id}/alignment`)
      .send({ ops: [{ op: 'swap', row: 0 }] })
      .set('Accept-Language', 'ar')
      .expect(400);
    expect(unknown.body.error.message).toContain('merge أو split أو move');
    const after = (await request(ctx.app).get(`/api/v1/documents/${id}`).expect(200)).body;
    expect(after.rev).toBe(before.rev);
    expect(after.segments).toEqual(before.segments);
  });

  it('deletes the document and its units; both disappear from lookups', async () => {
    const doc = (await request(ctx.app).get(`/api/v1/documents/${id}`).expect(200)).body;
    await request(ctx.app).delete(`/api/v1/documents/${id}`).expect(204);
    await request(ctx.app).get(`/api/v1/documents/${id}`).expect(404);
    await request(ctx.app).get(`/api/v1/units/${doc.segments[0].unitId}`).expect(404);
    const m = await request(ctx.app).get('/api/v1/match').query({ q: doc.segments[2].ar, min: '100' }).expect(200);
    expect(m.body.matches).toEqual([]);
    await request(ctx.app).delete(`/api/v1/documents/${id}`).expect(404);
  });
});
