import fc from 'fast-check';
import { arabicStem, canonical, foldText, harmlessDifferences, tokenize } from '../../src/normalize';
import { NFC_INERT } from '../../src/normalize/pipeline';
import { tables } from '../../src/normalize/tables';

describe('folding', () => {
  it('removes tashkeel, dagger alef and tatweel', () => {
    expect(foldText('كِتَابٌ')).toBe('كتاب');
    expect(foldText('هٰذا')).toBe('هذا');
    expect(foldText('عـــربي')).toBe('عربي');
  });

  it('folds alef forms, alef maqsura and ta marbuta', () => {
    expect(foldText('أحمد إلى آسيا ٱلله')).toBe('احمد الي اسيا الله');
    expect(foldText('مدرسة')).toBe('مدرسه');
  });

  it('maps Arabic-Indic and Extended Arabic-Indic digits to ASCII, with the Arabic decimal separator', () => {
    expect(foldText('٢٠٢٣ ۱۲ ٣٫٥')).toBe('2023 12 3.5');
  });

  it('folds full-width forms, Arabic presentation forms and case', () => {
    expect(foldText('ＡＢＣ１２３')).toBe('abc123');
    expect(foldText('\uFEFB')).toBe('لا'); // lam-alef ligature
    expect(foldText('Qin GANG')).toBe('qin gang');
  });

  it('drops invisible format characters (ZWNJ, bidi marks)', () => {
    expect(foldText('a\u200Cb\u200Fc')).toBe('abc');
  });
});

describe('tokenize', () => {
  it('splits Arabic and English on spaces and punctuation, punctuation is not a token', () => {
    expect(tokenize('وقال تشين إن الصين، كعادتها دائما؟')).toEqual(['وقال', 'تشين', 'ان', 'الصين', 'كعادتها', 'دائما']);
    expect(tokenize('Qin said: "China, as always."')).toEqual(['qin', 'said', 'china', 'as', 'always']);
  });

  it('makes each Han character a token and each digit run one token', () => {
    expect(tokenize('新华社西安2023年4月26日电')).toEqual([
      '新',
      '华',
      '社',
      '西',
      '安',
      '2023',
      '年',
      '4',
      '月',
      '26',
      '日',
      '电',
    ]);
  });

  it('keeps decimals whole and separates digits from letters', () => {
    expect(tokenize('3.5 G20 1,000')).toEqual(['3.5', 'g', '20', '1,000']);
  });

  it('gives the same tokens for full-width and half-width Chinese text', () => {
    expect(tokenize('中国（ＡＢＣ）１２')).toEqual(tokenize('中国(ABC)12'));
  });
});

describe('arabicStem', () => {
  it('removes proclitics so that والصين, الصين, للصين and بالصين share a stem', () => {
    expect(new Set(['والصين', 'الصين', 'للصين', 'بالصين', 'وبالصين'].map(arabicStem))).toEqual(new Set(['صين']));
  });

  it('keeps a short word whole rather than cut it to under three letters', () => {
    expect(arabicStem('ولد')).toBe('ولد');
    expect(arabicStem('بحر')).toBe('بحر');
  });
});

describe('harmlessDifferences', () => {
  it('names each kind of harmless difference', () => {
    expect(harmlessDifferences('كتاب', 'كِتَاب')).toEqual(['diacritics']);
    expect(harmlessDifferences('احمد', 'أحمد')).toEqual(['letterforms']);
    expect(harmlessDifferences('2023', '٢٠٢٣')).toEqual(['digits']);
    expect(harmlessDifferences('China', 'china')).toEqual(['case']);
    expect(harmlessDifferences('ABC', 'ＡＢＣ')).toEqual(['width']);
    expect(harmlessDifferences('a, b', 'a b')).toEqual(['punctuation']);
    expect(harmlessDifferences('a  b', 'a b')).toEqual(['whitespace']);
  });

  it('names several at once, in pipeline order', () => {
    expect(harmlessDifferences('Hello, World', 'hello world')).toEqual(['case', 'punctuation']);
    expect(harmlessDifferences('إلى ٢٠٢٣', 'الي 2023')).toEqual(['letterforms', 'digits']);
  });

  it('is empty for texts that are the same once trimmed', () => {
    expect(harmlessDifferences(' نص ', 'نص')).toEqual([]);
    expect(canonical(' نص ')).toBe(canonical('نص'));
  });
});

describe('canonical, fast path', () => {
  const inert = Array.from({ length: 0x10000 }, (_, cp) => cp).filter((cp) => NFC_INERT.test(String.fromCharCode(cp)));
  const few = inert.filter((cp) => cp < 0x3400 || cp > 0xf8ff);

  it('takes as NFC only code units that ICU leaves alone and that join nothing before them', () => {
    const joins = tables().joins;
    const changed = inert.filter((cp) => String.fromCharCode(cp).normalize('NFC') !== String.fromCharCode(cp));
    expect(changed).toEqual([]);
    expect(inert.filter((cp) => joins[cp] !== 0)).toEqual([]);
  });

  it('agrees with ICU on every pair of those code units outside the large blocks', () => {
    let differ = 0;
    for (const a of few) {
      for (const b of few) {
        const pair = String.fromCharCode(a, b);
        if (pair.normalize('NFC') !== pair) differ++;
      }
    }
    expect(differ).toBe(0);
  });

  it('gives what NFC and trimming give, marks and compositions included', () => {
    const unit = fc.oneof(
      fc.constantFrom(...few.map((cp) => String.fromCharCode(cp))),
      fc.constantFrom(
        '\u0653',
        '\u0654',
        '\u0655',
        '\u064E',
        '\u0651',
        '\u0670',
        '\u0301',
        '\u3099',
        '\uFA10',
        '\u2000',
      ),
      fc.constantFrom('\u4E00', '\u9FA5', '\uE000', '\uAC00', '\u1161', '\u11A8', ' ', '\u3000'),
    );
    const text = fc.array(unit, { maxLength: 12 }).map((units) => units.join(''));
    fc.assert(fc.property(text, (s) => expect(canonical(s)).toBe(s.normalize('NFC').trim())));
  });
});
