import { TmIndex } from '../../src/match';
import { englishStem } from '../../src/normalize';
import type { Unit } from '../../src/types';

const unit = (unitId: string, en: string): Unit => ({
  unitId,
  tm: 't',
  documentId: '',
  position: 0,
  paragraph: 0,
  ar: 'x',
  en,
  zh: '',
});

describe('the English stem', () => {
  it('drops plural endings: -s, -es after a sibilant, -ies as -y', () => {
    expect(englishStem('consulates')).toBe('consulate');
    expect(englishStem('taxes')).toBe('tax');
    expect(englishStem('matches')).toBe('match');
    expect(englishStem('processes')).toBe('process');
    expect(englishStem('policies')).toBe('policy');
  });

  it('keeps words whose final s is not a plural, short words, and -ed / -ing forms', () => {
    for (const word of ['glass', 'status', 'analysis', 'news', 'means', 'series', 'was', 'its', 'signed', 'meeting'])
      expect(englishStem(word)).toBe(word);
  });

  it('is its own stem (stemming a stem changes nothing)', () => {
    for (const word of ['consulates', 'policies', 'taxes', 'crises', 'glasses', 'days', 'buses'])
      expect(englishStem(englishStem(word))).toBe(englishStem(word));
  });
});

describe('English inflections in matching and concordance', () => {
  const index = new TmIndex();
  index.load([
    unit('one', 'The consulate will open on Monday.'),
    unit('many', 'The consulates of both countries will cooperate.'),
  ]);

  it('scores a plural against its singular like an Arabic clitic difference: a quarter of a word', () => {
    const [hit] = index.search('The consulates will open on Monday.', 'en', { min: 50, limit: 1 });
    expect(hit).toMatchObject({ unitId: 'one', score: 96, editDistance: 0.25 }); // 1 − 0.25/6
  });

  it('explains the inflected word as a clitic-weight difference, not a replacement', () => {
    const source = index.get('one')!.en;
    const diff = index.explain(index.query('The consulates will open on Monday.', 'en'), source);
    expect(diff.find((d) => d.op !== 'equal')).toMatchObject({ op: 'clitic', queryText: ' consulates' });
  });

  it('finds singular and plural in concordance, from either form', () => {
    for (const q of ['consulate', 'consulates']) {
      const found = index.concordance(q, 'en', 0, 10);
      expect([...found.unitIds].sort()).toEqual(['many', 'one']);
    }
  });
});
