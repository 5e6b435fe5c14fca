import { analyzeForIndex, analyzeQuery, exhaustiveSearch, fuzzyScore, scoreDetail, TokenDistance, Vocabulary } from '../../src/match';

function score(a: string, b: string): number {
  const vocabulary = new Vocabulary();
  const candidate = analyzeForIndex(vocabulary, b);
  const query = analyzeQuery(vocabulary, a);
  return scoreDetail(query, candidate, new TokenDistance().compute(query.tokens, candidate.tokens)).score;
}

const SENTENCE = 'وقد توصل الجانبان إلى توافق واسع حول تعزيز التعاون العملي';

describe('the score', () => {
  it('is 100 for identical text and only for identical text', () => {
    expect(score(SENTENCE, SENTENCE)).toBe(100);
    expect(score(SENTENCE + '.', SENTENCE)).toBe(99);
    expect(score(SENTENCE, ' ' + SENTENCE + ' ')).toBe(100);
  });

  it('costs tashkeel, alef shape and digit shape a point each, staying at or above 95', () => {
    expect(score('كتاب', 'كِتَاب')).toBe(99);
    expect(score('أحمد ٢٠٢٣', 'احمد 2023')).toBe(98);
    expect(score('Ａ，Ｂ  Ｃ', 'A, b c')).toBeGreaterThanOrEqual(95);
  });

  it('ranks a one-word change above a three-word change', () => {
    const one = SENTENCE.replace('واسع', 'كبير');
    const three = one.replace('حول', 'بشأن').replace('العملي', 'الاقتصادي');
    expect(score(one, SENTENCE)).toBe(90);
    expect(score(three, SENTENCE)).toBe(70);
  });

  it('charges a clitic-only difference a quarter of a word', () => {
    const withClitic = SENTENCE.replace('الجانبان', 'والجانبان');
    expect(score(withClitic, SENTENCE)).toBe(98); // 1 − 0.25/10 = 97.5 → 98
    expect(score('والصين', 'الصين')).toBe(75);
    expect(score('والصين', 'الهند')).toBe(0);
  });

  it('gives about 85 to a 13-character Chinese sentence with 2 characters changed', () => {
    const tm = '双方就加强务实合作达成共识';
    const query = '双方就加强经贸合作达成共识';
    expect([...tm]).toHaveLength(13);
    expect(score(query, tm)).toBe(85); // 1 − 2/13 = 84.6 %
  });

  it('is symmetric, and a long unit that contains the query is not a 100', () => {
    const short = 'التعاون العملي';
    expect(score(short, SENTENCE)).toBe(score(SENTENCE, short));
    expect(score(short, SENTENCE)).toBe(20);
  });

  it('maps distance to a percentage of the longer side, capped at 99 for any real difference', () => {
    expect(fuzzyScore(1, 100, 100)).toBe(99); // a quarter word in 100 words rounds to 100 but is not identical
    expect(fuzzyScore(4 * 5, 10, 8)).toBe(50);
  });
});

describe('exhaustiveSearch', () => {
  it('returns the best units first, no more than the limit, none under the minimum', () => {
    const vocabulary = new Vocabulary();
    const units = [
      ['a', SENTENCE],
      ['b', SENTENCE.replace('واسع', 'كبير')],
      ['c', SENTENCE.replace('واسع', 'كبير').replace('حول', 'بشأن')],
      ['d', 'جملة مختلفة تماما'],
    ].map(([id, text]) => [id!, analyzeForIndex(vocabulary, text!)] as const);
    const query = analyzeQuery(vocabulary, SENTENCE);
    const hits = exhaustiveSearch(query, units, { min: 50, limit: 2 });
    expect(hits.map((h) => [h.unitId, h.score])).toEqual([['a', 100], ['b', 90]]);
    expect(exhaustiveSearch(query, units, { min: 50, limit: 10 }).map((h) => h.unitId)).toEqual(['a', 'b', 'c']);
  });

  it('breaks equal scores by edit distance, then unit id, so results are deterministic', () => {
    const vocabulary = new Vocabulary();
    const units = [['z', 'كتاب جديد'], ['m', 'كتاب جديد']].map(([id, text]) => [id!, analyzeForIndex(vocabulary, text!)] as const);
    const hits = exhaustiveSearch(analyzeQuery(vocabulary, 'كتاب جديد'), units, { min: 0, limit: 5 });
    expect(hits.map((h) => h.unitId)).toEqual(['m', 'z']);
  });
});
