import { ErrorCode } from '../../src/errors';
import express, { type Request } from 'express';
import { answerLanguage } from '../../src/http/language';
import { createTranslator, errorMessage, UI_LANGS } from '../../src/i18n';
import ar from '../../src/i18n/locales/ar.json';
import en from '../../src/i18n/locales/en.json';
import zh from '../../src/i18n/locales/zh.json';

describe('message catalogs', () => {
  it('have a message for every error code in every language, with the same placeholders', () => {
    const catalogs = { ar: ar.errors, en: en.errors, zh: zh.errors } as Record<string, Record<string, string>>;
    const codes = Object.values(ErrorCode) as string[];
    // Besides `CODE`: its plural forms (`CODE_one`…, the language's own categories, chosen by `count`) and its
    // variants (`CODE_not-utf8`, chosen by the error's `context` param), the same variants in every language.
    const variants = Object.keys(catalogs.en!).filter((k) => !codes.includes(k) && !/_(one|other)$/.test(k));
    // `count` is left out of a plural form where the words say the number ("ثانية واحدة", "ثانيتين").
    const placeholders = (s: string) => [...new Set(s.match(/{{\w+}}/g) ?? [])].filter((p) => p !== '{{count}}').sort();
    for (const lang of UI_LANGS) {
      const catalog = catalogs[lang]!;
      const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories as string[];
      const forms = (code: string) =>
        code in catalog ? [catalog[code]!] : categories.map((c) => catalog[`${code}_${c}`]!);
      const expected: string[] = [];
      for (const code of codes) {
        expected.push(...(code in catalog ? [code] : categories.map((c) => `${code}_${c}`)));
        for (const form of forms(code)) {
          expect(form).toEqual(expect.any(String));
          expect(placeholders(form)).toEqual(placeholders(catalogs.en![code] ?? catalogs.en![`${code}_other`]!));
        }
      }
      for (const variant of variants) {
        expect(placeholders(catalog[variant]!)).toEqual(placeholders(catalogs.en![variant]!));
        expected.push(variant);
      }
      expect(Object.keys(catalog).sort()).toEqual(expected.sort());
    }
  });

  it('interpolate without HTML-escaping (messages are JSON, not HTML)', async () => {
    const t = await createTranslator();
    expect(t.t('errors.UNKNOWN_TM', 'en', { tm: '<x>' })).toBe('There is no translation memory named "<x>".');
    expect(t.t('errors.UNKNOWN_TM', 'ar', { tm: 'legal' })).toBe('لا توجد ذاكرة ترجمة باسم "legal".');
  });
});

describe('error messages in the language asked for', () => {
  it('name an import job’s status in that language', async () => {
    const t = await createTranslator();
    const message = (status: string, lang: 'ar' | 'en' | 'zh') =>
      errorMessage(t, { code: ErrorCode.JOB_NOT_CANCELLABLE, params: { id: 'j1', status } }, lang);
    for (const status of ['done', 'failed', 'cancelled', 'committing']) {
      expect(message(status, 'ar')).not.toMatch(/[a-z]{3,}/);
      expect(message(status, 'zh')).not.toMatch(/[a-z]{3,}/);
    }
    expect(message('done', 'en')).toBe('Import job "j1" is done and can no longer be cancelled.');
    expect(message('done', 'zh')).toBe('导入任务“j1”已完成，已无法取消。');
  });

  it('join a list param with the language’s own "or"', async () => {
    const t = await createTranslator();
    const error = { code: ErrorCode.UNKNOWN_FORMAT, params: { value: 'x', expected: ['json', 'tmx', 'tsv'] } };
    expect(errorMessage(t, error, 'en')).toBe('Unknown format "x"; use json, tmx, or tsv.');
    expect(errorMessage(t, error, 'ar')).toBe('الصيغة "x" غير معروفة؛ استخدم json أو tmx أو tsv.');
    expect(errorMessage(t, error, 'zh')).toBe('无法识别的格式“x”；请使用 json、tmx或tsv。');
  });
});

describe('the language of an answer', () => {
  /** A request with only this Accept-Language header, on Express's own request prototype. */
  const requestWith = (header: string | undefined): Request =>
    Object.create(express.request, { headers: { value: header === undefined ? {} : { 'accept-language': header } } });

  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['ar', 'ar'],
    ['ar-EG,ar;q=0.9,en;q=0.8', 'ar'],
    ['zh-Hans-CN', 'zh'],
    ['zh-TW', 'zh'],
    ['zh_TW', 'zh'], // POSIX form, read like the BCP 47 one
    ['fr-FR, de;q=0.9', 'en'],
    ['fr, zh;q=0.2, ar;q=0.7', 'ar'],
    ['ar;q=0, zh', 'zh'],
    ['*', 'en'],
    // `*` stands for the languages not listed, never for one refused with q=0 (RFC 9110 §12.5.4)
    ['en;q=0, *', 'ar'],
    ['en;q=0, ar;q=0, *', 'zh'],
    ['*, en;q=0', 'ar'],
    ['zh;q=0.5, *;q=0.8', 'en'],
    ['en;q=0.5, *;q=0.8', 'ar'],
    ['*;q=0.5, zh;q=0.4', 'en'],
    ['ar, *;q=0', 'ar'],
    ['en;q=0', 'en'], // nothing acceptable left: English, as for a header naming none
  ])('Accept-Language %p → %s', (header, expected) => {
    expect(answerLanguage(requestWith(header))).toBe(expected);
  });
});
