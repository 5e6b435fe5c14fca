import { ErrorCode } from '../../src/errors';
import { languageFamily, languageOf, parseLanguageTag, requireLanguage } from '../../src/formats';

describe('parseLanguageTag', () => {
  it.each([
    ['ar', 'ar'],
    ['AR', 'ar'],
    ['ar-EG', 'ar'],
    ['ar_SA', 'ar'],
    ['ar-Arab-SA', 'ar'],
    ['ar.UTF-8', 'ar'],
    ['ar_SA.UTF-8@calendar', 'ar'],
    ['ara', 'ar'],
    [' en ', 'en'],
    ['EN', 'en'],
    ['en-US', 'en'],
    ['en_GB', 'en'],
    ['en-gb', 'en'],
    ['zh', 'zh'],
    ['zh-CN', 'zh'],
    ['zh-SG', 'zh'],
    ['zh-Hans', 'zh'],
    ['zh_Hans', 'zh'],
    ['zh_Hans_CN', 'zh'],
    ['ZH-hans-cn', 'zh'],
    ['zh-Hans-TW', 'zh'],
    ['zh-CHS', 'zh'],
    ['cmn-Hans-CN', 'zh'],
    ['zh-cmn-Hans-CN', 'zh'],
    ['zh-guoyu', 'zh'],
    ['zh_CN.UTF-8@euro', 'zh'],
    ['zh@Hans', 'zh'],
    ['ar-arb', 'ar'],
    ['en-Latn-US', 'en'],
    ['en_US@latin', 'en'],
  ])('reads %p as %s', (tag, lang) => {
    expect(parseLanguageTag(tag)).toEqual({ lang });
    expect(languageOf(tag)).toBe(lang);
  });

  it.each([
    'zh-TW',
    'zh_TW',
    'zh-HK',
    'zh-MO',
    'zh-Hant',
    'zh_Hant_TW',
    'ZH-HANT-CN',
    'zh-CHT',
    'zh_TW.Big5',
    'zh@Hant',
  ])('reports %p as Traditional Chinese, not as zh', (tag) => {
    expect(parseLanguageTag(tag)).toEqual({ unsupported: tag, variant: 'zh-Hant' });
    expect(languageOf(tag)).toBeUndefined();
    expect(languageFamily(tag)).toBe('zh-Hant');
  });

  it.each(['fr', 'fr-FR', 'de_DE', 'arz', 'english', '*all*', '', 'en US', 'C', 'x-klingon'])(
    'reports %p as unsupported, as written',
    (tag) => {
      expect(parseLanguageTag(tag)).toEqual({ unsupported: tag.trim() });
    },
  );

  it.each([
    'zh-yue',
    'zh-yue-HK',
    'zh-min-nan',
    'zh-xiang',
    'zh-hakka',
    'ar-arz',
    'zh-Latn',
    'zh-Latn-pinyin',
    'ar-Latn',
    'ar@latin',
    'sr@latin',
    'en-Dsrt',
    'en@cyrillic',
  ])('reports %p, another language or script, as unsupported', (tag) => {
    expect(parseLanguageTag(tag)).toEqual({ unsupported: tag });
    expect(languageOf(tag)).toBeUndefined();
  });

  it('counts regional forms of one unsupported language together', () => {
    expect(['fr-FR', 'fr_CA', 'FR'].map(languageFamily)).toEqual(['fr', 'fr', 'fr']);
    expect(languageFamily('ar-SA')).toBe('ar');
  });
});

describe('requireLanguage', () => {
  it('returns the language of a supported tag', () => {
    expect(requireLanguage('zh_Hans_CN', 'tgt')).toBe('zh');
  });

  it('refuses an unsupported tag with UNSUPPORTED_LANGUAGE naming the parameter and what is supported', () => {
    expect(() => requireLanguage('fr', 'src')).toThrow(
      expect.objectContaining({
        code: ErrorCode.UNSUPPORTED_LANGUAGE,
        status: 400,
        params: { value: 'fr', param: 'src' },
      }),
    );
  });

  it('says when the refused tag is Traditional Chinese', () => {
    expect(() => requireLanguage('zh-TW', 'tgt')).toThrow(
      expect.objectContaining({ params: expect.objectContaining({ value: 'zh-TW', variant: 'zh-Hant' }) }),
    );
  });
});
