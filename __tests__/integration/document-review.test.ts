import request from 'supertest';
import { cedict } from '../../src/align/lexicon';
import { AR, EN, ZH } from '../helpers/document-texts';
import { createTestContext, type TestContext } from '../helpers/context';
import { setUnitFields, unitFields } from '../helpers/unit-records';

interface Row {
  position: number;
  unitId: string;
  ar: string;
  en: string;
  zh: string;
  review: boolean;
  reviewed?: string;
  reasons?: string[];
}

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  cedict();
  // Two rows of the seed flagged as the aligner flags them (the seed as aligned may have none).
  const seed = await getDoc(SEED);
  for (const [p, reasons] of [
    [3, 'counts,neighbour'],
    [5, 'confidence'],
  ] as const)
    await setUnitFields(ctx.redis, ctx.keys.unit('main', seed.segments[p].unitId), { review: reasons });
}, 60_000);
afterAll(() => ctx.close());

const SEED = 'ace54e57cd73f9de';
const getDoc = async (id: string) => (await request(ctx.app).get(`/api/v1/documents/${id}`).expect(200)).body;
const review = (id: string, body: object) => request(ctx.app).patch(`/api/v1/documents/${id}/review`).send(body);
const flaggedOf = (doc: { segments: Row[] }) => doc.segments.filter((r) => r.review).map((r) => r.position);

