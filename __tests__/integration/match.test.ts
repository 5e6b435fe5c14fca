import request from 'supertest';
import { readManifest, readSeedDocument } from '../../src/service';
import type { DocumentRow } from '../../src/types';
import { createTestContext, TM_DIR, type TestContext } from '../helpers/context';

let ctx: TestContext;
let rows: DocumentRow[];
const unitAt = async (position: number): Promise<string> => {
  const res = await request(ctx.app).get(`/api/v1/documents/${readManifest(TM_DIR).documents[0]!.id}`);
  return res.body.segments[position].unitId;
};

beforeAll(async () => {
  // A floor of 0 (MIZAN_MIN_FLOOR=0): the ordering test asks for matches far below the default floor of 30.
  ctx = await createTestContext({ config: { minFloor: 0 } });
  rows = readSeedDocument(TM_DIR, readManifest(TM_DIR).documents[0]!).segments;
});
afterAll(() => ctx.close());

const match = (query: Record<string, string>) => request(ctx.app).get('/api/v1/match').query(query);

describe('GET /api/v1/match', () => {
  it('scores the exact Arabic sentence 100 and returns its English and Chinese', async () => {
    const row = rows[9]!; // "وقد توصل الجانبان إلى توافق واسع حول تعزيز التعاون العملي."
    const res = await match({ q: row.ar }).expect(200);
    const [best] = res.body.matches;
    expect(best).toMatchObject({
      unitId: await unitAt(9),
      score: 100,
      source: { lang: 'ar', text: row.ar },
      targets: { en: row.en, zh: row.zh },
      documentId: readManifest(TM_DIR).documents[0]!.id,
      position: 9,
    });
  });

  it('ranks a sentence with one word changed first, with 70 ≤ score < 100', async () => {
    const row = rows[12]!; // "وستعمل الصين مع قيرغيزستان وطاجيكستان وتركمانستان في إنشاء مراكز ثقافية."
    const changed = row.ar.replace('ثقافية', 'تجارية');
    expect(changed).not.toBe(row.ar);
    const res = await match({ q: changed, tgt: 'en,zh' }).expect(200);
    expect(res.body.matches[0].unitId).toBe(await unitAt(12));
    expect(res.body.matches[0].score).toBeGreaterThanOrEqual(70);
    expect(res.body.matches[0].score).toBeLessThan(100);
  });

  it('still ranks the unit first when the query carries tashkeel, with a diacritics penalty', async () => {
    const voweled = 'وَقَدْ تَوَصَّلَ الجَانِبَانِ إِلَى تَوَافُقٍ وَاسِعٍ حَوْلَ تَعْزِيزِ التَّعَاوُنِ العَمَلِيِّ.';
    const res = await match({ q: voweled, explain: '1' }).expect(200);
    const [best] = res.body.matches;
    expect(best.unitId).toBe(await unitAt(9));
    expect(best.score).toBeGreaterThanOrEqual(95);
    expect(best.score).toBeLessThan(100);
    expect(best.explain.penalties.map((p: { name: string }) => p.name)).toContain('diacritics');
  });

  it('reads an empty explain= as not given, as every other empty parameter: no explanation', async () => {
    const row = rows[9]!;
    const empty = await match({ q: row.ar, explain: '' }).expect(200);
    expect(empty.body.matches[0].unitId).toBe(await unitAt(9));
    expect(empty.body.matches[0]).not.toHaveProperty('explain');
    const on = await match({ q: row.ar, explain: 'true' }).expect(200);
    expect(on.body.matches[0]).toHaveProperty('explain');
  });

  it('matches the Chinese of a unit written in traditional characters at 99, naming the penalty script', async () => {
    const row = rows[9]!; // 双方就加强务实合作达成广泛共识。
    const traditional = '雙方就加強務實合作達成廣泛共識。';
    expect(row.zh).toBe('双方就加强务实合作达成广泛共识。');
    const res = await match({ q: traditional, src: 'zh', tgt: 'ar', explain: '1' }).expect(200);
    const [best] = res.body.matches;
    expect(best).toMatchObject({ unitId: await unitAt(9), score: 99 });
    expect(best.explain.penalties).toEqual([{ name: 'script', points: 1 }]);
    expect(best.explain.diff.map((d: { queryText: string }) => d.queryText).join('')).toBe(traditional);
  });

  it('matches Arabic-Indic digits as the same numbers', async () => {
    const row = rows[2]!;
    const indic = row.ar.replace('26', '٢٦').replace('2023', '٢٠٢٣');
    const res = await match({ q: indic }).expect(200);
    expect(res.body.matches[0].unitId).toBe(await unitAt(2));
    expect(res.body.matches[0].score).toBeGreaterThanOrEqual(95);
  });

  it('answers an English query with the Arabic and Chinese of the right unit', async () => {
    const row = rows[11]!; // China and Kazakhstan will sign an agreement on mutual visa exemption ...
    const res = await match({
      q: 'China and Kazakhstan will sign an agreement on mutual visa exemption',
      src: 'en',
      tgt: 'ar,zh',
      min: '40',
    }).expect(200);
    const [best] = res.body.matches;
    expect(best.unitId).toBe(await unitAt(11));
    expect(best.source).toEqual({ lang: 'en', text: row.en });
    expect(best.targets).toEqual({ ar: row.ar, zh: row.zh });
  });

  it('answers a Chinese query character by character', async () => {
    const row = rows[12]!;
    const res = await match({ q: '中国将同吉尔吉斯斯坦、塔吉克斯坦和土库曼斯坦合作建立文化中心。', src: 'zh' }).expect(
      200,
    );
    expect(res.body.matches[0].unitId).toBe(await unitAt(12));
    expect(res.body.matches[0].targets).toEqual({ ar: row.ar, en: row.en });
  });

  it('returns matches best first, no more than limit, none under min', async () => {
    const res = await match({ q: 'وأشار وزراء خارجية الدول الخمس إلى أن', min: '10', limit: '3' }).expect(200);
    const scores = res.body.matches.map((m: { score: number }) => m.score);
    expect(scores.length).toBeGreaterThan(1);
    expect(scores.length).toBeLessThanOrEqual(3);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(Math.min(...scores)).toBeGreaterThanOrEqual(10);
  });

  it('returns no matches, not an error, when nothing reaches min', async () => {
    const res = await match({ q: 'هذه جملة لا علاقة لها بأي شيء في الذاكرة إطلاقا', min: '90' }).expect(200);
    expect(res.body).toEqual({ matches: [] });
  });
});

