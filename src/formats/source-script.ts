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

/** Texts a {@link ScriptSample} looks at per language at most: enough to tell, and bounded on a large file. */
const SAMPLE_TEXTS = 1000;
/** Share of a language's texts that must be Arabic script for the hint. */
const ARABIC_TEXTS_SHARE = 1 / 3;

/**
 * The texts of each language written in Arabic script (MIN_SHARE of their letters), counted while a TMX shows no
 * Arabic (tmx-sax.ts), so that a file whose Arabic is labelled another language is refused with a hint. po2tmx's
 * default `--source-language en` labels both sides `en`: half of the `en` texts are then Arabic, hence a share of the
 * texts rather than of the letters (a stray Arabic name in English texts stays under it).
 */
export class ScriptSample {
  private readonly texts = new Map<string, { arabic: number; all: number }>();

  add(language: string, text: string): void {
    let count = this.texts.get(language);
    if (!count) this.texts.set(language, (count = { arabic: 0, all: 0 }));
    if (count.all >= SAMPLE_TEXTS) return;
    const letters = text.match(/\p{L}/gu)?.length ?? 0;
    if (letters === 0) return;
    count.all++;
    if ((text.match(/\p{Script=Arabic}/gu)?.length ?? 0) >= MIN_SHARE * letters) count.arabic++;
  }

  /** The first language (in code order) of which at least a third of the texts are written in Arabic script. */
  arabicWritten(): string | undefined {
    return [...this.texts.keys()].sort().find((lang) => {
      const { arabic, all } = this.texts.get(lang)!;
      return arabic > 0 && arabic >= ARABIC_TEXTS_SHARE * all;
    });
  }
}
