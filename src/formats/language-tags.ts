/**
 * Language names as clients write them, mapped onto mizan's three languages. One parser for every place a language
 * is named (`src`/`tgt`/`lang` parameters, TMX `xml:lang` and old `lang`, XLIFF `srcLang`/`trgLang`,
 * Accept-Language), so that `ar-EG`, `AR_sa`, `zh_Hans_CN`, `en-GB`, `en_US.UTF-8` and `zh-CN` mean the same
 * everywhere.
 *
 * Accepted: BCP 47 (`-`) and POSIX (`_`, with `.codeset` and `@modifier` ignored) forms in any case; the primary
 * subtag `ar`/`en`/`zh`, their ISO 639-2/3 codes (`ara`, `arb`, `eng`, `zho`, `chi`, `cmn`); regions and other
 * subtags are ignored, except for Chinese, where the script decides: mizan's Chinese is Simplified, so `zh-Hant`,
 * `zh-TW`, `zh-HK`, `zh-MO` (and Microsoft's legacy `zh-CHT`) are Traditional Chinese — reported as unsupported with
 * `variant: 'zh-Hant'`, never mixed into `zh`. An explicit script wins over the region (`zh-Hans-TW` is Simplified).
 * A tag naming another language through an extended subtag (`zh-yue`, `ar-arz`) or another script (`ar-Latn`,
 * `zh-Latn`, POSIX `ar@latin`) is unsupported: it is not the text mizan holds.
 */
import { ErrorCode, MizanError } from '../errors';
import type { Lang } from '../types';

export type LanguageTag = { lang: Lang } | { unsupported: string; variant?: 'zh-Hant' };

const PRIMARY: Record<string, Lang> = {
  ar: 'ar',
  ara: 'ar',
  arb: 'ar',
  en: 'en',
  eng: 'en',
  zh: 'zh',
  zho: 'zh',
  chi: 'zh',
  cmn: 'zh',
};

const TRADITIONAL_REGIONS = new Set(['tw', 'hk', 'mo']);
/** A subtag: letters and digits only (BCP 47 allows 1–8; we accept what real files carry). */
const SUBTAG = /^[a-z0-9]{1,8}$/;
/** The scripts each language is written in here (a tag naming another, `ar-Latn`, `zh-Latn`, is another thing). */
const SCRIPTS: Record<Lang, ReadonlySet<string>> = {
  ar: new Set(['arab']),
  en: new Set(['latn']),
  zh: new Set(['hans', 'hant', 'hani']),
};
/**
 * Subtags after the primary one that name a language of their own (BCP 47 extended language subtags: `zh-yue` is
 * Cantonese, `ar-arz` Egyptian Arabic, as `yue` and `arz` are; and the grandfathered `zh-min-nan`, `zh-xiang`,
 * `zh-hakka`), except those meaning the language mizan holds: Mandarin (`cmn`), Standard Arabic (`arb`), and
 * Microsoft's legacy `zh-CHS`/`zh-CHT`, which name a script.
 */
const SAME_LANGUAGE = new Set(['cmn', 'arb', 'chs', 'cht']);
const OTHER_CHINESE = new Set(['min', 'xiang', 'hakka']);
/** POSIX `@modifier`s that name a script (others, such as `@euro` or `@calendar`, are ignored). */
const MODIFIER_SCRIPTS: Record<string, string> = {
  latin: 'latn',
  latn: 'latn',
  cyrillic: 'cyrl',
  cyrl: 'cyrl',
  arabic: 'arab',
  arab: 'arab',
  hans: 'hans',
  simplified: 'hans',
  hant: 'hant',
  traditional: 'hant',
  devanagari: 'deva',
};

/**
 * Splits a tag into lower-case subtags, dropping a POSIX codeset (`.UTF-8`) and keeping a modifier that names a
 * script (`@latin`) as a script subtag.
 */
