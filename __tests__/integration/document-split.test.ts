import request from 'supertest';
import { cedict } from '../../src/align/lexicon';
import { createTestContext, type TestContext } from '../helpers/context';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  cedict();
}, 60_000);
afterAll(() => ctx.close());

// The Arabic runs the first two sentences together with «،» where the English and the Chinese end a sentence.
const AR =
  'وصل الوزير إلى القاهرة يوم الاثنين لمحادثات تجارية، والتقى رئيس الوزراء وناقش 12 مشروعا جديدا. ' +
  'وقال إن العلاقات بين البلدين تشهد تطورا سريعا.';
const EN =
  'The minister arrived in Cairo on Monday for talks on trade. He met the prime minister and discussed 12 new ' +
  'projects. He said relations between the two countries are developing rapidly.';
const ZH = '部长周一抵达开罗，就贸易问题举行会谈。他会见了总理，讨论了12个新项目。他说，两国关系正在快速发展。';

describe('an Arabic segment cut where both translations end a sentence', () => {
  it('is stored as two rows that say where they were cut, and read back so', async () => {
    const res = await request(ctx.app).post('/api/v1/documents').send({ ar: AR, en: EN, zh: ZH }).expect(201);
    const rows = res.body.segments as { ar: string; split?: unknown; review: boolean }[];
    expect(rows.map((r) => r.split)).toEqual([{ lang: 'ar', marks: ['،'] }, { lang: 'ar', marks: ['،'] }, undefined]);
    expect(rows[0]!.ar).toBe('وصل الوزير إلى القاهرة يوم الاثنين لمحادثات تجارية،');
    expect(rows.map((r) => r.review)).toEqual([false, false, false]);
    const stored = await request(ctx.app).get(`/api/v1/documents/${res.body.id}`).expect(200);
    expect(stored.body.segments.map((r: { split?: unknown }) => r.split)).toEqual(rows.map((r) => r.split));
  });
});
