/**
 * Translation-guided splitting (src/align/split.ts) and the flags of rows whose sentence counts disagree
 * (src/align/rows.ts), on sentences written for these tests.
 */
import { alignTexts, mergeRows } from '../../src/align';
import { splitByGuides } from '../../src/align/split';
import { wordGuide } from '../../src/align/split-words';

const EN = [
  'The minister arrived in Cairo on Monday for talks on trade.',
  'He met the prime minister and discussed 12 new projects.',
];
const ZH = ['部长周一抵达开罗，就贸易问题举行会谈。', '他会见了总理，讨论了12个新项目。'];
const guides = [
  { lang: 'en' as const, sentences: EN },
  { lang: 'zh' as const, sentences: ZH },
];

describe('translation-guided splitting', () => {
  it('cuts an Arabic sentence at «،» where both translations put a full stop, and names the mark', () => {
    const ar = 'وصل الوزير إلى القاهرة يوم الاثنين لمحادثات تجارية، والتقى رئيس الوزراء وناقش 12 مشروعا جديدا.';
    expect(splitByGuides([ar], 'ar', guides)).toEqual({
      pieces: ['وصل الوزير إلى القاهرة يوم الاثنين لمحادثات تجارية،', 'والتقى رئيس الوزراء وناقش 12 مشروعا جديدا.'],
      marks: ['،'],
      doubtful: false,
      weak: false,
    });
  });

  it('calls a cut at a bare «و» weak (its rows are flagged), and a cut at «،» that fits loosely only doubtful', () => {
    const bare = 'وصل الوزير إلى القاهرة يوم الاثنين لمحادثات تجارية والتقى رئيس الوزراء وناقش 12 مشروعا جديدا.';
    expect(splitByGuides([bare], 'ar', guides)).toMatchObject({ marks: ['و'], doubtful: true, weak: true });
    const loose =
      'وصل الوزير إلى القاهرة يوم الاثنين لمحادثات تجارية مهمة جدا، والتقى رئيس الوزراء وناقش 12 مشروعا جديدا.';
    expect(splitByGuides([loose], 'ar', guides)).toMatchObject({ marks: ['،'], doubtful: true, weak: false });
  });

  it('cuts Arabic with no mark at all before a word that opens sentences (لقد, بعد ذلك), naming the word', () => {
    const museum = [
      {
        lang: 'en' as const,
        sentences: [
          'We visited the old museum on Saturday with the children.',
          'It was far too crowded to see anything.',
        ],
      },
      { lang: 'zh' as const, sentences: ['我们周六带孩子们参观了那座老博物馆。', '人太多了，什么都看不到。'] },
    ];
    const ar = 'زرنا المتحف القديم يوم السبت مع الأطفال لقد كان مزدحما جدا فلم نر شيئا.';
    expect(splitByGuides([ar], 'ar', museum)).toEqual({
      pieces: ['زرنا المتحف القديم يوم السبت مع الأطفال', 'لقد كان مزدحما جدا فلم نر شيئا.'],
      marks: ['لقد'],
      doubtful: false,
      weak: false,
    });
    const trip = [
      {
        lang: 'en' as const,
        sentences: [
          'Easter weekend: the book fair in Telford.',
          'After that, two site visits with a client in Swansea.',
        ],
      },
      { lang: 'zh' as const, sentences: ['复活节周末：特尔福德书展。', '之后要和一位客户去斯旺西实地考察两次。'] },
    ];
    const post = 'عطلة عيد الفصح: معرض الكتاب في تيلفورد بعد ذلك زيارتان ميدانيتان مع عميل في سوانسي.';
    expect(splitByGuides([post], 'ar', trip)).toMatchObject({ marks: ['بعد ذلك'], doubtful: false });
    // The same text without the opening word: no boundary fits, the row stays whole.
    expect(splitByGuides([ar.replace('لقد ', '')], 'ar', museum)).toBeNull();
  });

  it('does not cut before a sentence-opening word far from where the translations cut', () => {
    const ar = 'قالت إنها زارت المتحف القديم يوم السبت مع الأطفال وكان مزدحما جدا فلم تر شيئا على الإطلاق.';
    const split = splitByGuides([ar], 'ar', [
      {
        lang: 'en',
        sentences: ['She said she visited the old museum on Saturday with the children.', 'It was crowded.'],
      },
      { lang: 'zh', sentences: ['她说她周六带孩子们参观了那座老博物馆。', '人很多。'] },
    ]);
    expect(split?.marks ?? []).not.toContain('إنها');
  });

  it('keeps the sentence whole when no boundary fits where the translations cut', () => {
    const ar =
      'وصل الوزير إلى القاهرة يوم الاثنين لإجراء محادثات حول التجارة والتقى رئيس الوزراء وناقش المشاريع الجديدة.';
    const noMark = ar.replace(/ و/g, ' ');
    expect(splitByGuides([noMark], 'ar', guides)).toBeNull();
  });

  it('refuses a cut that would put a number on the wrong side', () => {
    const ar =
      'وصل الوزير و12 مرافقا، إلى القاهرة يوم الاثنين لإجراء محادثات حول التجارة والتقى رئيس الوزراء وناقش مشاريع.';
    expect(splitByGuides([ar], 'ar', guides)).toBeNull();
  });

  it('cuts an English sentence joined with ";" where the Arabic and the Chinese cut', () => {
    const en = `${EN[0]!.replace(/\.$/, ';')} ${EN[1]}`;
    const split = splitByGuides([en], 'en', [
      {
        lang: 'ar',
        sentences: [
          'وصل الوزير إلى القاهرة يوم الاثنين لإجراء محادثات حول التجارة.',
          'والتقى رئيس الوزراء وناقش 12 مشروعا جديدا.',
        ],
      },
      { lang: 'zh', sentences: ZH },
    ]);
    expect(split?.pieces).toEqual([EN[0]!.replace(/\.$/, ';'), EN[1]]);
    expect(split?.marks).toEqual([';']);
  });

  it('cuts a Chinese sentence at a closing quote with no 。 after it where the Arabic and the English cut', () => {
    const split = splitByGuides(['外交部发言人表示“会谈取得了积极进展”双方将于下月在北京举行新一轮磋商。'], 'zh', [
      {
        lang: 'ar',
        sentences: ['وقال المتحدث إن "المحادثات أحرزت تقدما إيجابيا".', 'وسيعقد الجانبان جولة جديدة في بكين.'],
      },
      {
        lang: 'en',
        sentences: ['The spokesman said "the talks made progress."', 'A new round will be held in Beijing.'],
      },
    ]);
    expect(split?.pieces).toEqual(['外交部发言人表示“会谈取得了积极进展”', '双方将于下月在北京举行新一轮磋商。']);
    expect(split?.marks).toEqual(['”']);
  });
});

