import request from 'supertest';
import { createTestContext, type TestContext } from '../helpers/context';

let ctx: TestContext;

// Eleven tokens, one of them a number; the English spells it out, the Chinese writes it in numerals.
const SPELLED = {
  ar: 'شارك 15 مندوبا في الاجتماع الذي عقد في العاصمة يوم الاثنين.',
  en: 'Fifteen delegates attended the meeting held in the capital on Monday.',
  zh: '十五名代表出席了星期一在首都举行的会议。',
};
const QUERY = SPELLED.ar.replace('15', '16');
// Both targets hold the number: English 3,000 as the Arabic writes it, Chinese 三千.
const VISITORS = {
  ar: 'زار المعرض 3,000 شخص في يومه الأول حسب المنظمين.',
  en: 'The exhibition had 3,000 visitors on its first day, the organizers said.',
  zh: '据主办方介绍，展览首日接待观众三千人。',
};

beforeAll(async () => {
  ctx = await createTestContext({ seed: false, config: { minFloor: 0 } });
  for (const unit of [SPELLED, VISITORS]) await request(ctx.app).post('/api/v1/units').send(unit).expect(201);
});
afterAll(() => ctx.close());

const match = (query: Record<string, string>) => request(ctx.app).get('/api/v1/match').query(query);

describe('number adaptation through /api/v1/match', () => {
  it('adapts each target that holds the number, in its own writing, and says so per target', async () => {
    const q = VISITORS.ar.replace('3,000', '4,500');
    const [best] = (await match({ q, tgt: 'en,zh', explain: '1' }).expect(200)).body.matches;
    expect(best).toMatchObject({ score: 98, adapted: true, adaptedTargets: { en: true, zh: true } });
    expect(best.targets).toEqual({
      en: VISITORS.en.replace('3,000', '4,500'),
      zh: VISITORS.zh.replace('三千', '四千五百'),
    });
    expect(best.originalTargets).toEqual({ en: VISITORS.en, zh: VISITORS.zh });
    expect(best.explain.penalties).toEqual([{ name: 'numbers', points: 2 }]);
  });

  it('leaves a target without the number as stored and scores the match as the fuzzy match it then is', async () => {
    const [best] = (await match({ q: QUERY, tgt: 'en,zh', explain: '1' }).expect(200)).body.matches;
    expect(best).toMatchObject({ score: 91, adapted: false, adaptedTargets: { en: false, zh: true } });
    expect(best.targets).toEqual({ en: SPELLED.en, zh: '十六名代表出席了星期一在首都举行的会议。' });
    expect(best.originalTargets).toEqual({ en: SPELLED.en, zh: SPELLED.zh });
    expect(best.explain.penalties).toEqual([]); // no "numbers" bonus: the English needs its number changed
    // Asked alone, the Chinese fits the query: 100 − 2.
    const [zh] = (await match({ q: QUERY, tgt: 'zh' }).expect(200)).body.matches;
    expect(zh).toMatchObject({ score: 98, adapted: true, adaptedTargets: { zh: true } });
    // Below min once the bonus is gone: not served at all.
    expect((await match({ q: QUERY, tgt: 'en,zh', min: '95' }).expect(200)).body.matches).toEqual([]);
    expect((await match({ q: QUERY, tgt: 'en', min: '95' }).expect(200)).body.matches).toEqual([]);
  });

  it('gives amaGama and MyMemory clients the score of the target they asked for', async () => {
    const path = (tgt: string) => `/tmserver/ar/${tgt}/unit/${encodeURIComponent(QUERY)}`;
    expect((await request(ctx.app).get(path('en')).expect(200)).body).toEqual([
      { quality: 91, rank: 91, source: SPELLED.ar, target: SPELLED.en },
    ]);
    expect((await request(ctx.app).get(path('zh')).expect(200)).body[0]).toMatchObject({
      quality: 98,
      target: '十六名代表出席了星期一在首都举行的会议。',
    });
    const en = await request(ctx.app).get('/get').query({ q: QUERY, langpair: 'ar|en' }).expect(200);
    expect(en.body.responseData).toEqual({ translatedText: SPELLED.en, match: 0.91 });
  });
});

const xliff = (tgt: string, source: string) =>
  Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="numbers.po" source-language="ar" target-language="${tgt}" datatype="po">
    <body>
      <trans-unit id="1">
        <source>${source}</source>
      </trans-unit>
    </body>
  </file>
</xliff>
`);

describe('number adaptation in XLIFF pretranslation', () => {
  const pretranslate = async (tgt: string) => {
    const res = await request(ctx.app)
      .post('/api/v1/pretranslate?min=50')
      .set('Content-Type', 'application/xliff+xml')
      .send(xliff(tgt, QUERY))
      .buffer(true)
      .parse((r, done) => {
        let text = '';
        r.setEncoding('utf8');
        r.on('data', (c: string) => (text += c));
        r.on('end', () => done(null, text));
      })
      .expect(200);
    return res.body as string;
  };

  it('writes a target that kept the old number as a fuzzy match to review, an adapted one with the new number', async () => {
    const en = await pretranslate('en');
    expect(en).toContain(
      `<target state="needs-review-translation" state-qualifier="fuzzy-match">${SPELLED.en}</target>`,
    );
    const zh = await pretranslate('zh');
    expect(zh).toContain('十六名代表出席了星期一在首都举行的会议。</target>');
  });

  it('reports per i18next draft whether its value carries the source numbers', async () => {
    const res = await request(ctx.app)
      .post('/api/v1/pretranslate/i18next')
      .send({ resources: { delegates: QUERY }, to: ['en', 'zh'], min: 50 })
      .expect(200);
    expect(res.body.resources).toEqual({
      en: { delegates: SPELLED.en },
      zh: { delegates: '十六名代表出席了星期一在首都举行的会议。' },
    });
    expect(res.body.report).toEqual([
      expect.objectContaining({ lang: 'en', status: 'filled', score: 91, adapted: false }),
      expect.objectContaining({ lang: 'zh', status: 'filled', score: 98, adapted: true }),
    ]);
  });
});
