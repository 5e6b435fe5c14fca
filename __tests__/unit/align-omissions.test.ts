import { alignTexts, SECOND_NEIGHBOUR_BELOW, type AlignedRow } from '../../src/align';

const shape = (rows: AlignedRow[]) => rows.map((r) => [r.shape.ar, r.shape.en, r.shape.zh]);
const without = (xs: readonly string[], k: number) => xs.filter((_, i) => i !== k);
/** The row holding Arabic sentence `ar`. */
const rowOf = (rows: AlignedRow[], ar: string) => rows.find((r) => r.ar.includes(ar))!;

// The reviewer's case: four sentences, number anchors in all but the one the English lacks.
const VISIT = {
  ar: [
    'وصل الوزير إلى بكين صباح الاثنين في زيارة تستغرق 15 يوما.',
    'وناقش الطرفان التعاون في مجال الطاقة.',
    'ووقع الجانبان 42 اتفاقية جديدة في مجالات مختلفة.',
    'ومن المقرر أن تنتهي الزيارة في عام 2025.',
  ],
  en: [
    'The minister arrived in Beijing on Monday morning for a 15-day visit.',
    'The two sides signed 42 new agreements in various fields.',
    'The visit is scheduled to end in 2025.',
  ],
  zh: [
    '部长周一上午抵达北京，进行为期15天的访问。',
    '双方讨论了能源领域的合作。',
    '双方在各个领域签署了42项新协议。',
    '访问定于2025年结束。',
  ],
};

// A news report with faithful English and Chinese, sentence for sentence.
const AR = [
  'أعلنت وزارة الصحة يوم الثلاثاء عن افتتاح 15 مستشفى جديدا في المحافظات الشمالية.',
  'وقال وزير الصحة إن المستشفيات الجديدة ستخدم أكثر من مليوني نسمة.',
  'وتضم المستشفيات 1200 سرير ومراكز حديثة لعلاج أمراض القلب والسرطان.',
  'وأشار الوزير إلى أن الحكومة تعتزم تدريب ألفي طبيب وممرض خلال العامين المقبلين.',
  'ومن المتوقع أن يبدأ تشغيل المستشفيات بالكامل في مارس 2026.',
];
const EN = [
  'The Ministry of Health announced on Tuesday the opening of 15 new hospitals in the northern provinces.',
  'The health minister said the new hospitals would serve more than two million people.',
  'The hospitals have 1,200 beds and modern centres for treating heart disease and cancer.',
  'The minister noted that the government intends to train two thousand doctors and nurses over the next two years.',
  'The hospitals are expected to be fully operational in March 2026.',
];
const ZH = [
  '卫生部周二宣布在北部各省新开设15家医院。',
  '卫生部长表示，新医院将为200多万人提供服务。',
  '这些医院共有1200张病床，并设有治疗心脏病和癌症的现代化中心。',
  '部长指出，政府计划在未来两年内培训两千名医生和护士。',
  '这些医院预计将于2026年3月全面投入运营。',
];
const EXTRA = 'Hospital construction in the region had been delayed for years.';
const align = (ar: readonly string[], en: readonly string[], zh?: readonly string[]) =>
  alignTexts({ ar: ar.join(' '), en: en.join(' '), ...(zh ? { zh: zh.join('') } : {}) });