describe('PATCH /api/v1/documents/:id/review', () => {
  it('marks a flagged row reviewed: it leaves the rows to review, keeps its reasons, and the rev moves once', async () => {
    const start = await getDoc(SEED);
    const [at] = flaggedOf(start);
    expect(at).toBeDefined();
    const flagged: Row = start.segments[at!];
    const before = Date.now();
    const res = await review(SEED, { rows: [at], rev: start.rev }).expect(200);
    expect(res.headers.etag).toMatch(new RegExp(`^"rev-${start.rev + 1}\\.json\\.s\\d+"$`));
    const row: Row = res.body.segments[at!];
    expect(row).toMatchObject({ review: false, reasons: flagged.reasons, ar: flagged.ar });
    expect(Date.parse(row.reviewed!)).toBeGreaterThanOrEqual(before - 1000);
    expect(flaggedOf(res.body)).toEqual(flaggedOf(start).filter((p) => p !== at));
    // What GET answers, and the same request again: nothing changes, not even the rev.
    expect(await getDoc(SEED)).toEqual(res.body);
    const again = await review(SEED, { rows: [at] }).expect(200);
    expect(again.body).toEqual(res.body);
  });

  it('records the mark as a write of the unit: a change log entry, its updated time and ETag', async () => {
    const doc = await getDoc(SEED);
    const at = flaggedOf(doc)[0]!;
    const unitId = doc.segments[at].unitId;
    const unitBefore = await request(ctx.app).get(`/api/v1/units/${unitId}`).expect(200);
    const updatedBefore = Number((await unitFields(ctx.redis, ctx.keys.unit('main', unitId)))!.updated);
    await review(SEED, { rows: [at] }).expect(200);
    const [last] = await ctx.redis.xrevrange(ctx.keys.log('main'), '+', '-', 'COUNT', 1);
    expect(last![1]).toEqual(expect.arrayContaining(['op', 'put', 'id', unitId]));
    const unitAfter = await request(ctx.app).get(`/api/v1/units/${unitId}`).expect(200);
    expect(unitAfter.headers.etag).not.toBe(unitBefore.headers.etag);
    expect(Number((await unitFields(ctx.redis, ctx.keys.unit('main', unitId)))!.updated)).toBeGreaterThan(
      updatedBefore,
    );
  });

  it('takes a mark back with reviewed: false, and the row is flagged again', async () => {
    const start = await getDoc(SEED);
    const marked = start.segments.filter((r: Row) => r.reviewed).map((r: Row) => r.position);
    expect(marked.length).toBeGreaterThan(0);
    const res = await review(SEED, { rows: marked, reviewed: false }).expect(200);
    expect(res.body.rev).toBe(start.rev + 1);
    for (const p of marked) expect(res.body.segments[p]).not.toHaveProperty('reviewed');
    expect(res.body.segments[marked[0]].review).toBe(true);
  });

  it('refuses a stale rev (409), a stale If-Match (412), a row the document lacks and a bad body (400)', async () => {
    const doc = await getDoc(SEED);
    const stale = await review(SEED, { rows: [0], rev: doc.rev - 1 }).expect(409);
    expect(stale.body.error.code).toBe('DOCUMENT_CHANGED');
    await review(SEED, { rows: [0] })
      .set('If-Match', `"rev-${doc.rev - 1}"`)
      .expect(412);
    const out = await review(SEED, { rows: [0, 17] }).expect(400);
    expect(out.body.error).toMatchObject({
      code: 'ROW_OUT_OF_RANGE',
      param: 'rows[1]',
      message: `Document "${SEED}" has no row 17: its rows are numbered from 0 to 16.`,
    });
    const ar = await review(SEED, { rows: [17] })
      .set('Accept-Language', 'ar')
      .expect(400);
    expect(ar.body.error.message).toContain('من 0 إلى 16');
    expect((await review(SEED, {}).expect(400)).body.error).toMatchObject({ code: 'FIELD_MISSING', param: 'rows' });
    expect((await review(SEED, { rows: [1.5] }).expect(400)).body.error.param).toBe('rows[0]');
    expect((await review(SEED, { rows: [1], reviewed: 'yes' }).expect(400)).body.error.param).toBe('reviewed');
    const many = await review(SEED, { rows: Array.from({ length: 1001 }, () => 0) }).expect(400);
    expect(many.body.error.code).toBe('TOO_MANY_CORRECTIONS');
    await review('d0000000000000000', { rows: [0] }).expect(404);
    expect((await getDoc(SEED)).rev).toBe(doc.rev);
  });

  it('lets one of two writes made against the same rev win: a mark and a correction, or two marks', async () => {
    const doc = await getDoc(SEED);
    const answers = await Promise.all([
      review(SEED, { rows: [6], rev: doc.rev }),
      request(ctx.app)
        .patch(`/api/v1/documents/${SEED}/alignment`)
        .send({ ops: [{ op: 'merge', row: 9 }], rev: doc.rev }),
      review(SEED, { rows: [7], rev: doc.rev }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409]);
    const after = await getDoc(SEED);
    expect(after.rev).toBe(doc.rev + 1);
    const winner = answers.findIndex((a) => a.status === 200);
    expect(after).toEqual(answers[winner]!.body);
    // Put the seed back: the merge split again, the mark taken back.
    if (winner === 1)
      await request(ctx.app)
        .patch(`/api/v1/documents/${SEED}/alignment`)
        .send({ ops: [{ op: 'split', row: 9, ar: 1, en: 1, zh: 1 }] })
        .expect(200);
    else await review(SEED, { rows: [6, 7], reviewed: false }).expect(200);
    expect((await getDoc(SEED)).segments.map((r: Row) => r.ar)).toEqual(doc.segments.map((r: Row) => r.ar));
  });

  it('marks with If-Match at the current rev, once per Idempotency-Key', async () => {
    const doc = await getDoc(SEED);
    const first = await review(SEED, { rows: [1, 2] })
      .set('If-Match', `"rev-${doc.rev}"`)
      .set('Idempotency-Key', 'review-1-2')
      .expect(200);
    expect(first.body.rev).toBe(doc.rev + 1);
    const retry = await review(SEED, { rows: [1, 2] })
      .set('If-Match', `"rev-${doc.rev}"`)
      .set('Idempotency-Key', 'review-1-2')
      .expect(200);
    expect(retry.body).toEqual(first.body);
    await review(SEED, { rows: [1, 2], reviewed: false }).expect(200);
  });
});

describe('a reviewed row later changed', () => {
  let id: string;
  beforeAll(async () => {
    const res = await request(ctx.app)
      .post('/api/v1/documents')
      .send({ ar: AR.replace('12', '15'), en: EN.replace('12', '15'), zh: ZH.replace('12', '15') })
      .expect(201);
    id = res.body.id;
  });

  it('keeps its mark when a correction only moves it, loses it when a correction changes its texts', async () => {
    const start = await getDoc(id);
    expect(start.segments).toHaveLength(4);
    await review(id, { rows: [2, 3] }).expect(200);
    const merged = (
      await request(ctx.app)
        .patch(`/api/v1/documents/${id}/alignment`)
        .send({ ops: [{ op: 'merge', row: 0 }] })
        .expect(200)
    ).body;
    // Rows 2 and 3 are now 1 and 2, texts unchanged: still reviewed.
    expect(merged.segments[1]).toMatchObject({ ar: start.segments[2].ar, reviewed: expect.any(String) });
    expect(merged.segments[2]).toMatchObject({ ar: start.segments[3].ar, reviewed: expect.any(String) });
    const moved = (
      await request(ctx.app)
        .patch(`/api/v1/documents/${id}/alignment`)
        .send({ ops: [{ op: 'move', row: 1, lang: 'zh', to: 'next' }] })
        .expect(200)
    ).body;
    // Both rows' texts changed: neither is marked; the one left without Chinese is up for review.
    expect(moved.segments[1]).not.toHaveProperty('reviewed');
    expect(moved.segments[2]).not.toHaveProperty('reviewed');
    expect(moved.segments[1]).toMatchObject({ zh: '', review: true, reasons: ['missing'] });
  });

  it('loses its mark when its unit is edited, and shows the flag it had again', async () => {
    const doc = await getDoc(id);
    const unitId = doc.segments[0].unitId;
    await setUnitFields(ctx.redis, ctx.keys.unit('main', unitId), { review: 'counts' });
    const marked = (await review(id, { rows: [0] }).expect(200)).body;
    expect(marked.segments[0]).toMatchObject({ review: false, reasons: ['counts'], reviewed: expect.any(String) });
    await request(ctx.app).patch(`/api/v1/units/${unitId}`).send({ en: 'An edited English sentence.' }).expect(200);
    const edited = await getDoc(id);
    expect(edited.segments[0]).toMatchObject({ review: true, reasons: ['counts'], en: 'An edited English sentence.' });
    expect(edited.segments[0]).not.toHaveProperty('reviewed');
  });

  it('does not come back marked after the document is deleted and imported again', async () => {
    await review(id, { rows: [0, 1] }).expect(200);
    const keptKey = ctx.keys.reviewMarks('main', id);
    const marks = await ctx.redis.hgetall(keptKey);
    await request(ctx.app).delete(`/api/v1/documents/${id}`).expect(204);
    expect(await ctx.redis.exists(keptKey)).toBe(0);
    // Marks a failed delete left behind are ignored: they belong to the document as it was created then.
    await ctx.redis.hset(keptKey, marks);
    const again = await request(ctx.app)
      .post('/api/v1/documents')
      .send({ ar: AR.replace('12', '15'), en: EN.replace('12', '15'), zh: ZH.replace('12', '15') })
      .expect(201);
    expect(again.body.id).toBe(id);
    expect(again.body.segments.filter((r: Row) => r.reviewed)).toEqual([]);
    expect((await getDoc(id)).segments.filter((r: Row) => r.reviewed)).toEqual([]);
  });
});

describe('document exports and the review', () => {
  it('TSV: confidence, review (the reasons) and reviewed columns, by format or Accept', async () => {
    await review(SEED, { rows: [5] }).expect(200);
    const doc = await getDoc(SEED);
    for (const res of [
      await request(ctx.app).get(`/api/v1/documents/${SEED}?format=tsv`).expect(200),
      await request(ctx.app).get(`/api/v1/documents/${SEED}`).set('Accept', 'text/tab-separated-values').expect(200),
    ]) {
      const [head, ...lines] = res.text.trim().split('\n');
      expect(head!.split('\t')).toEqual([
        'position',
        'paragraph',
        'unit_id',
        'ar',
        'en',
        'zh',
        'confidence',
        'review',
        'reviewed',
      ]);
      const cells = lines.map((line) => line.split('\t'));
      expect(cells[3]!.slice(6)).toEqual([String(doc.segments[3].confidence), 'counts,neighbour', '']);
      expect(cells[5]!.slice(6)).toEqual([String(doc.segments[5].confidence), '', doc.segments[5].reviewed]);
      expect(cells[0]!.slice(6)).toEqual([String(doc.segments[0].confidence), '', '']);
    }
  });

  it('HTML: a review column saying in words why a row is to be checked, or when it was reviewed', async () => {
    const doc = await getDoc(SEED);
    const res = await request(ctx.app).get(`/api/v1/documents/${SEED}?format=html`).expect(200);
    expect(res.text).toContain('<th scope="col">review</th>');
    const row = (p: number) => new RegExp(`<tr[^>]*id="row-${p}">.*?</tr>`).exec(res.text)![0];
    expect(row(3)).toMatch(/^<tr class="review" id="row-3"><th scope="row" class="n">3<\/th>/);
    expect(row(3)).toContain('<td class="r"><strong>to review</strong>: sentence counts differ; next to a gap</td>');
    const reviewed: string = doc.segments[5].reviewed;
    expect(row(5)).toContain(`<td class="r">reviewed <time datetime="${reviewed}">${reviewed.slice(0, 10)}</time>`);
    expect(row(5)).not.toContain('class="review"');
    expect(res.text).toMatch(/17 rows, 1 to review, 1 reviewed/);
  });

  it('TMX: a reviewed row no longer carries x-review; one still to review does', async () => {
    const res = await request(ctx.app).get(`/api/v1/documents/${SEED}?format=tmx`).expect(200);
    const tus = res.text.split('<tu ').slice(1);
    expect(tus[3]).toContain('<prop type="x-review">true</prop>');
    expect(tus[5]).not.toContain('x-review');
  });

  it('the whole-TM export too: the reviewed row without x-review, the one to review with it', async () => {
    const doc = await getDoc(SEED);
    const res = await request(ctx.app).get('/api/v1/tms/main/export?format=tmx').expect(200);
    const tuOf = (p: number) => {
      const ar = doc.segments[p].ar.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      return res.text.split('<tu ').find((tu) => tu.includes(`<seg>${ar}</seg>`))!;
    };
    expect(doc.segments[5].reviewed).toBeDefined();
    expect(tuOf(3)).toContain('<prop type="x-review">true</prop>');
    expect(tuOf(5)).toBeDefined();
    expect(tuOf(5)).not.toContain('x-review');
  });
});
