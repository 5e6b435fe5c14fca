import { ErrorCode } from '../../src/errors';
import { createTranslator, negotiateLanguage, UI_LANGS } from '../../src/i18n';
import ar from '../../src/i18n/locales/ar.json';
import en from '../../src/i18n/locales/en.json';
import zh from '../../src/i18n/locales/zh.json';

describe('message catalogs', () => {
  it('have a message for every error code in every language, with the same placeholders', () => {
    const catalogs = { ar: ar.errors, en: en.errors, zh: zh.errors } as Record<string, Record<string, string>>;
    const placeholders = (s: string) => (s.match(/{{\w+}}/g) ?? []).sort();
    for (const code of Object.values(ErrorCode)) {
      for (const lang of UI_LANGS) {
        expect(catalogs[lang]![code]).toEqual(expect.any(String));
        expect(placeholders(catalogs[lang]![code]!)).toEqual(placeholders(catalogs.en![code]!));
      }
    }
    for (const lang of UI_LANGS) expect(Object.keys(catalogs[lang]!).sort()).toEqual(Object.values(ErrorCode).sort());
  });

  it('interpolate without HTML-escaping (messages are JSON, not HTML)', async () => {
    const t = await createTranslator();
    expect(t.t('errors.UNKNOWN_TM', 'en', { tm: '<x>' })).toBe('There is no translation memory named "<x>".');
    expect(t.t('errors.UNKNOWN_TM', 'ar', { tm: 'legal' })).toBe('لا توجد ذاكرة ترجمة باسم "legal".');
  });
});

describe('negotiateLanguage', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['ar', 'ar'],
    ['ar-EG,ar;q=0.9,en;q=0.8', 'ar'],
    ['zh-Hans-CN', 'zh'],
    ['zh_TW', 'zh'],
    ['fr-FR, de;q=0.9', 'en'],
    ['fr, zh;q=0.2, ar;q=0.7', 'ar'],
    ['ar;q=0, zh', 'zh'],
    ['*', 'en'],
  ])('Accept-Language %p → %s', (header, expected) => {
    expect(negotiateLanguage(header)).toBe(expected);
  });
});
