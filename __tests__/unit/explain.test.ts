import { generate } from '../../bench/generate';
import { TmIndex } from '../../src/match';
import type { Unit } from '../../src/types';

const unit = (unitId: string, ar: string): Unit => ({
  unitId,
  tm: 't',
  documentId: '',
  position: 0,
  paragraph: 0,
  ar,
  en: '',
  zh: '',
});

describe('scores and explanations over generated sentences (properties)', () => {
  const data = generate(400, 120, 23);
  const index = new TmIndex();
  index.load(data.tm.map((ar, i) => unit(`u${i}`, ar)));

  it('scores every unit 100 against itself', () => {
    for (const [i, text] of data.tm.slice(0, 200).entries()) {
      const [hit] = index.search(text, 'ar', { min: 100, limit: 1, exhaustive: true });
      expect(hit?.score).toBe(100);
      // another unit with the same text can tie; the text must be identical
      expect(index.get(hit!.unitId)!.ar).toBe(data.tm[i]);
    }
  });

  it('explains every match with spans that reassemble the query and the source exactly', () => {
    for (const q of data.queries) {
      for (const hit of index.search(q.text, 'ar', { min: 30, limit: 3 })) {
        const source = index.get(hit.unitId)!.ar;
        const diff = index.explain(q.text, 'ar', source)!;
        expect(diff.map((d) => q.text.slice(...d.query)).join('')).toBe(q.text);
        expect(diff.map((d) => source.slice(...d.source)).join('')).toBe(source);
        const edits = diff.filter((d) => d.op !== 'equal').length;
        if (hit.score === 100) expect(edits).toBe(0);
      }
    }
  });
});

describe('spans on vocalized Arabic', () => {
  const vocalized = 'تعزيز التَّعَاوُنِ العَمَلِيِّ.';
  const index = new TmIndex();
  index.load([unit('v', vocalized)]);

  it('highlights whole words, their final tashkeel included', () => {
    const [span] = index.highlight('التعاون العملي', 'ar', vocalized)!;
    expect(vocalized.slice(...span!)).toBe('التَّعَاوُنِ العَمَلِيِّ');
  });

  it('names text after the last word on one side only as a deletion or an insertion', () => {
    const withoutStop = index.explain('تعزيز التعاون العملي', 'ar', vocalized)!;
    expect(withoutStop[withoutStop.length - 1]).toEqual({
      op: 'delete',
      query: [20, 20],
      source: [vocalized.length - 1, vocalized.length],
    });
    const extraStop = index.explain('تعزيز التعاون العملي!', 'ar', 'تعزيز التعاون العملي')!;
    expect(extraStop[extraStop.length - 1]!.op).toBe('insert');
  });

  it('explains a query differing only in tashkeel with equal spans, no replacement', () => {
    const diff = index.explain('تعزيز التعاون العملي.', 'ar', vocalized)!;
    expect(diff.every((d) => d.op === 'equal')).toBe(true);
    expect(diff.map((d) => vocalized.slice(...d.source)).join('')).toBe(vocalized);
  });
});
