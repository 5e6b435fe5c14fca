import fc from 'fast-check';
import { COST_CLITIC, COST_EDIT, TokenDistance, TopK, Vocabulary } from '../../src/match';
import { Keys } from '../../src/store/keys';
import { unitIdFor } from '../../src/service/ids';

/** Plain dynamic-programming reference, no early exit, no buffer reuse. */
function reference(a: string[], b: string[], stem: (w: string) => string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0) * COST_EDIT),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const sub = a[i - 1] === b[j - 1] ? 0 : stem(a[i - 1]!) === stem(b[j - 1]!) ? COST_CLITIC : COST_EDIT;
      d[i]![j] = Math.min(d[i - 1]![j - 1]! + sub, d[i - 1]![j]! + COST_EDIT, d[i]![j - 1]! + COST_EDIT);
    }
  }
  return d[a.length]![b.length]!;
}

describe('TokenDistance', () => {
  const words = ['الصين', 'والصين', 'للصين', 'كتاب', 'جديد', 'التعاون', 'وزير', 'دول'];
  const stemOf = (w: string) => (w.endsWith('صين') ? 'صين' : w);

  it('equals the textbook dynamic program on random pairs, with or without a limit, reusing its buffers', () => {
    const distance = new TokenDistance();
    const vocabulary = new Vocabulary();
    vocabulary.intern(words);
    const sentence = (maxLength: number) => fc.array(fc.constantFrom(...words), { maxLength });
    fc.assert(
      fc.property(sentence(12), sentence(70), fc.nat(80), (a, b, limit) => {
        const q = vocabulary.lookup(a);
        const ids = Int32Array.from(vocabulary.intern(b));
        const exact = reference(a, b, stemOf);
        expect(distance.compute(q.ids, q.stems, ids, 0, ids.length, vocabulary.stems)).toBe(exact);
        // Within the limit, the distance; above it, any number above it (limit + 1 once it is certain early).
        const bounded = distance.compute(q.ids, q.stems, ids, 0, ids.length, vocabulary.stems, limit);
        expect(bounded <= limit ? bounded : 'above').toBe(exact <= limit ? exact : 'above');
      }),
      { numRuns: 300 },
    );
  });

  it('stops early with limit + 1 when the distance is certainly above the limit', () => {
    const vocabulary = new Vocabulary();
    const b = Int32Array.from(vocabulary.intern(['w', 'x', 'y', 'z']));
    const q = vocabulary.lookup(['a', 'b', 'c', 'd']);
    expect(new TokenDistance().compute(q.ids, q.stems, b, 0, 4, vocabulary.stems, 7)).toBe(8);
    expect(new TokenDistance().compute(q.ids, q.stems, b, 0, 4, vocabulary.stems)).toBe(16);
  });
});

describe('Vocabulary', () => {
  it('looks tokens up without growing, giving unknown tokens distinct negative ids', () => {
    const vocabulary = new Vocabulary();
    vocabulary.intern(['مدرسة']);
    const looked = vocabulary.lookup(['مدرسة', 'قلم', 'قلم', 'ورقة']);
    expect(vocabulary.size).toBe(1);
    expect([...looked.ids]).toEqual([0, -1, -1, -2]);
  });

  it('gives clitic variants one stem, also for an unknown variant of a known word', () => {
    const vocabulary = new Vocabulary();
    const [china, andChina] = vocabulary.intern(['الصين', 'والصين']);
    expect(vocabulary.stems[china!]).toBe(vocabulary.stems[andChina!]);
    const q = vocabulary.lookup(['وبالصين']);
    expect(q.ids[0]).toBeLessThan(0);
    expect(q.stems[0]).toBe(vocabulary.stems[china!]);
  });

  it('survives growth past its initial tables (thousands of tokens, ids stable)', () => {
    const vocabulary = new Vocabulary();
    const tokens = Array.from({ length: 20_000 }, (_, i) => `w${i}`);
    const ids = Array.from(vocabulary.intern(tokens));
    expect(ids).toEqual(tokens.map((_, i) => i));
    expect(vocabulary.find('w12345')).toBe(12345);
    expect(vocabulary.token(19_999)).toBe('w19999');
  });
});

describe('TopK', () => {
  it('keeps the k best and reports the worst kept', () => {
    const top = new TopK<number>(3, (a, b) => a > b);
    for (const n of [5, 1, 9, 3, 7, 2]) top.offer(n);
    expect(top.sorted()).toEqual([9, 7, 5]);
    expect(top.worst()).toBe(5);
  });
});

describe('Keys', () => {
  it('builds every key of a TM under one hash tag and the configured prefix', () => {
    const keys = new Keys('p:');
    const all = [
      keys.units('main'),
      keys.unit('main', 'u1'),
      keys.docs('main'),
      keys.doc('main', 'd'),
      keys.docRows('main', 'd'),
      keys.log('main'),
      keys.seq('main'),
    ];
    for (const key of all) expect(key).toMatch(/^p:\{tm:main\}:/);
    expect(new Set(all).size).toBe(all.length);
    expect(keys.tms()).toBe('p:tms');
    expect(() => new Keys('bad{')).toThrow(/hash tags/);
  });
});

describe('unitIdFor', () => {
  it('is stable and distinct per TM, document and position', () => {
    expect(unitIdFor('main', 'd', 0)).toBe(unitIdFor('main', 'd', 0));
    expect(
      new Set([
        unitIdFor('main', 'd', 0),
        unitIdFor('main', 'd', 1),
        unitIdFor('other', 'd', 0),
        unitIdFor('main', 'e', 0),
      ]).size,
    ).toBe(4);
    expect(unitIdFor('main', 'd', 0)).toMatch(/^u[0-9a-f]{20}$/);
  });
});
