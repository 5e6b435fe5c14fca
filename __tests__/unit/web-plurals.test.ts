/**
 * The web UI's count-bearing messages (web/src/locales): i18next plural families with exactly the forms each language
 * has (Intl.PluralRules: Arabic zero, one, two, few, many and other; English one and other; Chinese other), worded for
 * each count, never a number before an abbreviated unit; and the page asks for each through `counted`, which passes
 * `count` (and shows the number in the UI language's digits).
 */
import fs from 'node:fs';
import path from 'node:path';
import ar from '../../web/src/locales/ar.json';
import en from '../../web/src/locales/en.json';
import zh from '../../web/src/locales/zh.json';
import { counted, initI18n, setUiLang, t, type Lang } from '../../web/src/i18n';

const LOCALES: Record<Lang, unknown> = { ar, en, zh };
const WEB_SRC = path.resolve(__dirname, '../../web/src');
const PLURAL = /^(.*)_(zero|one|two|few|many|other)$/;

/** Every message of a locale by its dotted key. */
function messages(tree: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree as Record<string, unknown>)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of messages(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

/** The plural families of a locale: base key → the forms it has. */
function families(lang: Lang): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const key of messages(LOCALES[lang]).keys()) {
    const [, base, form] = PLURAL.exec(key) ?? [];
    if (base && form) out.set(base, [...(out.get(base) ?? []), form].sort());
  }
  return out;
}

/** The web UI's TypeScript sources, as text. */
function sources(dir = WEB_SRC): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(file);
    return entry.name.endsWith('.ts') ? [fs.readFileSync(file, 'utf8')] : [];
  });
}

const calls = (fn: string) =>
  sources().flatMap((text) => [...text.matchAll(new RegExp(`\\b${fn}\\(\\s*'([^']+)'`, 'g'))].map((m) => m[1]!));

beforeAll(async () => {
  await initI18n();
});

describe("the web UI's count-bearing messages", () => {
  it.each(['ar', 'en', 'zh'] as const)(
    'have exactly the plural forms of %s, the same families in every language',
    (lang) => {
      const forms = [...new Intl.PluralRules(lang).resolvedOptions().pluralCategories].sort();
      const found = families(lang);
      expect(found.size).toBeGreaterThan(0);
      for (const [base, has] of found) expect([base, has]).toEqual([base, forms]);
      expect([...found.keys()].sort()).toEqual([...families('en').keys()].sort());
    },
  );

  it.each(['ar', 'en', 'zh'] as const)(
    'in %s show a count only in a plural family, never before an abbreviated unit',
    (lang) => {
      for (const [key, text] of messages(LOCALES[lang])) {
        if (text.includes('{{n}}')) expect([key, PLURAL.test(key)]).toEqual([key, true]);
        expect([key, /\{\{\w+\}\}\s?(s|sec|ث)\b|\{\{\w+\}\}\s?ث\./u.test(text)]).toEqual([key, false]);
        expect([key, text.includes('{{seconds}}')]).toEqual([key, false]);
      }
    },
  );

  it('are asked for through counted() (which passes count), each family by some screen', () => {
    const bases = families('en');
    const viaT = calls('t').filter((key) => bases.has(key));
    expect(viaT).toEqual([]);
    const viaCounted = new Set(calls('counted'));
    for (const key of viaCounted) expect([key, bases.has(key)]).toEqual([key, true]);
    expect([...bases.keys()].filter((base) => !viaCounted.has(base))).toEqual([]);
  });

  it('read naturally in English: one and other', async () => {
    await setUiLang('en');
    expect(counted('error.rateLimited', 1)).toBe('Too many requests: try again in 1 second.');
    expect(counted('error.rateLimited', 30)).toBe('Too many requests: try again in 30 seconds.');
    expect(counted('common.rows', 1)).toBe('1 row');
    expect(t('document.summary', { rows: counted('common.rows', 17), toReview: counted('document.toReview', 2) })).toBe(
      '17 rows, 2 to review',
    );
    expect(counted('job.read', 1200)).toBe(`${(1200).toLocaleString('en')} units read`);
  });

  it('read naturally in Arabic: a word for one and two, plural 3–10, singular 11–99 and 100+', async () => {
    await setUiLang('ar');
    const n = (x: number) => new Intl.NumberFormat('ar').format(x);
    const retry = (x: number) => counted('error.unavailable', x).split('أعد المحاولة بعد ')[1];
    expect(retry(1)).toBe('ثانية واحدة.');
    expect(retry(2)).toBe('ثانيتين.');
    expect(retry(3)).toBe(`${n(3)} ثوانٍ.`);
    expect(retry(11)).toBe(`${n(11)} ثانية.`);
    expect(retry(100)).toBe(`${n(100)} ثانية.`);
    expect([1, 2, 5, 17, 101].map((x) => counted('common.rows', x))).toEqual([
      'صف واحد',
      'صفّان',
      `${n(5)} صفوف`,
      `${n(17)} صفًا`,
      `${n(101)} صف`,
    ]);
    expect(t('document.summary', { rows: counted('common.rows', 17), toReview: counted('document.toReview', 0) })).toBe(
      `${n(17)} صفًا، ولا شيء للمراجعة`,
    );
  });

  it('read naturally in Chinese: one form, the number before its measure word', async () => {
    await setUiLang('zh');
    expect(counted('error.rateLimited', 1)).toBe('请求过多：请 1 秒后重试。');
    expect(counted('error.rateLimited', 30)).toBe('请求过多：请 30 秒后重试。');
    expect(t('job.counts', { read: counted('job.read', 3), written: counted('job.written', 2) })).toBe(
      '已读 3 个单元，已写 2 个',
    );
  });
});
