/**
 * Language tags as clients write them (BCP 47 or POSIX, any case), for the HTTP layer: the parser lives in the pure
 * core (formats/language-tags.ts) and src/http reaches the core only through the service.
 */
import { languageOf, requireLanguage } from '../formats';
import type { Lang } from '../types';

/** ar, en or zh for a tag such as `ar-EG`, `en_GB`, `zh-Hans`; undefined for anything else (`fr`, `zh-TW`). */
export function tagLanguage(tag: string): Lang | undefined {
  return languageOf(tag);
}

/** The language a request parameter names, or UNSUPPORTED_LANGUAGE naming `param` and what is supported. */
export function requestLanguage(tag: string, param: string): Lang {
  return requireLanguage(tag, param);
}
