import { TmIndex } from '../../src/match';
import { foldText, harmlessDifferences, tokenize } from '../../src/normalize';
import { traditionalToSimplified } from '../../src/normalize/chinese';
import { tokenizeCodesGeneral, TokenBuffer } from '../../src/normalize/tokenizer';
import type { Unit } from '../../src/types';

const TRADITIONAL = '雙方就加強務實合作達成廣泛共識。';
const SIMPLIFIED = '双方就加强务实合作达成广泛共识。';

const unit = (unitId: string, zh: string): Unit => ({
  unitId,
  tm: 't',
  documentId: '',
  position: 0,
  paragraph: 0,
  ar: 'x',
  en: '',
  zh,
});

describe('traditional Chinese', () => {
  it('tokenizes as its simplified twin, in the table loop and the general loop alike', () => {
    expect(tokenize(TRADITIONAL)).toEqual(tokenize(SIMPLIFIED));
    expect(tokenizeCodesGeneral(TRADITIONAL, new TokenBuffer()).strings()).toEqual(tokenize(SIMPLIFIED));
    expect(tokenize('什麼 發展 頭髮')).toEqual(tokenize('什么 发展 头发'));
  });

  it('leaves simplified text and characters that are simplified forms themselves as they are', () => {
    expect(foldText(SIMPLIFIED)).toBe(SIMPLIFIED);
    expect(tokenize('什么')).toEqual(['什', '么']);
  });

  it('maps each character to one character, and the map is a fixed point (folding twice changes nothing)', () => {
    const map = traditionalToSimplified();
    expect(map.size).toBeGreaterThan(2000);
    for (const [from, to] of map) {
      expect([...from]).toHaveLength(1);
      expect([...to]).toHaveLength(1);
      expect(map.has(to)).toBe(false);
    }
  });

  it('is named as the harmless difference `script`', () => {
    expect(harmlessDifferences(TRADITIONAL, SIMPLIFIED)).toEqual(['script']);
    expect(harmlessDifferences(SIMPLIFIED, SIMPLIFIED)).toEqual([]);
  });

  it('scores 99 against its simplified twin with the penalty `script`, either way round', () => {
    const index = new TmIndex();
    index.load([unit('s', SIMPLIFIED), unit('t', '雙方同意加強交流。')]);
    const [hit] = index.search(TRADITIONAL, 'zh', { min: 50, limit: 1 });
    expect(hit).toMatchObject({ unitId: 's', score: 99, penalties: [{ name: 'script', points: 1 }] });
    const [back] = index.search('双方同意加强交流。', 'zh', { min: 50, limit: 1 });
    expect(back).toMatchObject({ unitId: 't', score: 99, penalties: [{ name: 'script', points: 1 }] });
  });

  it('explains a traditional query against its simplified twin as all equal', () => {
    const index = new TmIndex();
    index.load([unit('s', SIMPLIFIED)]);
    const diff = index.explain(index.query(TRADITIONAL, 'zh'), SIMPLIFIED);
    expect(diff.every((d) => d.op === 'equal')).toBe(true);
  });
});