function subtags(tag: string): string[] | undefined {
  const [head, modifier] = tag.trim().split('@', 2) as [string, string | undefined];
  const cut = head.replace(/\..*$/, '');
  if (cut === '') return undefined;
  const parts = cut.toLowerCase().split(/[-_]/);
  if (!parts.every((p) => SUBTAG.test(p))) return undefined;
  const script = modifier === undefined ? undefined : MODIFIER_SCRIPTS[modifier.replace(/\..*$/, '').toLowerCase()];
  return script ? [...parts, script] : parts;
}

/** Simplified or Traditional, from the subtags after `zh` (script first, then region, then legacy `chs`/`cht`). */
function isTraditional(rest: readonly string[]): boolean {
  for (const sub of rest) {
    if (sub === 'hant') return true;
    if (sub === 'hans') return false;
  }
  for (const sub of rest) {
    if (sub === 'cht') return true;
    if (sub.length === 2 && TRADITIONAL_REGIONS.has(sub)) return true;
  }
  return false;
}

/** Whether the subtags after the primary one name another language or a script the language is not written in. */
function otherLanguageOrScript(lang: Lang, rest: readonly string[]): boolean {
  const first = rest[0];
  if (first !== undefined && /^[a-z]{3}$/.test(first) && !SAME_LANGUAGE.has(first)) return true;
  if (lang === 'zh' && rest.some((sub) => OTHER_CHINESE.has(sub))) return true;
  return rest.some((sub) => /^[a-z]{4}$/.test(sub) && !SCRIPTS[lang].has(sub));
}

/** Maps a language tag to ar, en or zh; anything else is `{ unsupported }` with the tag as written (trimmed). */
export function parseLanguageTag(tag: string): LanguageTag {
  const parts = subtags(tag);
  const written = tag.trim();
  if (!parts) return { unsupported: written };
  const [primary, ...rest] = parts;
  const lang = PRIMARY[primary!];
  if (!lang) return { unsupported: written };
  if (otherLanguageOrScript(lang, rest)) return { unsupported: written };
  if (lang === 'zh' && isTraditional(rest)) return { unsupported: written, variant: 'zh-Hant' };
  return { lang };
}

/** The language, or undefined when the tag is not ar, en or (Simplified) zh. */
export function languageOf(tag: string): Lang | undefined {
  const parsed = parseLanguageTag(tag);
  return 'lang' in parsed ? parsed.lang : undefined;
}

/**
 * The language of a client-supplied tag, or an UNSUPPORTED_LANGUAGE error naming the parameter and the value (its
 * message names the supported languages itself, in each locale's words; `variant` tells a client that Traditional
 * Chinese was recognised, not misread).
 */
export function requireLanguage(tag: string, param: string): Lang {
  const parsed = parseLanguageTag(tag);
  if ('lang' in parsed) return parsed.lang;
  throw unsupportedLanguage(tag, param);
}

/** The UNSUPPORTED_LANGUAGE error for a tag named by `param` (Traditional Chinese named as the variant it is). */
export function unsupportedLanguage(tag: string, param: string): MizanError {
  const parsed = parseLanguageTag(tag);
  return new MizanError(ErrorCode.UNSUPPORTED_LANGUAGE, {
    value: 'lang' in parsed ? tag : parsed.unsupported,
    param,
    ...(!('lang' in parsed) && parsed.variant ? { variant: parsed.variant } : {}),
  });
}

/**
 * A stable, short name for an unsupported tag, used to count skipped languages: the primary subtag in lower case,
 * plus `-Hant` for Traditional Chinese (so `fr-FR` and `fr_CA` count together as `fr`, `zh-TW` as `zh-Hant`).
 */
export function languageFamily(tag: string): string {
  const parsed = parseLanguageTag(tag);
  if ('lang' in parsed) return parsed.lang;
  if (parsed.variant) return parsed.variant;
  return subtags(tag)?.[0] ?? (tag.trim().slice(0, 16) || '(none)');
}
