/**
 * The language of an answer: the best of ar, en, zh that the request's Accept-Language asks for, else English. Tags
 * are read by the same parser as every other place a language is named, so `ar-EG`, `zh_CN`, `zh-Hans-CN` and
 * `EN_gb` count, and `fr` is passed over. Traditional Chinese (`zh-TW`, `zh_HK`, `zh-Hant`) is not mizan's Chinese
 * for matching, but for messages it asks for Chinese: the Simplified messages serve its reader better than English.
 */
import type { Request } from 'express';
import { FALLBACK_LANG, UI_LANGS, type UiLang } from '../i18n';
import { tagLanguage } from '../service';

/** Short header values seen before, and their answer: clients send the same few again and again. */
const seen = new Map<string, UiLang>();
const SEEN_MAX = 256;
/** Any Chinese tag, Traditional included (see above). */
const CHINESE = /^(zh|zho|chi)([-_]|$)/i;

/**
 * RFC 9110 quality values: the highest-weighted supported language wins, the first listed among equals; `q=0` refuses
 * a language; `*` stands for the languages the header does not name (English first, then Arabic, then Chinese), so
 * `en;q=0, *` is Arabic; nothing acceptable, or nothing at all, is English.
 */
export function languageFromHeader(header: string | undefined): UiLang {
  if (!header) return FALLBACK_LANG;
  const known = seen.get(header);
  if (known) return known;
  const best = bestLanguage(header.slice(0, 1000));
  if (header.length <= 200) {
    if (seen.size >= SEEN_MAX) seen.clear();
    seen.set(header, best);
  }
  return best;
}

/** The header's ranges with their weights, in order: a language, or `*` (undefined); unsupported ones left out. */
function ranges(header: string): { lang: UiLang | undefined; q: number }[] {
  const out: { lang: UiLang | undefined; q: number }[] = [];
  for (const part of header.split(',')) {
    const [tag = '', ...params] = part.split(';');
    const qParam = params.map((p) => p.trim()).find((p) => /^q=/i.test(p));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!(q >= 0 && q <= 1)) continue;
    const name = tag.trim();
    const lang = name === '*' ? undefined : (tagLanguage(name) ?? (CHINESE.test(name) ? 'zh' : undefined));
    if (lang || name === '*') out.push({ lang, q });
  }
  return out;
}

function bestLanguage(header: string): UiLang {
  const listed = ranges(header);
  const named = new Set(listed.map((r) => r.lang));
  const refused = new Set(listed.filter((r) => r.q === 0).map((r) => r.lang));
  let best: UiLang = FALLBACK_LANG;
  let bestQ = 0;
  for (const { lang, q } of listed) {
    const langs = lang ? [lang] : UI_LANGS.filter((l) => !named.has(l));
    for (const l of langs) if (q > bestQ && !refused.has(l)) [best, bestQ] = [l, q];
  }
  return best;
}

export function answerLanguage(req: Request): UiLang {
  return languageFromHeader(req.headers['accept-language']);
}
