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
    // A plural form may leave the number out where its words say it («ثانية واحدة», «ثانيتين»): each form's
    // placeholders are among English's, and a code's forms together have them all.
    const placeholders = (...forms: string[]) => [...new Set(forms.flatMap((s) => s.match(/{{\w+}}/g) ?? []))].sort();
    const english = (code: string) =>
      placeholders(
        ...Object.keys(catalogs.en!)
          .filter((k) => k === code || (k.startsWith(`${code}_`) && !variants.includes(k)))
          .map((k) => catalogs.en![k]!),
      );
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
          expect(english(code)).toEqual(expect.arrayContaining(placeholders(form)));
        }
        expect(placeholders(...forms(code))).toEqual(english(code));
      }
      for (const variant of variants) {
        expect(placeholders(catalog[variant]!)).toEqual(placeholders(catalogs.en![variant]!));
        expected.push(variant);
      }
      expect(Object.keys(catalog).sort()).toEqual(expected.sort());
    }
  });

  it('give every code with plural forms a counted param (errorMessage finds its message, in every language)', async () => {
    const t = await createTranslator();
    const plural = Object.keys(en.errors).flatMap((k) => (k.endsWith('_other') ? [k.slice(0, -'_other'.length)] : []));
    expect(plural).toContain(ErrorCode.IMPORT_COMMIT_INCOMPLETE);
    // Every placeholder of the catalog given a number: the counted one among them, whichever it is.
    const names = new Set((JSON.stringify(en.errors).match(/{{\w+}}/g) ?? []).map((p) => p.slice(2, -2)));
    const params = Object.fromEntries([...names].map((name) => [name, 3]));
    for (const code of plural)
      for (const lang of UI_LANGS) expect(errorMessage(t, { code, params }, lang)).not.toMatch(/^errors\./);
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

describe('messages that count something agree with the number', () => {
  const message = async (code: ErrorCode, lang: 'ar' | 'en' | 'zh', params: object, retryAfter?: number) =>
    errorMessage(await createTranslator(), { code, params: { ...params } }, lang, { retryAfter });

  it.each([
    [1, 'ثانية واحدة'],
    [2, 'ثانيتين'],
    [5, '5 ثوانٍ'],
    [10, '10 ثوانٍ'],
    [11, '11 ثانيةً'],
    [99, '99 ثانيةً'],
    [100, '100 ثانية'],
  ])('Arabic: retry after %i s → «بعد %s»', async (seconds, words) => {
    const text = await message(ErrorCode.STORE_UNAVAILABLE, 'ar', {}, seconds);
    expect(text).toBe(`تعذّر الوصول إلى مخزن ذاكرة الترجمة حاليًا. يُرجى إعادة المحاولة بعد ${words}.`);
    const limited = await message(ErrorCode.RATE_LIMITED, 'ar', { limit: 15, reason: 'reads', retryAfter: seconds });
    expect(limited).toMatch(new RegExp(`أعد المحاولة بعد ${words}\\.$`));
  });

  it('English: one second, one read, one query, one byte; more of them in the plural', async () => {
    expect(await message(ErrorCode.STORE_UNAVAILABLE, 'en', {}, 1)).toMatch(/Please retry in 1 second\.$/);
    expect(await message(ErrorCode.STORE_UNAVAILABLE, 'en', {}, 5)).toMatch(/Please retry in 5 seconds\.$/);
    expect(await message(ErrorCode.RATE_LIMITED, 'en', { limit: 1, reason: 'reads', retryAfter: 1 })).toBe(
      'Too many requests: at most 1 read a minute. Retry after 1 second.',
    );
    expect(await message(ErrorCode.RATE_LIMITED, 'en', { limit: 15, reason: 'writes', retryAfter: 30 })).toBe(
      'Too many requests: at most 15 writes a minute. Retry after 30 seconds.',
    );
    expect(await message(ErrorCode.BATCH_TOO_LARGE, 'en', { max: 500, got: 501 })).toBe(
      'A batch holds at most 500 queries (got 501).',
    );
    expect(await message(ErrorCode.TOO_MANY_CORRECTIONS, 'en', { max: 1, got: 2, reason: 'review-rows' })).toBe(
      'A request holds at most 1 row (got 2).',
    );
    expect(await message(ErrorCode.FILE_TOO_LARGE, 'en', { param: 'file', max: 1 })).toBe(
      'The file "file" is larger than 1 byte.',
    );
    expect(await message(ErrorCode.IDEMPOTENCY_IN_PROGRESS, 'en', { key: 'k' }, 1)).toMatch(/retry in 1 second to/);
  });

  it('Arabic counts corrections, rows and units with the noun their number takes', async () => {
    const corrections = (max: number) =>
      message(ErrorCode.TOO_MANY_CORRECTIONS, 'ar', { max, got: max + 1, reason: 'corrections' });
    expect(await corrections(1)).toBe('يحتوي الطلب على تصحيح واحد كحد أقصى (المرسل: 2).');
    expect(await corrections(2)).toBe('يحتوي الطلب على تصحيحين كحد أقصى (المرسل: 3).');
    expect(await corrections(5)).toBe('يحتوي الطلب على 5 تصحيحات كحد أقصى (المرسل: 6).');
    expect(await corrections(50)).toBe('يحتوي الطلب على 50 تصحيحًا كحد أقصى (المرسل: 51).');
    expect(await corrections(1000)).toBe('يحتوي الطلب على 1000 تصحيح كحد أقصى (المرسل: 1001).');
    const long = await message(ErrorCode.QUERY_TOO_LONG, 'ar', { length: 2500, max: 2000 });
    expect(long).toBe('طول الاستعلام 2500 حرف، والحد الأقصى 2000.');
    const bytes = await message(ErrorCode.HEADERS_TOO_LARGE, 'ar', { max: 3 });
    expect(bytes).toMatch(/^سطر الطلب وترويساته أكبر من 3 بايتات؛/);
  });

  it('the import and delimiter messages count their units and characters too', async () => {
    const incomplete = (lang: 'ar' | 'en' | 'zh', written: number) =>
      message(ErrorCode.IMPORT_COMMIT_INCOMPLETE, lang, { written });
    expect(await incomplete('en', 1)).toMatch(/\(at least 1 unit committed\)/);
    expect(await incomplete('en', 7)).toMatch(/\(at least 7 units committed\)/);
    expect(await incomplete('ar', 1)).toMatch(/\(اعتُمدت منه وحدة واحدة على الأقل\)/);
    expect(await incomplete('ar', 2)).toMatch(/\(اعتُمدت منه وحدتان على الأقل\)/);
    for (const written of [5, 11, 100]) expect(await incomplete('ar', written)).toMatch(`المعتمدة ${written} على`);
    expect(await incomplete('zh', 1)).toMatch(/至少已提交 1 个单元/);
    const noArabic = (lang: 'ar' | 'en', units: number) =>
      message(ErrorCode.TMX_NO_ARABIC, lang, { param: 'file', units, languages: 'en', reason: 'arabic-source' });
    expect(await noArabic('en', 1)).toBe(
      '"file" has no Arabic source (xml:lang="ar"): its 1 translation unit is in en; every unit needs one.',
    );
    expect(await noArabic('ar', 2)).toMatch(/: وحدتاه بلغات en؛ وكل وحدة تحتاج إلى مصدر عربي\.$/);
    const delimiter = (lang: 'ar' | 'en' | 'zh', max: number) =>
      message(ErrorCode.INVALID_DELIMITER, lang, { param: 'p', value: 'v', reason: 'delimiter-too-long', max });
    expect(await delimiter('en', 1)).toBe('"p" cannot be "v": a delimiter has at most 1 character.');
    expect(await delimiter('en', 16)).toBe('"p" cannot be "v": a delimiter has at most 16 characters.');
    expect(await delimiter('ar', 1)).toMatch(/: لا يتجاوز المحدِّد حرفًا واحدًا\.$/);
    expect(await delimiter('ar', 2)).toMatch(/: لا يتجاوز المحدِّد حرفين\.$/);
    expect(await delimiter('ar', 5)).toMatch(/: لا يتجاوز المحدِّد 5 أحرف\.$/);
    expect(await delimiter('ar', 16)).toMatch(/: لا يتجاوز المحدِّد 16 حرفًا\.$/);
    expect(await delimiter('ar', 100)).toMatch(/: لا يتجاوز المحدِّد 100 حرف\.$/);
    expect(await delimiter('zh', 16)).toBe('“p”不能是“v”：分隔符最多 16 个字符。');
    // A reason of one form is found whatever the number (i18next falls back to the key without a plural suffix).
    const empty = await message(ErrorCode.INVALID_DELIMITER, 'en', {
      param: 'p',
      value: '',
      reason: 'delimiter-empty',
      max: 16,
    });
    expect(empty).toBe('"p" cannot be "": a delimiter needs at least one character.');
  });

  it('Chinese, which has one form, keeps its own message for every number (never the English fallback)', async () => {
    expect(await message(ErrorCode.STORE_UNAVAILABLE, 'zh', {}, 1)).toBe(
      '暂时无法连接翻译记忆库存储，请在 1 秒后重试。',
    );
    expect(await message(ErrorCode.BATCH_TOO_LARGE, 'zh', { max: 500, got: 501 })).toBe(
      '一次批量请求最多包含 500 个查询（收到 501 个）。',
    );
    expect(await message(ErrorCode.RATE_LIMITED, 'zh', { limit: 1, reason: 'reads', retryAfter: 2 })).toBe(
      '请求过多：每分钟最多 1 次读取请求。请在 2 秒后重试。',
    );
  });
});