/** Resolves once the concordance finds the sentence in `units` units: every copy written is in the index. */
async function untilIndexed(sentence: string, units: number): Promise<void> {
  for (let tries = 0; ; tries++) {
    const found = await request(ctx.app).get('/api/v1/concordance').query({ q: sentence, lang: 'ar' }).expect(200);
    if (found.body.total >= units) return;
    if (tries > 100) throw new Error(`the copies never reached the index (${found.body.total} of ${units})`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the same pair of texts stored twice', () => {
  it('is one match, at its best score, and the page still fills with other matches', async () => {
    const row = rows[9]!;
    await request(ctx.app)
      .post('/api/v1/documents')
      .send({ title: 'نسخة', ar: row.ar, en: row.en, zh: row.zh })
      .expect(201);
    await untilIndexed(row.ar, 2); // the copy is in the index
    const res = await match({ q: row.ar, limit: '3', min: '0' }).expect(200);
    const texts = res.body.matches.map((m: { source: { text: string } }) => m.source.text);
    expect(texts.filter((t: string) => t === row.ar)).toHaveLength(1);
    expect(res.body.matches[0]).toMatchObject({ score: 100, source: { text: row.ar } });
    expect(new Set(texts).size).toBe(3);
  });

  it('still fills the page when the copies outnumber the hits asked beyond the limit', async () => {
    const row = rows[10]!;
    for (let k = 0; k < 14; k++)
      await request(ctx.app)
        .post('/api/v1/documents')
        .send({
          title: `نسخة ${k}`,
          ar: `${row.ar}\n\nالنسخة رقم ${k}.`,
          en: `${row.en}\n\nCopy number ${k}.`,
          zh: `${row.zh}\n\n第${k}号副本。`,
        })
        .expect(201);
    await untilIndexed(row.ar, 15);
    const res = await match({ q: row.ar, limit: '3', min: '0' }).expect(200);
    const texts = res.body.matches.map((m: { source: { text: string } }) => m.source.text);
    expect(texts).toHaveLength(3);
    expect(new Set(texts).size).toBe(3);
    expect(res.body.matches[0]).toMatchObject({ score: 100, source: { text: row.ar } });
  });
});
