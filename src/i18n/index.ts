export { createTranslator, UI_LANGS, FALLBACK_LANG, type Translator, type UiLang } from './i18n';
export { errorMessage } from './error-message';
