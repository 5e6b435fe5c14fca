import { alignTexts, anchorCost, anchorsOf } from '../../src/align';
import { englishSkeleton, MIN_SKELETON, nameKeys } from '../../src/align/names';

describe('names written in two scripts', () => {
  it.each([
    ['Rossby', 'روسبي'],
    ['Kazakhstan', 'كازاخستان'],
    ['Kyrgyzstan', 'قيرغيزستان'],
    ['Turkmenistan', 'تركمانستان'],
    ['Vicente', 'فيسنتي'],
    ['Chelsea', 'تشيلسي'],
  ])('give "%s" and «%s» the same consonant skeleton', (en, ar) => {
    expect(nameKeys(ar, 'ar')).toContain(englishSkeleton(en));
    expect(nameKeys(en, 'en')).toEqual([englishSkeleton(en)]);
  });

  it('find a name behind a clitic or the article («وكازاخستان», «لروسبي», «بالكازاخستانيين» not)', () => {
    expect(nameKeys('وكازاخستان', 'ar')).toContain(englishSkeleton('Kazakhstan'));
    expect(nameKeys('لروسبي', 'ar')).toContain(englishSkeleton('Rossby'));
  });

  it('count only capitalised English words, and nothing in Chinese', () => {
    expect(nameKeys('the rossby number of a star', 'en')).toEqual([]);
    expect(nameKeys('罗斯贝数越小，恒星越不活跃。', 'zh')).toEqual([]);
  });

  it(`ignore skeletons of fewer than ${MIN_SKELETON} consonants (too many Arabic words share them)`, () => {
    expect(englishSkeleton('Bush')).toHaveLength(2);
    expect(nameKeys('Bush and Qin met.', 'en')).toEqual([]);
  });

  it('lower the anchor cost of two sentences that name the same place, and leave two that do not alone', () => {
    const ar = anchorsOf('وراقبت تركمانستان المحادثات عن كثب.', 'ar');
    const same = anchorCost(ar, anchorsOf('Turkmenistan watched the talks closely.', 'en'));
    const other = anchorCost(ar, anchorsOf('Observers watched the talks closely.', 'en'));
    expect(same).toBeLessThan(0);
    expect(other).toBe(0);
  });
});

describe('an omission among sentences that name places', () => {
  // Two short sentences of about the same length: lengths alone cannot tell which one the Arabic lacks.
  const AR = [
    'وقعت كازاخستان وقيرغيزستان اتفاقية جديدة للتعاون في مجال المياه يوم الاثنين في العاصمة.',
    'وستنضم طاجيكستان لاحقا.',
    'وراقبت تركمانستان المحادثات.',
    'وقال المسؤولون إن الاجتماع المقبل سيعقد في طشقند في الخريف المقبل.',
  ];
  const EN = [
    'Kazakhstan and Kyrgyzstan signed a new water cooperation agreement in the capital on Monday.',
    'Tajikistan will join later.',
    'Turkmenistan watched the talks.',
    'Officials said the next meeting would be held in Tashkent next autumn.',
  ];

  it.each([1, 2])(
    'keeps every other Arabic sentence with the English naming its place when the Arabic lacks sentence %i, and flags the row holding it',
    (k) => {
      const ar = AR.filter((_, i) => i !== k);
      const rows = alignTexts({ ar: ar.join(' '), en: EN.join(' ') });
      const holding = rows.find((r) => r.en.includes(EN[k]!))!;
      expect(holding.review).toBe(true);
      for (const r of rows.filter((x) => x !== holding)) expect(EN.indexOf(r.en)).toBe(AR.indexOf(r.ar));
      expect(rows.map((r) => r.en).join(' ')).toBe(EN.join(' '));
    },
  );
});
