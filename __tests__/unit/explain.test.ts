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
        const diff = index.explain(index.query(q.text, 'ar'), source);
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
    const [span] = index.highlight(index.query('التعاون العملي', 'ar'), vocalized);
    expect(vocalized.slice(...span!)).toBe('التَّعَاوُنِ العَمَلِيِّ');
  });

  it('names text after the last word on one side only as a deletion or an insertion', () => {
    const withoutStop = index.explain(index.query('تعزيز التعاون العملي', 'ar'), vocalized);
    expect(withoutStop[withoutStop.length - 1]).toEqual({
      op: 'delete',
      query: [20, 20],
      source: [vocalized.length - 1, vocalized.length],
    });
    const extraStop = index.explain(index.query('تعزيز التعاون العملي!', 'ar'), 'تعزيز التعاون العملي');
    expect(extraStop[extraStop.length - 1]!.op).toBe('insert');
  });

  it('explains a query differing only in tashkeel with equal spans, no replacement', () => {
    const diff = index.explain(index.query('تعزيز التعاون العملي.', 'ar'), vocalized);
    expect(diff.every((d) => d.op === 'equal')).toBe(true);
    expect(diff.map((d) => vocalized.slice(...d.source)).join('')).toBe(vocalized);
  });
});

describe('spans on text the tables cannot fold alone', () => {
  // Hamza written as a combining mark (U+0654), an ellipsis that folds to three dots, an emoji (a surrogate pair).
  const source = 'وصل الرئيس إلى بكين\u2026 \u{1F600}';
  const query = 'وصل الرئيس الى بكين';
  const composed = 'سا\u0654ل المراسل';
  const index = new TmIndex();
  index.load([unit('s', source), unit('c', composed)]);

  it('explains a match whose source needs the general tokenizer, the spans reassembling both texts', () => {
    const diff = index.explain(index.query(query, 'ar'), source);
    expect(diff.map((d) => query.slice(...d.query)).join('')).toBe(query);
    expect(diff.map((d) => source.slice(...d.source)).join('')).toBe(source);
    expect(diff.filter((d) => d.op !== 'equal').map((d) => source.slice(...d.source))).toEqual(['\u2026 \u{1F600}']);
  });

  it('highlights a word whose hamza is a combining mark', () => {
    const [span] = index.highlight(index.query('سأل', 'ar'), composed);
    expect(composed.slice(...span!)).toBe('سا\u0654ل');
  });
});

describe('a prepared query', () => {
  it('serves only the index that prepared it', () => {
    const a = new TmIndex();
    const b = new TmIndex();
    a.upsert(unit('u', 'نص'));
    b.upsert(unit('u', 'نص'));
    const query = a.query('نص', 'ar');
    expect(a.search(query, 'ar', { min: 0, limit: 1 })).toHaveLength(1);
    expect(() => b.search(query, 'ar', { min: 0, limit: 1 })).toThrow(/another TM index/);
    expect(() => b.explain(query, 'نص')).toThrow(/another TM index/);
  });
});
