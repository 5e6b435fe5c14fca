/**
 * The typed arrays of one document that lexical overlap (overlap.ts) counts over, prepared once: postings (English
 * sentences per key, keys as local ids), and per Chinese sentence its words' glosses that occur in this English.
 */
import type { ZhEnLexicon } from './lexicon';

/** First index k in [from, to) with list[k] ≥ x (list ascending), else to. */
export function firstAtLeast(list: Int32Array, from: number, to: number, x: number): number {
  while (from < to) {
    const mid = (from + to) >> 1;
    if (list[mid]! < x) from = mid + 1;
    else to = mid;
  }
  return from;
}

export function overlapTables(
  lexicon: ZhEnLexicon,
  english: readonly string[],
  zh: readonly string[],
  en: { start: Int32Array; ids: Int32Array },
  localOf: Int32Array,
  globalIds: number[],
): Tables {
  const { localIds, postStart, postings } = englishPostings(english.length, en, localOf, globalIds);
  return {
    postStart,
    postings,
    keysBefore: en.start,
    englishKeys: localIds,
    ...chineseGlosses(lexicon, zh, localOf, globalIds.length),
  };
}

/**
 * The English keys as local ids (assigned here, in order of first use), and postings: the English sentences
 * (ascending) holding local key k are postings[postStart[k] … postStart[k + 1]).
 */
function englishPostings(
  sentences: number,
  en: { start: Int32Array; ids: Int32Array },
  localOf: Int32Array,
  globalIds: number[],
): { localIds: Int32Array; postStart: Int32Array; postings: Int32Array } {
  const localIds = en.ids.map((id) => (localOf[id]! >= 0 ? localOf[id]! : (localOf[id] = globalIds.push(id) - 1)));
  const keyCount = globalIds.length;
  const postStart = new Int32Array(keyCount + 1);
  for (const id of localIds) postStart[id + 1]!++;
  for (let k = 0; k < keyCount; k++) postStart[k + 1]! += postStart[k]!;
  const postings = new Int32Array(localIds.length);
  const next = postStart.slice(0, keyCount);
  for (let e = 0; e < sentences; e++)
    for (let k = en.start[e]!; k < en.start[e + 1]!; k++) postings[next[localIds[k]!]!++] = e;
  return { localIds, postStart, postings };
}

/** The Chinese side of the tables: each sentence's dictionary words and their glosses into this English. */
function chineseGlosses(
  lexicon: ZhEnLexicon,
  zh: readonly string[],
  localOf: Int32Array,
  keyCount: number,
): Pick<Tables, 'wordsBefore' | 'firstWord' | 'glossFrom' | 'glossList' | 'keyFrom' | 'keyList'> {
  // Chinese word w of sentence t (words with a gloss in this English: firstWord[t] … firstWord[t + 1] − 1) has
  // those glosses at glossList[glossFrom[w] … glossFrom[w + 1]); sentence t's distinct ones are
  // keyList[keyFrom[t] … keyFrom[t + 1]).
  const { glossStart, glossIds } = lexicon;
  const zhWords = zh.map((sentence) => lexicon.words(sentence));
  let bound = 0;
  for (const words of zhWords)
    for (const entry of words) if (entry >= 0) bound += glossStart[entry + 1]! - glossStart[entry]!;
  const wordsBefore = new Int32Array(zh.length + 1);
  const firstWord = new Int32Array(zh.length + 1);
  const glossFrom = new Int32Array(bound + 1);
  const glossList = new Int32Array(bound);
  const keyFrom = new Int32Array(zh.length + 1);
  const keyList = new Int32Array(bound);
  const keySeen = new Int32Array(keyCount).fill(-1);
  let w = 0;
  let n = 0;
  let distinct = 0;
  zhWords.forEach((entries, t) => {
    for (const entry of entries) {
      if (entry < 0 || glossStart[entry + 1] === glossStart[entry]) continue;
      wordsBefore[t + 1]!++;
      const before = n;
      for (let g = glossStart[entry]!; g < glossStart[entry + 1]!; g++) {
        const id = localOf[glossIds[g]!]!;
        if (id < 0) continue;
        glossList[n++] = id;
        if (keySeen[id] !== t) keyList[distinct++] = id;
        keySeen[id] = t;
      }
      if (n > before) glossFrom[++w] = n;
    }
    wordsBefore[t + 1]! += wordsBefore[t]!;
    firstWord[t + 1] = w;
    keyFrom[t + 1] = distinct;
  });
  return { wordsBefore, firstWord, glossFrom, glossList, keyFrom, keyList };
}

/** Typed arrays of one document (see lexicalOverlap). */
export interface Tables {
  postStart: Int32Array;
  postings: Int32Array;
  keysBefore: Int32Array;
  /** English sentence e's keys (local ids): englishKeys[keysBefore[e] … keysBefore[e + 1]). */
  englishKeys: Int32Array;
  wordsBefore: Int32Array;
  firstWord: Int32Array;
  glossFrom: Int32Array;
  glossList: Int32Array;
  keyFrom: Int32Array;
  keyList: Int32Array;
}