describe('rows whose counts disagree', () => {
  it('splits the Arabic of a document where both translations have two sentences, one row each, unflagged', () => {
    const rows = alignTexts({
      ar: 'وصل الوزير إلى القاهرة يوم الاثنين لمحادثات تجارية، والتقى رئيس الوزراء وناقش 12 مشروعا جديدا.',
      en: EN.join(' '),
      zh: ZH.join(''),
    });
    expect(rows.map((r) => [r.shape.ar, r.shape.en, r.shape.zh, r.review, r.split?.marks])).toEqual([
      [1, 1, 1, false, ['،']],
      [1, 1, 1, false, ['،']],
    ]);
  });

  it('flags a cut row whose languages disagree on numbers (split-numbers), not the one that agrees', () => {
    const rows = alignTexts({
      ar: 'وصل الوزير إلى القاهرة يوم الاثنين لمحادثات تجارية، والتقى رئيس الوزراء وناقش مشاريع جديدة.',
      en: EN.join(' '),
      zh: ZH.join(''),
    });
    expect(rows.map((r) => [r.split?.marks, r.reasons ?? []])).toEqual([
      [['،'], []],
      [['،'], ['split-numbers']],
    ]);
  });

  it('flags a row whose Arabic holds more sentences than two translations of two that agree', () => {
    const ar = [{ sentences: ['الجملة الأولى هنا.', 'الجملة الثانية هنا.', 'الجملة الثالثة هنا.'] }];
    const bead = { a0: 0, a1: 3, t0: 0, t1: 2, confidence: 0.99 };
    const rows = mergeRows(ar, {
      en: { sentences: ['The first and second sentences.', 'The third one.'], beads: [bead] },
      zh: { sentences: ['第一句和第二句。', '第三句。'], beads: [bead] },
    });
    expect(rows.map((r) => [r.shape.ar, r.shape.en, r.shape.zh, r.reasons])).toEqual([[3, 2, 2, ['counts']]]);
  });

  it('leaves a sure row of two Arabic sentences against one in each translation unflagged, not an unsure one', () => {
    const ar = [{ sentences: ['الجملة الأولى هنا.', 'الجملة الثانية هنا.'] }];
    const merge = (confidence: number) => {
      const bead = { a0: 0, a1: 2, t0: 0, t1: 1, confidence };
      return mergeRows(ar, {
        en: { sentences: ['The first and second sentences.'], beads: [bead] },
        zh: { sentences: ['第一句和第二句。'], beads: [bead] },
      });
    };
    expect(merge(0.99).map((r) => [r.shape.ar, r.shape.en, r.shape.zh, r.review])).toEqual([[2, 1, 1, false]]);
    expect(merge(0.7).map((r) => r.reasons)).toEqual([['counts']]);
  });

  it('flags a sure row whose Chinese has fewer sentences than the Arabic and English and no mark to cut at', () => {
    const ar = [{ sentences: ['وصل الوزير إلى القاهرة مساء أمس.', 'وعقد محادثات مع رئيس الوزراء.'] }];
    const bead = (t1: number) => ({ a0: 0, a1: 2, t0: 0, t1, confidence: 0.99 });
    const rows = mergeRows(ar, {
      en: {
        sentences: ['The minister arrived in Cairo last night.', 'He held talks with the prime minister.'],
        beads: [bead(2)],
      },
      zh: { sentences: ['部长昨晚抵达开罗与总理举行会谈。'], beads: [bead(1)] },
    });
    expect(rows.map((r) => [r.shape.ar, r.shape.en, r.shape.zh, r.reasons])).toEqual([[2, 2, 1, ['counts']]]);
  });

  it('leaves unflagged a sure row where only the Chinese splits the sentence', () => {
    const ar = [{ sentences: ['وصل الوزير إلى القاهرة لإجراء محادثات.'] }];
    const rows = mergeRows(ar, {
      en: {
        sentences: ['The minister arrived in Cairo for talks.'],
        beads: [{ a0: 0, a1: 1, t0: 0, t1: 1, confidence: 0.99 }],
      },
      zh: { sentences: ['部长抵达开罗；', '举行会谈。'], beads: [{ a0: 0, a1: 1, t0: 0, t1: 2, confidence: 0.99 }] },
    });
    expect(rows.map((r) => [r.shape.ar, r.shape.en, r.shape.zh, r.review])).toEqual([[1, 1, 2, false]]);
  });

  it('keeps a target sentence the alignment left without Arabic inside a row in that row', () => {
    const ar = [{ sentences: ['أولا.', 'ثانيا.'] }];
    const one = (a0: number, a1: number, t0: number, t1: number) => ({ a0, a1, t0, t1, confidence: 1 });
    const rows = mergeRows(ar, {
      en: { sentences: ['First.', 'Extra.', 'Second.'], beads: [one(0, 1, 0, 1), one(1, 1, 1, 2), one(1, 2, 2, 3)] },
      zh: { sentences: ['第一。第二。'], beads: [one(0, 2, 0, 1)] },
    });
    expect(rows.map((r) => r.en)).toEqual(['First. Extra. Second.']);
  });
});

