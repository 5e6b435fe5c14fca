/**
 * Localized messages (ar, en, zh) through an i18next instance created per app, never a global one.
 * Error messages are keyed by error code: `errors.<CODE>`, interpolating the error's params.
 */
import i18next, { type i18n as I18n } from 'i18next';
import ar from './locales/ar.json';
import en from './locales/en.json';
import zh from './locales/zh.json';

export const UI_LANGS = ['en', 'ar', 'zh'] as const;
export type UiLang = (typeof UI_LANGS)[number];
export const FALLBACK_LANG: UiLang = 'en';

export interface Translator {
  t(key: string, lang: UiLang, params?: Record<string, unknown>): string;
}

export async function createTranslator(): Promise<Translator> {
  const instance: I18n = i18next.createInstance();
  await instance.init({
    resources: { ar: { translation: ar }, en: { translation: en }, zh: { translation: zh } },
    supportedLngs: [...UI_LANGS],
    fallbackLng: FALLBACK_LANG,
    // INVALID_ENCODING names the encoding a file was read as; the readers that read only UTF-8 need not say so.
    interpolation: { escapeValue: false, defaultVariables: { encoding: 'UTF-8' } },
    initAsync: false,
    showSupportNotice: false,
  } as Parameters<I18n['init']>[0]);
  return { t: (key, lang, params) => instance.t(key, { lng: lang, ...params }) as string };
}
