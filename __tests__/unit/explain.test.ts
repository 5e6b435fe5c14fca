import { bareUnit, generate } from '../../bench/generate';
import { TmIndex } from '../../src/match';
import type { Unit } from '../../src/types';

const unit = bareUnit;

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
      queryText: '',
      sourceText: '.',
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

describe('diff spans', () => {
  const zhUnit = (unitId: string, zh: string): Unit => ({ ...unit(unitId, 'x'), zh });
  const explainZh = (query: string, source: string) => {
    const index = new TmIndex();
    index.load([zhUnit('z', source)]);
    return index.explain(index.query(query, 'zh'), source);
  };

  it('carry their text on both sides, equal to the slices their offsets give', () => {
    const query = 'تعزيز التعاون الاقتصادي';
    const source = 'تعزيز التعاون العملي.';
    const index = new TmIndex();
    index.load([unit('a', source)]);
    const diff = index.explain(index.query(query, 'ar'), source);
    for (const d of diff) {
      expect(d.queryText).toBe(query.slice(...d.query));
      expect(d.sourceText).toBe(source.slice(...d.source));
    }
    expect(diff.find((d) => d.op === 'replace')).toMatchObject({ queryText: ' الاقتصادي', sourceText: ' العملي' });
  });

  it('group a Chinese change into one run, across a character the two phrases happen to share', () => {
    const diff = explainZh('中方愿同美方加强经贸合作。', '中方愿同俄方深化经贸合作。');
    expect(diff.map((d) => [d.op, d.queryText, d.sourceText])).toEqual([
      ['equal', '中方愿同', '中方愿同'],
      ['replace', '美方加强', '俄方深化'],
      ['equal', '经贸合作', '经贸合作'],
      ['equal', '。', '。'],
    ]);
  });

  it('make adjacent Chinese replacements and deletions one replacement', () => {
    const diff = explainZh('双方就加强务实合作达成广泛共识。', '双方就加强务实合作达成了共识。');
    expect(diff.filter((d) => d.op !== 'equal').map((d) => [d.op, d.queryText, d.sourceText])).toEqual([
      ['replace', '广泛', '了'],
    ]);
  });

  it('keep two equal characters between Chinese changes as an equal span', () => {
    const diff = explainZh('美国和中国加强合作', '日本和中国深化合作');
    expect(diff.map((d) => d.op)).toEqual(['replace', 'equal', 'replace', 'equal']);
    expect(diff[1]!.queryText).toBe('和中国');
  });
});
