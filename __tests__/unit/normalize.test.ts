import { arabicStem, canonical, foldText, harmlessDifferences, tokenize } from '../../src/normalize';

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
