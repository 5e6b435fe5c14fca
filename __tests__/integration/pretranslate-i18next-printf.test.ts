/**
 * A resource value's printf placeholders (the sprintf post-processor's `%s`, `%1$s`) through POST
 * /pretranslate/i18next with the real matcher and Redis: no word in the score, kept or mapped in the draft, and one
 * the unit lacks appended (`placeables-appended`, the placeholder named), as XLIFF appends it. It gave "Click now" for
 * «انقر %s الآن», `filled`, placeables `ok`. `%%` stays text.
 */
import request from 'supertest';
import { createTestContext, type TestContext } from '../helpers/context';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ seed: false });
  await ctx.tm.createUnit('main', { ar: 'انقر الآن', en: 'Click now' });
  await ctx.tm.createUnit('main', { ar: 'أغلق %s الآن', en: 'Close %s now' });
  await ctx.tm.createUnit('main', {
    ar: '{{user}} قام بتحديث الصفحة {{page}}',
    en: 'The page {{page}} was updated by {{user}}',
  });
  await ctx.tm.createUnit('main', { ar: 'خصم 50%% على كل الكتب', en: '50%% off all books' });
});
afterAll(() => ctx.close());

type KeyReport = { key: string; status: string; score?: number; tmScore?: number; placeables?: unknown };

describe('i18next pretranslation of values with printf placeholders over HTTP', () => {
  it('never drops a %s, maps %1$s/%2$s in order, and keeps %% as text', async () => {
    const resources = {
      click: 'انقر %s الآن',
      close: 'أغلق %s الآن',
      updated: '%1$s قام بتحديث الصفحة %2$s',
      off: 'خصم 50%% على كل الكتب',
    };
    const res = await request(ctx.app)
      .post('/api/v1/pretranslate/i18next')
      .send({ resources, to: 'en', min: 75 })
      .expect(200);
    expect(res.body.resources.en).toEqual({
      click: 'Click now %s',
      close: 'Close %s now',
      updated: 'The page %2$s was updated by %1$s',
      off: '50%% off all books',
    });
    const of = (key: string) => (res.body.report as KeyReport[]).find((r) => r.key === key)!;
    expect(of('click')).toMatchObject({
      status: 'placeables-appended',
      score: of('click').tmScore! - 1,
      appended: ['%s'],
      placeables: { status: 'ok', missing: [], extra: [] },
    });
    expect(of('close')).toMatchObject({ status: 'filled', score: 100, placeables: { status: 'ok' } });
    expect(of('updated')).toMatchObject({ status: 'filled', score: 98, tmScore: 100, placeables: { status: 'ok' } });
    expect(of('off')).toMatchObject({ status: 'filled', score: 100, placeables: { status: 'ok' } });
  });
});