describe('a sentence one translation lacks', () => {
  it('gets its own row without English, its Chinese attached and flagged, between one-to-one rows (four sentences, anchors elsewhere)', () => {
    const rows = align(VISIT.ar, VISIT.en, VISIT.zh);
    expect(shape(rows)).toEqual([
      [1, 1, 1],
      [1, 0, 1],
      [1, 1, 1],
      [1, 1, 1],
    ]);
    expect(rows.map((r) => [r.ar, r.en, r.zh])).toEqual([
      [VISIT.ar[0], VISIT.en[0], VISIT.zh[0]],
      [VISIT.ar[1], '', VISIT.zh[1]],
      [VISIT.ar[2], VISIT.en[1], VISIT.zh[2]],
      [VISIT.ar[3], VISIT.en[2], VISIT.zh[3]],
    ]);
    expect(rows[1]!.review).toBe(true);
    expect(rows[3]!.review).toBe(false);
  });

  it('gets its own row the same way among five Arabic and four English sentences', () => {
    const ar = [...VISIT.ar.slice(0, 3), 'وأكد الوزير أن العلاقات بين البلدين تشهد تطورا سريعا.', VISIT.ar[3]!];
    const en = [
      ...VISIT.en.slice(0, 2),
      'The minister stressed that relations between the two countries are developing rapidly.',
      VISIT.en[2]!,
    ];
    const zh = [...VISIT.zh.slice(0, 3), '部长强调，两国关系正在快速发展。', VISIT.zh[3]!];
    const rows = align(ar, en, zh);
    expect(shape(rows)).toEqual([
      [1, 1, 1],
      [1, 0, 1],
      [1, 1, 1],
      [1, 1, 1],
      [1, 1, 1],
    ]);
    expect(rows[1]).toMatchObject({ ar: ar[1], en: '', zh: zh[1], review: true });
    expect(rows.slice(3).every((r) => !r.review)).toBe(true);
  });

  it.each([0, 1, 2, 3, 4])(
    'gets its own row when the English omits sentence %i of a news report; rows over two rows away are not flagged',
    (k) => {
      const rows = align(AR, without(EN, k), ZH);
      expect(shape(rows)).toEqual(AR.map((_, i) => [1, i === k ? 0 : 1, 1]));
      expect(rows[k]).toMatchObject({ ar: AR[k], en: '', zh: ZH[k], review: true });
      expect(rows.map((r) => r.en).filter((en) => en)).toEqual(without(EN, k));
      expect(rows.filter((_, i) => Math.abs(i - k) > 2).every((r) => !r.review)).toBe(true);
      // Two rows from it, only a row the alignment was less than sure of (and whose words do not confirm it:
      // align-lexical.test.ts).
      const second = rows.filter((_, i) => Math.abs(i - k) === 2);
      expect(
        second.every((r) =>
          r.confidence < SECOND_NEIGHBOUR_BELOW ? !r.review || r.reasons?.join() === 'neighbour' : !r.review,
        ),
      ).toBe(true);
    },
  );

  it('gets its own row with its English when the Chinese omits it', () => {
    const rows = align(AR, EN, without(ZH, 2));
    expect(shape(rows)).toEqual([
      [1, 1, 1],
      [1, 1, 1],
      [1, 1, 0],
      [1, 1, 1],
      [1, 1, 1],
    ]);
    expect(rows[2]).toMatchObject({ ar: AR[2], en: EN[2], zh: '', review: true });
    // Its neighbours only for being next to it (flags.ts), the rest not at all.
    expect(rows.filter((_, i) => i !== 2).every((r) => !r.review || r.reasons?.join() === 'neighbour')).toBe(true);
    expect(rows.filter((_, i) => Math.abs(i - 2) > 1).every((r) => !r.review)).toBe(true);
  });

  it.each([0, 1, 2, 3, 4])(
    'is never left unflagged when the Chinese omits sentence %i (own row or glued to a neighbour)',
    (k) => {
      const rows = align(AR, EN, without(ZH, k));
      expect(rowOf(rows, AR[k]!).review).toBe(true);
      expect(rows.map((r) => r.zh).join('')).toBe(without(ZH, k).join(''));
    },
  );

  it.each([0, 1, 2, 3, 4])('is never left unflagged without a Chinese text either (English omits sentence %i)', (k) => {
    const rows = align(AR, without(EN, k));
    expect(rowOf(rows, AR[k]!).review).toBe(true);
    expect(rows.map((r) => r.ar).join(' ')).toBe(AR.join(' '));
  });
});

describe('a sentence the English adds', () => {
  it('stays in a row of its own, without Arabic, flagged, the rest one to one', () => {
    const rows = align(AR, [...EN.slice(0, 2), EXTRA, ...EN.slice(2)], ZH);
    expect(shape(rows)).toEqual([
      [1, 1, 1],
      [1, 1, 1],
      [0, 1, 0],
      [1, 1, 1],
      [1, 1, 1],
      [1, 1, 1],
    ]);
    expect(rows[2]).toMatchObject({ ar: '', en: EXTRA, zh: '', review: true });
    expect(rows.slice(4).every((r) => !r.review)).toBe(true);
  });

  it.each([0, 1, 3, 4])('is neither dropped nor merged into a row unflagged when it comes before sentence %i', (k) => {
    const rows = align(AR, [...EN.slice(0, k), EXTRA, ...EN.slice(k)], ZH);
    expect(rows.find((r) => r.en.includes(EXTRA))).toMatchObject({ review: true });
    expect(rows.filter((r) => r.ar).map((r) => r.ar)).toEqual(AR);
  });
});

describe('a translation that renders only part of a sentence', () => {
  // The English keeps the first half of the fourth sentence; the lengths no longer fit.
  const ar = [
    ...AR.slice(0, 3),
    'وأشار الوزير إلى أن الحكومة تعتزم تدريب ألفي طبيب وممرض خلال العامين المقبلين، وأنها ستخصص مبالغ كبيرة لتجهيز المختبرات وشراء سيارات الإسعاف للقرى النائية في الجنوب والشرق.',
    AR[4]!,
  ];
  const en = [...EN.slice(0, 3), 'The minister noted that the government intends to train doctors.', EN[4]!];
  const zh = [
    ...ZH.slice(0, 3),
    '部长指出，政府计划在未来两年内培训两千名医生和护士，并将拨出大笔资金为南部和东部偏远村庄装备实验室和购买救护车。',
    ZH[4]!,
  ];

  it.each([true, false])('is flagged although the link itself is clear (with Chinese: %s)', (withChinese) => {
    const rows = align(ar, en, withChinese ? zh : undefined);
    expect(rows.map((r) => r.en)).toEqual(en);
    expect(rows.map((r) => r.review)).toEqual([false, false, false, true, false]);
  });
});
