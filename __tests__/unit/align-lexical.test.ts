import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { flagDocument, flagRow, type AlignedRow } from '../../src/align';
import { LIBRARY as ALL, row } from '../helpers/library-rows';
import {
  ArEnLexicon,
  arEnLexicon,
  DICTD_DIR,
  foldArabicWord,
  loadArEnLexicon,
  lookupForms,
} from '../../src/align/ar-lexicon';
import { lexicallyConfirmed, lexicallyContradicted } from '../../src/align/lexical-check';
import { cedict } from '../../src/align/lexicon';

// A word list of our own for the library report below (the shape of FreeDict's: an Arabic word, English glosses).
const WORDS: [string, string][] = [
  ['افتتح', 'open inaugurate'],
  ['مدينة', 'city town'],
  ['مكتبة', 'library bookshop'],
  ['عامة', 'public general'],
  ['جديدة', 'new'],
  ['قديم', 'old ancient'],
  ['كتاب', 'book'],
  ['أطفال', 'children kids'],
  ['قاعة', 'hall'],
  ['مديرة', 'director manager'],
  ['زائر', 'visitor'],
  ['زوار', 'visitors'],
  ['كتب', 'books'],
  ['فتح', 'open'],
  ['تفتح', 'open opens'],
  ['استعارة', 'borrow borrowing'],
  ['صباح', 'morning'],
  ['مساء', 'evening'],
  ['شهر', 'month'],
];
function lexicon(): ArEnLexicon {
  const lex = new ArEnLexicon();
  for (const [ar, en] of WORDS) lex.add(ar, en);
  return lex;
}
const words = { arEn: lexicon(), zhEn: null };

// The library report without its second sentence (its thousands are not in the word list below).
const LIBRARY = [ALL[0]!, ALL[2]!, ALL[3]!, ALL[4]!];

