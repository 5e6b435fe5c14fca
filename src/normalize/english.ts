/**
 * A light English stem: the plural (and third-person) endings only, so that consulate / consulates, policy /
 * policies and tax / taxes share a stem, and differ "by an inflection" at the clitic's cost (¼ word) instead of a
 * whole word. Deliberately no -ed / -ing: cutting them (need → ne? bring → br?) merges words that are not forms of
 * one another, and a translator sees "signed" for "signs" as a real change of tense anyway.
 *
 *   -ies → -y          policies → policy      (stem of at least 3 letters)
 *   -es  after s, x, z, ch, sh → dropped        taxes → tax, matches → match, processes → process
 *   -s   not after s, u, i → dropped            consulates → consulate (glass, status, analysis keep theirs)
 *
 * Only lower-case ASCII words of 4 letters or more (tokens are already folded), and not a few words whose -s is
 * part of another word (news, means, goods, customs, series); the stem of a stem is itself.
 */
const ASCII_WORD = /^[a-z]{4,}$/;
const MIN_STEM = 3;
/** Words whose -s is not a plural of the word without it (news is not new, means is not mean). */
const KEEP = new Set(['news', 'means', 'goods', 'customs', 'series', 'species', 'physics', 'politics', 'economics']);

export function englishStem(word: string): string {
  if (!ASCII_WORD.test(word) || KEEP.has(word)) return word;
  const n = word.length;
  if (word.endsWith('ies') && n - 3 >= MIN_STEM) return word.slice(0, -3) + 'y';
  if (/(?:[sxz]|ch|sh)es$/.test(word) && n - 2 >= MIN_STEM) return word.slice(0, -2);
  if (word.endsWith('s') && !/[sui]s$/.test(word) && n - 1 >= MIN_STEM) return word.slice(0, -1);
  return word;
}
