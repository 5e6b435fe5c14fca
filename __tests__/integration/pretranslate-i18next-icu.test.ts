/**
 * POST /api/v1/pretranslate/i18next with what i18next projects hold beyond {{x}}: ICU messages (i18next-icu) and a
 * project's own interpolation and nesting delimiters.
 */
import request from 'supertest';
import { parseIcu } from '../../src/formats';
import { createTestContext, type TestContext } from '../helpers/context';
import { P } from '../helpers/xliff-fixtures';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.tm.createUnit('main', {
    ar: 'لديك رسالة واحدة جديدة',
    en: 'You have one new message',
    zh: '你有一条新消息',
  });
  await ctx.tm.createUnit('main', {
    ar: `لديك ${P(0)} رسالة جديدة`,
    en: `You have ${P(0)} new messages`,
    zh: `你有${P(0)}条新消息`,
  });
  await ctx.tm.createUnit('main', { ar: `أهلا ${P(0)}، مرحبا بك`, en: `Hello ${P(0)}, welcome` });
});
afterAll(() => ctx.close());

const INBOX =
  '{count, plural, zero {ليس لديك رسائل جديدة} one {لديك رسالة واحدة جديدة} two {لديك رسالتان جديدتان} ' +
  'few {لديك # رسائل جديدة} many {لديك # رسالة جديدة} other {لديك # رسالة جديدة}}';
type Report = { lang: string; key: string; status: string; icu?: { reason?: string; branches?: unknown[] } };

const pretranslate = (body: object, query = '') =>
  request(ctx.app).post(`/api/v1/pretranslate/i18next${query}`).send(body);

describe('POST /api/v1/pretranslate/i18next: ICU messages', () => {
  it('drafts each branch and rebuilds the block per language; a block it cannot complete is left out', async () => {
    const resources = { inbox: INBOX, broken: '{count, plural, one {لديك رسالة واحدة جديدة}}', late: INBOX };
    const existing = { en: { late: '' } };
    const res = await pretranslate({ resources, to: ['en', 'zh'], existing }).expect(200);
    const { en, zh } = res.body.resources;
    expect(en.inbox).toBe('{count, plural, one {You have one new message} other {You have # new messages}}');
    expect(zh.inbox).toBe('{count, plural, other {你有#条新消息}}');
    for (const value of [en.inbox, zh.inbox]) expect(() => parseIcu(value)).not.toThrow();
    expect(en.late).toBe(en.inbox);
    expect(en.broken).toBeUndefined();
    const report = res.body.report as Report[];
    const of = (lang: string, key: string) => report.find((r) => r.lang === lang && r.key === key)!;
    expect(of('en', 'inbox')).toMatchObject({ status: 'filled', score: 100 });
    expect(of('en', 'inbox').icu!.branches).toHaveLength(2);
    expect(of('en', 'broken')).toMatchObject({ status: 'icu-unsupported', icu: { reason: 'invalid-syntax' } });
    expect(of('en', 'late')).toMatchObject({ status: 'filled', wasEmpty: true });
  });

  it('names the branch that kept a message out of the draft', async () => {
    const value = '{count, plural, one {لديك رسالة واحدة جديدة} other {لديك # تنبيهات}}';
    const res = await pretranslate({ resources: { alerts: value }, to: 'en' }).expect(200);
    expect(res.body.resources.en).toEqual({});
    expect(res.body.report[0]).toMatchObject({
      status: 'icu-incomplete',
      icu: {
        branches: [
          { branch: 'count=one', status: 'filled' },
          { branch: 'count=other', status: 'no-match' },
        ],
      },
    });
  });
});

describe('POST /api/v1/pretranslate/i18next: a project’s own delimiters', () => {
  const resources = { greeting: 'أهلا __name__، مرحبا بك', other: 'أهلا %{user}، مرحبا بك' };

  it('takes them in the query string or the body, and puts the placeables back as written', async () => {
    const query = await pretranslate({ resources, to: 'en' }, '?interpolationPrefix=__&interpolationSuffix=__');
    expect(query.status).toBe(200);
    // %{user} is read as the text % and the placeable {user} there: the draft loses the % (what the option is for).
    expect(query.body.resources.en).toEqual({ greeting: 'Hello __name__, welcome', other: 'Hello {user}, welcome' });
    const body = await pretranslate({ resources, to: 'en', interpolationPrefix: '%{', interpolationSuffix: '}' });
    expect(body.status).toBe(200);
    expect(body.body.resources.en.other).toBe('Hello %{user}, welcome');
  });

  it('reads an empty delimiter as not given, as every other empty parameter: i18next’s default, or the body’s', async () => {
    // `?interpolationPrefix=` answered 400 INVALID_DELIMITER (delimiter-empty) where `explain=`, `overwrite=`… are
    // absent.
    const plain = await pretranslate({ resources, to: 'en' }).expect(200);
    const empty = '?interpolationPrefix=&interpolationSuffix=&nestingPrefix=&nestingSuffix=';
    const emptyQuery = await pretranslate({ resources, to: 'en' }, empty);
    expect(emptyQuery.status).toBe(200);
    expect(emptyQuery.body).toEqual(plain.body);
    const emptyBody = await pretranslate({ resources, to: 'en', interpolationPrefix: '', nestingSuffix: '' });
    expect(emptyBody.status).toBe(200);
    expect(emptyBody.body).toEqual(plain.body);
    // An empty one in the query string gives way to the body's.
    const fields = { interpolationPrefix: '%{', interpolationSuffix: '}' };
    const body = await pretranslate({ resources, to: 'en', ...fields }, '?interpolationPrefix=').expect(200);
    expect(body.body.resources.en.other).toBe('Hello %{user}, welcome');
    expect(plain.body.resources.en.other).toBe('Hello {user}, welcome');
  });

  it.each([
    [`?nestingSuffix=${'x'.repeat(17)}`, {}, 'nestingSuffix'],
    ['', { interpolationPrefix: '@@', nestingPrefix: '@@' }, 'nestingPrefix'],
  ])('refuses %s %j with 400 INVALID_DELIMITER naming the parameter', async (query, fields, param) => {
    for (const lang of ['en', 'ar', 'zh']) {
      const res = await request(ctx.app)
        .post(`/api/v1/pretranslate/i18next${query}`)
        .set('Accept-Language', lang)
        .send({ resources, to: 'en', ...fields })
        .expect(400);
      expect(res.body.error.code).toBe('INVALID_DELIMITER');
      expect(res.body.error.message).toContain(`"${param}"`.replace(/"/g, lang === 'zh' ? '' : '"'));
      if (lang !== 'en') expect(res.body.error.message).not.toMatch(/\b(delimiter|prefix|characters)\b/);
    }
    const wrongType = await pretranslate({ resources, to: 'en', nestingPrefix: 3 }).expect(400);
    expect(wrongType.body.error.code).toBe('INVALID_PARAMETER');
  });
});
