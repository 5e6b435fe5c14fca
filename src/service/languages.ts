/**
 * Language tags as clients write them (BCP 47 or POSIX, any case), for the HTTP layer: the parser lives in the pure
 * core (formats/language-tags.ts) and src/http reaches the core only through the service.
 */
import { ErrorCode, MizanError } from '../errors';
import { languageOf, requireLanguage } from '../formats';
import { LANGS, type Lang } from '../types';

/** ar, en or zh for a tag such as `ar-EG`, `en_GB`, `zh-Hans`; undefined for anything else (`fr`, `zh-TW`). */
export function tagLanguage(tag: string): Lang | undefined {
  return languageOf(tag);
}

/** The language a request parameter names, or UNSUPPORTED_LANGUAGE naming `param` and what is supported. */
export function requestLanguage(tag: string, param: string): Lang {
  return requireLanguage(tag, param);
}

/**
 * The languages of a whole-TM export, as `langs` names them for GET /api/v1/tms/:tm/export and `--langs` for
 * `npm run tmx -- export` alike: a comma-separated list of tags, each read as every other language parameter
 * (`en_GB`, `AR`, `zh-Hans`), Arabic always included (it is every unit's source, so `en,zh` means ar, en and zh
 * and `ar` may be left out) and at least one target. A tag that is not ar, en or Simplified zh is
 * UNSUPPORTED_LANGUAGE; a list with no target (`ar`) is INVALID_PARAMETER. In ar, en, zh order.
 */
export function exportLanguages(value: string, param: string): Lang[] {
  const named = new Set<Lang>(['ar']);
  for (const tag of value.split(',')) named.add(requireLanguage(tag.slice(0, 100), param));
  if (named.size < 2) throw new MizanError(ErrorCode.INVALID_PARAMETER, { param, value: value.slice(0, 100) });
  return LANGS.filter((lang) => named.has(lang));
}
