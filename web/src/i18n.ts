/**
 * i18next for the page: Arabic, English and Chinese resources, the language from the user's last choice
 * (localStorage) or else the browser's, and numbers, percentages and dates through Intl in that language.
 */
import i18next from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import ar from './locales/ar.json';
import en from './locales/en.json';
import zh from './locales/zh.json';

export type Lang = 'ar' | 'en' | 'zh';
export const LANGS: Lang[] = ['ar', 'en', 'zh'];
const INTL_LOCALE: Record<Lang, string> = { ar: 'ar', en: 'en', zh: 'zh-CN' };

export async function initI18n(): Promise<void> {
  await i18next.use(LanguageDetector).init({
    resources: { ar: { translation: ar }, en: { translation: en }, zh: { translation: zh } },
    supportedLngs: LANGS,
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    fallbackLng: 'en',
    // Texts reach the page as text nodes, never as HTML: nothing to escape.
    interpolation: { escapeValue: false },
    detection: { order: ['localStorage', 'navigator'], lookupLocalStorage: 'mizan.lang', caches: ['localStorage'] },
  });
}

export const t = (key: string, options?: Record<string, unknown>): string => i18next.t(key, options) as string;

export function uiLang(): Lang {
  const lang = (i18next.resolvedLanguage ?? 'en').slice(0, 2);
  return (LANGS as string[]).includes(lang) ? (lang as Lang) : 'en';
}

export async function setUiLang(lang: Lang): Promise<void> {
  await i18next.changeLanguage(lang);
}

export const num = (n: number, options?: Intl.NumberFormatOptions): string =>
  new Intl.NumberFormat(INTL_LOCALE[uiLang()], options).format(n);

export const percent = (ratio: number): string => num(ratio, { style: 'percent', maximumFractionDigits: 0 });

export function date(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : new Intl.DateTimeFormat(INTL_LOCALE[uiLang()], { dateStyle: 'medium' }).format(d);
}

/**
 * A message about a number of things: the key of a plural family (`key_one`, `key_other`…; Arabic has `_zero`,
 * `_one`, `_two`, `_few`, `_many` and `_other`, Chinese `_other` alone), its form picked by `count` and the number
 * shown as `{{n}}` in the UI language's digits. Every count-bearing message goes through here, so `count` is never
 * left out.
 */
export const counted = (key: string, count: number): string => t(key, { count, n: num(count) });

/** A language's name in the UI language. */
export const langName = (lang: string): string => t(`lang.${lang}`);