describe('Arabic–English word lists for review flags', () => {
  it('looks an Arabic word up without its clitics, its plural ending and with the article', () => {
    expect(lookupForms(foldArabicWord('وحكوماتها'))).toEqual(expect.arrayContaining(['حكومات', 'حكومه', 'الحكومات']));
    expect(lookupForms(foldArabicWord('بالمكتبة'))).toEqual(expect.arrayContaining(['مكتبه', 'المكتبه']));
    expect(lookupForms(foldArabicWord('ولد'))).toEqual(['ولد', 'الولد']);
    expect(lookupForms(foldArabicWord('صباحًا'))).toContain('صباح');
  });

  it('reads both FreeDict databases of a dictd folder, single words only (a list of them split); null when there is none', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mizan-dictd-'));
    try {
      const header = '00-database-info\nArabic-English FreeDict Dictionary\n';
      const arEn = `${header}مَكْتَبَة /maktaba/\n1. Library\n2. Bookshop\nلم يتأثر /lam/\nUnaffected\nلادغ، شائك /l/\nStinging\n`;
      const enAr = `${header}hospital /hɒspɪtəl/\n1. مستشفى\n2. دار العلاج\n`;
      fs.writeFileSync(path.join(dir, 'freedict-ara-eng.dict.dz'), gzipSync(arEn));
      expect(loadArEnLexicon(path.join(dir, 'none'))).toBeNull();
      fs.writeFileSync(path.join(dir, 'freedict-eng-ara.dict.dz'), gzipSync(enAr));
      const lex = loadArEnLexicon(dir)!;
      expect(lex.size).toBe(4); // مكتبه, مستشفى, and لادغ and شائك of «لادغ، شائك»: not the phrase «لم يتأثر»
      const library = lex.englishIds('the libraries');
      expect(lex.arabicGlosses('والمكتبة').map((ids) => ids.some((id) => library.has(id)))).toEqual([true]);
      const stinging = lex.englishIds('a stinging remark');
      expect(lex.arabicGlosses('شائك').map((ids) => ids.some((id) => stinging.has(id)))).toEqual([true]);
      const hospital = lex.englishIds('a new hospital');
      expect(lex.arabicGlosses('المستشفى يتأثر').map((ids) => ids.some((id) => hospital.has(id)))).toEqual([true]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('confirms rows whose Arabic and English share words from end to end, more than with their neighbours', () => {
    expect([...lexicallyConfirmed(LIBRARY, [0, 1, 2, 3], words.arEn, null)]).toEqual([0, 1, 2, 3]);
  });

  it('does not confirm a row whose last Arabic clause is the next row’s sentence', () => {
    const rows = [
      row(`${LIBRARY[0]!.ar.replace('.', '،')} ${LIBRARY[1]!.ar}`, LIBRARY[0]!.en, LIBRARY[0]!.zh),
      row('', LIBRARY[1]!.en, LIBRARY[1]!.zh),
      LIBRARY[2]!,
    ];
    expect(lexicallyConfirmed(rows, [0], words.arEn, null).has(0)).toBe(false);
  });

  it('does not confirm a row whose words are as much the next row’s', () => {
    const rows = [LIBRARY[3]!, row(LIBRARY[3]!.ar, LIBRARY[3]!.en, LIBRARY[3]!.zh)];
    expect(lexicallyConfirmed(rows, [0], words.arEn, null).size).toBe(0);
  });

  it('flags `shifted` on a row the DP was less than sure of whose Arabic translates a neighbour’s English, not its own', () => {
    const [l0, , l2, l3] = LIBRARY as [AlignedRow, AlignedRow, AlignedRow, AlignedRow];
    const swapped = (confidence: number) => [
      l0,
      row(l2.ar, l3.en, l3.zh, { confidence }),
      row(l3.ar, l2.en, l2.zh, { confidence }),
    ];
    expect([...lexicallyContradicted(swapped(0.8), [0, 1, 2], words.arEn)]).toEqual([1, 2]);
    const flagged = flagDocument(swapped(0.8), words);
    expect(flagged.map((r) => r.reasons)).toEqual([undefined, ['shifted'], ['shifted']]);
    // A row the DP was sure of is not read; nor is a right row it was less sure of flagged.
    expect(flagDocument(swapped(1), words).some((r) => r.review)).toBe(false);
    expect(
      flagDocument(
        LIBRARY.map((r) => ({ ...r, confidence: 0.8 })),
        words,
      ).some((r) => r.review),
    ).toBe(false);
  });

  it('lifts a flag that only says the DP was unsure, and keeps every other flag', () => {
    const unsure = LIBRARY.map((r, k) =>
      k === 1 ? flagRow({ ...r, confidence: 0.3 }, 'confidence') : k === 2 ? flagRow(r, 'counts') : r,
    );
    const flagged = flagDocument(unsure, words);
    expect(flagged.map((r) => r.reasons ?? [])).toEqual([[], [], ['counts'], []]);
    expect(flagged[1]).toMatchObject({ review: false, confidence: 0.3 });
    // Without word lists the flag stays.
    expect(flagDocument(unsure, { arEn: null, zhEn: null })[1]!.reasons).toEqual(['confidence']);
  });

  it('lifts a neighbour flag beside a row the English lacks, not beside one the Chinese lacks', () => {
    const lacking = (lang: 'en' | 'zh') =>
      LIBRARY.map((r, k) => (k === 2 ? flagRow({ ...r, [lang]: '' }, 'missing') : { ...r, confidence: 0.9 }));
    expect(flagDocument(lacking('en'), words).map((r) => r.reasons ?? [])).toEqual([[], [], ['missing'], []]);
    expect(flagDocument(lacking('zh'), words).map((r) => r.reasons ?? [])).toEqual([
      [],
      ['neighbour'],
      ['missing'],
      ['neighbour'],
    ]);
  });

  it(`confirms a news row with the installed FreeDict lists (${DICTD_DIR}) and CC-CEDICT`, () => {
    const arEn = arEnLexicon();
    if (!arEn)
      throw new Error(
        `FreeDict's Arabic–English lists are not installed: sudo apt-get install dict-freedict-ara-eng dict-freedict-eng-ara`,
      );
    expect(arEn.size).toBeGreaterThan(20_000);
    const rows = [
      row(
        'وقال وزير الخارجية إن الحكومة ستفتح سفارة جديدة في العاصمة الشهر المقبل.',
        'The foreign minister said the government would open a new embassy in the capital next month.',
        '外交部长说，政府下个月将在首都开设一个新的大使馆。',
        { confidence: 0.4, review: true, reasons: ['confidence'] },
      ),
      row(
        'وأضاف أن المفاوضات بشأن التجارة والزراعة ستستمر حتى نهاية العام.',
        'He added that the negotiations on trade and agriculture would continue until the end of the year.',
        '他补充说，关于贸易和农业的谈判将持续到年底。',
      ),
    ];
    expect(lexicallyConfirmed(rows, [0, 1], arEn, cedict())).toEqual(new Set([0, 1]));
    expect(flagDocument(rows)[0]!.review).toBe(false);
  });
});