describe('a cut placed by the translated words (split-words.ts)', () => {
  // A free translation: the translations split half and half, the Arabic a fifth in (no boundary where they cut).
  const free = [
    {
      lang: 'en' as const,
      sentences: ['The minister reached Cairo after a long journey.', 'He discussed the new projects with officials.'],
    },
    { lang: 'zh' as const, sentences: ['部长经过长途旅行抵达开罗。', '他与官员讨论了新项目。'] },
  ];
  // Word list fixture: Arabic words and the ids of their English glosses; each English sentence's ids.
  const lexicon: Record<string, number[]> = { الوزير: [1], القاهرة: [2], المشاريع: [3], ناقش: [4], الصحراء: [5] };
  const guide = (first: number[]) => ({
    glosses: (text: string) => text.split(/[\s،.]+/u).flatMap((w) => (lexicon[w] ? [lexicon[w]] : [])),
    sentences: [new Set(first), new Set([3, 4])],
  });
  const words = guide([1, 2]);
  const limits = [false] as const;
  const ar = 'وصل الوزير إلى القاهرة، ناقش المشاريع الجديدة مع المسؤولين في الحكومة بعد أسابيع طويلة من الانتظار.';

  it('cuts at the «،» whose words before gloss into the first sentence and after into the second, doubtful', () => {
    expect(splitByGuides([ar], 'ar', free)).toBeNull();
    expect(splitByGuides([ar], 'ar', free, ...limits, words)).toEqual({
      pieces: [
        'وصل الوزير إلى القاهرة،',
        'ناقش المشاريع الجديدة مع المسؤولين في الحكومة بعد أسابيع طويلة من الانتظار.',
      ],
      marks: ['،'],
      doubtful: true,
      weak: false,
    });
  });

  it('keeps the segment whole when a word sits on the wrong side of the cut, or the words are too few', () => {
    expect(splitByGuides([ar.replace('إلى', 'المشاريع')], 'ar', free, ...limits, words)).toBeNull();
    expect(splitByGuides([ar.replace('القاهرة', 'المدينة')], 'ar', free, ...limits, words)).toBeNull();
  });

  it('keeps the segment whole when another strong boundary far from the cut has nearly as many words', () => {
    const twice = 'وصل الوزير إلى القاهرة، في يوم طويل جدا بعد رحلة متعبة عبر الصحراء كلها، ناقش المشاريع الجديدة.';
    expect(splitByGuides([twice], 'ar', free, ...limits, words)).toBeNull();
    // A word of the first sentence between the two marks settles it for the second.
    expect(splitByGuides([twice], 'ar', free, ...limits, guide([1, 2, 5]))?.pieces).toEqual([
      'وصل الوزير إلى القاهرة، في يوم طويل جدا بعد رحلة متعبة عبر الصحراء كلها،',
      'ناقش المشاريع الجديدة.',
    ]);
  });

  it('guides only an Arabic short side', () => {
    expect(wordGuide('en', { ar: ['ا'], en: ['a', 'b'], zh: ['甲', '乙'] })).toBeUndefined();
  });
});
