import { bareUnit } from '../../bench/generate';
import fc from 'fast-check';
import { fuzzyScore, TmIndex } from '../../src/match';

const unit = bareUnit;

/** The score of `query` against a TM holding only `source` (through the real index). */
function score(query: string, source: string, lang: 'ar' | 'zh' = 'ar'): number {
  const index = new TmIndex();
  index.upsert(lang === 'ar' ? unit('u', source) : unit('u', 'x', { zh: source }));
  return index.search(query, lang, { min: 0, limit: 1 })[0]?.score ?? 0;
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
    expect(score('كتاب', 'كِتَاب')).toBeGreaterThanOrEqual(95);
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
    expect(score(SENTENCE.replace('الجانبان', 'والجانبان'), SENTENCE)).toBe(98); // 1 − 0.25/10 = 97.5
    expect(score('والصين', 'الصين')).toBe(75);
    expect(score('والصين', 'الهند')).toBe(0);
  });

  it('gives about 85 to a 13-character Chinese sentence with 2 characters changed', () => {
    const tm = '双方就加强务实合作达成共识';
    expect([...tm]).toHaveLength(13);
    expect(score('双方就加强经贸合作达成共识', tm, 'zh')).toBe(85); // 1 − 2/13 = 84.6 %
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

  it('scores a difference only in numbers 100 − 2 per number, in any digit system, naming the penalty', () => {
    const index = new TmIndex();
    index.upsert(unit('u', 'شيآن 26 أبريل 2023 (شينخوا) أجرى وزير الخارجية محادثات'));
    const [hit] = index.search('شيآن ٢٧ أبريل 2024 (شينخوا) أجرى وزير الخارجية محادثات', 'ar', { min: 0, limit: 1 });
    expect(hit).toMatchObject({ score: 96, adapted: true, penalties: [{ name: 'numbers', points: 4 }] });
  });
});

describe('the ranking', () => {
  // An insertion after a deletion can fill the hole (two edits become one replacement), so each chain either grows
  // (replace/insert) or shrinks (replace/delete) the sentence: then every added edit is a real one.
  it('never raises the score as edits are added (property: chains of replacements with inserts or deletes)', () => {
    const words = SENTENCE.split(' ');
    // One-token words never in the sentence, so an edit cannot undo another.
    const fresh = (k: number) => ['زخرف', 'طحلب', 'قنفذ', 'سلحف', 'ضفدع', 'غضنفر'][k]!;
    const step = fc.record({ replace: fc.boolean(), at: fc.nat(), to: fc.nat() });
    const index = new TmIndex();
    index.upsert(unit('u', SENTENCE));
    const scoreOf = (query: string) => index.search(query, 'ar', { min: 0, limit: 1 })[0]?.score ?? 0;
    fc.assert(
      fc.property(fc.boolean(), fc.array(step, { minLength: 1, maxLength: 5 }), (grow, steps) => {
        // Each entry: a word of the query and whether it is still the sentence's original word.
        const query = words.map((w) => ({ w, original: true }));
        let last = scoreOf(SENTENCE);
        steps.forEach(({ replace, at, to }, k) => {
          const originals = query.map((q, i) => (q.original ? i : -1)).filter((i) => i >= 0);
          const pick = originals[at % Math.max(1, originals.length)]!;
          if (replace && originals.length > 0) query[pick] = { w: fresh(k + 1), original: false };
          else if (grow || originals.length <= 1)
            query.splice(to % (query.length + 1), 0, { w: fresh(k + 1), original: false });
          else query.splice(pick, 1);
          const s = scoreOf(query.map((q) => q.w).join(' '));
          expect(s).toBeLessThanOrEqual(last);
          last = s;
        });
      }),
      { numRuns: 200 },
    );
  });
});
