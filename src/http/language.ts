/** The language of an answer: the best of ar, en, zh that the request's Accept-Language asks for, else English. */
import type { Request } from 'express';
import { FALLBACK_LANG, UI_LANGS, type UiLang } from '../i18n';

/**
 * Express's negotiation (RFC 9110 quality values; "zh-Hans-CN" and "ar-EG" match by their primary subtag). English
 * comes first in UI_LANGS, so it is the answer when nothing is asked for, and for "*".
 */
export function answerLanguage(req: Request): UiLang {
  return (req.acceptsLanguages(...UI_LANGS) || FALLBACK_LANG) as UiLang;
}
