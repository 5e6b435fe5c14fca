/**
 * The language a file's sources are written in, read from their script: Arabic letters are Arabic, Han characters
 * Chinese, Latin letters English. A file that declares another source language than the one its sources are
 * written in is common (Translate Toolkit's `po2xliff` without a template writes `source-language="en-US"` whatever
 * the PO file holds): the sources' script decides (xliff-lookup.ts resolveLanguages), and the report says so.
 */
import type { Lang } from '../types';

/** Letters read before deciding; fewer than this and the declaration stands. */
export const MIN_LETTERS = 20;
/** Share of the letters one script must have for the sources to count as written in it. */
export const MIN_SHARE = 0.8;

const SCRIPTS: ReadonlyArray<[Lang, RegExp]> = [
  ['ar', /\p{Script=Arabic}/gu],
  ['zh', /\p{Script=Han}/gu],
  ['en', /\p{Script=Latin}/gu],
];

/** The language whose script holds at least MIN_SHARE of the texts' letters (MIN_LETTERS at least), if any. */
export function writtenLanguage(texts: Iterable<string>): Lang | undefined {
  const counts = new Map<Lang, number>();
  let letters = 0;
  for (const text of texts) {
    for (const [lang, pattern] of SCRIPTS) {
      const n = text.match(pattern)?.length ?? 0;
      counts.set(lang, (counts.get(lang) ?? 0) + n);
      letters += n;
    }
  }
  if (letters < MIN_LETTERS) return undefined;
  for (const [lang, n] of counts) if (n >= MIN_SHARE * letters) return lang;
  return undefined;
}
