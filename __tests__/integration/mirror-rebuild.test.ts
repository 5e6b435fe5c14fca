import request from 'supertest';
import { TranslationMemory } from '../../src/service';
import { createTestContext, otherInstance, type OtherInstance, type TestContext } from '../helpers/context';

let ctx: TestContext;
let otherTm: TranslationMemory;
let other: OtherInstance['app'];

beforeAll(async () => {
  ctx = await createTestContext();
  ({ app: other, tm: otherTm } = await otherInstance(ctx, 'strict'));
});
afterAll(async () => {
  await otherTm.close();
  await ctx.close();
});

const best = async (q: string, src = 'ar') =>
  (await request(other).get('/api/v1/match').query({ q, src, min: '90' }).expect(200)).body.matches[0];

describe('an instance that fell behind a trimmed change log', () => {
  it('rebuilds its index from Redis, with every language it had built, and still finds old and new units', async () => {
    const seed = (await request(ctx.app).get('/api/v1/documents/ace54e57cd73f9de').expect(200)).body.segments[3];
    // The other instance builds its Arabic and English segments.
    expect(await best(seed.ar)).toMatchObject({ unitId: seed.unitId, score: 100 });
    expect(await best(seed.en, 'en')).toMatchObject({ unitId: seed.unitId, score: 100 });

    const a = { ar: 'افتتاح ورشة لوبان الثانية في مدينة أكتوبي', en: 'The second Luban Workshop opens in Aktobe.' };
    const b = {
      ar: 'توقيع اتفاقية للتعاون الزراعي بين البلدين',
      en: 'The two countries sign an agricultural cooperation agreement.',
    };
    const idA = (await request(ctx.app).post('/api/v1/units').send(a).expect(201)).body.unitId;
    const idB = (await request(ctx.app).post('/api/v1/units').send(b).expect(201)).body.unitId;
    // Drop every log entry but the newest: the other instance sees a gap in seq and must rebuild.
    await ctx.redis.xtrim(ctx.keys.log('main'), 'MAXLEN', 1);

    expect(await best(a.ar)).toMatchObject({ unitId: idA, score: 100 });
    expect(await best(b.ar)).toMatchObject({ unitId: idB, score: 100 });
    expect(await best(b.en, 'en')).toMatchObject({ unitId: idB, score: 100 });
    expect(await best(seed.ar)).toMatchObject({ unitId: seed.unitId, score: 100 });
    expect(await best(seed.en, 'en')).toMatchObject({ unitId: seed.unitId, score: 100 });
  });
});
