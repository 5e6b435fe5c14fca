/**
 * The match score, 0–100 (101 for a context match).
 *
 *   identical text (NFC, outer whitespace trimmed)                     → 100 (101 if its neighbours match too)
 *   same tokens, text differs only in harmless ways                    → 100 − Σ named penalties, never below 95
 *   same tokens but for k numbers (targets adapted)                    → max(fuzzy, min(99, 100 − 2k)),
 *                                                                        penalty "numbers"
 *   otherwise (fuzzy)                                                  → min(99, round(100 · (1 − d / max(n, m))))
 *
 * where n, m are the token counts and d the weighted token edit distance in words (a clitic-only difference
 * counts ¼). Dividing by the longer length makes the score symmetric and stops a long unit that merely contains
 * the query from scoring high. See DESIGN.md for why.
 */
import { canonical, harmlessDifferences, type DifferenceName } from '../normalize';
import { COST_EDIT } from './levenshtein';
import type { PreparedQuery } from './query';
import type { Vocabulary } from './vocabulary';

export const SCORE_EXACT = 100;
export const SCORE_CONTEXT = 101;
export const MAX_FUZZY_SCORE = 99;
export const MIN_HARMLESS_SCORE = 95;
/** Points per number that differs between query and match (the targets are adapted). */
export const NUMBER_PENALTY = 2;

export type PenaltyName = DifferenceName | 'numbers';

/** Points deducted from 100 for each kind of harmless difference. */
export const PENALTIES: Readonly<Record<DifferenceName, number>> = Object.freeze({
  width: 1,
  invisible: 1,
  diacritics: 1,
  letterforms: 1,
  digits: 1,
  script: 1,
  case: 1,
  punctuation: 1,
  whitespace: 1,
});

export interface Penalty {
  name: PenaltyName;
  points: number;
}

export interface ScoreDetail {
  score: number;
  /** Token edit distance in words (quarter words for clitics). */
  editDistance: number;
  penalties: Penalty[];
  /** The match differs from the query only in numbers: its targets can be adapted. */
  adapted: boolean;
}

/** A candidate as stored: its text and token ids `ids[from .. from+len)`. */
export interface CandidateView {
  text: () => string;
  ids: Int32Array;
  from: number;
  len: number;
}

/** The fuzzy part of the score for a distance in quarter words between sequences of n and m tokens. */
export function fuzzyScore(distanceQuarters: number, n: number, m: number): number {
  const longest = Math.max(n, m);
  if (longest === 0) return MAX_FUZZY_SCORE;
  const similarity = 1 - distanceQuarters / (COST_EDIT * longest);
  return Math.max(0, Math.min(MAX_FUZZY_SCORE, Math.round(100 * similarity)));
}

/**
 * The largest distance (quarter words) that can still reach `min` for sequences of n and m tokens.
 * Used to stop the edit distance early; callers still check the final score.
 */
export function distanceLimit(min: number, n: number, m: number): number {
  const longest = Math.max(n, m);
  return Math.floor((COST_EDIT * longest * (100 - Math.min(min, SCORE_EXACT) + 0.5)) / 100);
}

/** Positions where query and candidate differ, if every one of them is a number on both sides; else undefined. */
function numberOnlyDifferences(query: PreparedQuery, c: CandidateView, vocabulary: Vocabulary): number | undefined {
  if (query.n !== c.len || query.numberCount === 0) return undefined;
  const numbers = vocabulary.numbers;
  let k = 0;
  for (let i = 0; i < c.len; i++) {
    const cid = c.ids[c.from + i]!;
    if (query.ids[i] === cid) continue;
    if (!numbers[cid] || !vocabulary.isNumber(query.tokens[i]!)) return undefined;
    k++;
  }
  return k;
}

/** The full score of a candidate, given the distance already computed between their token sequences. */
export function scoreCandidate(
  query: PreparedQuery,
  c: CandidateView,
  distanceQuarters: number,
  vocabulary: Vocabulary,
): ScoreDetail {
  const editDistance = distanceQuarters / COST_EDIT;
  if (distanceQuarters === 0 && query.n === c.len) {
    const text = c.text();
    if (query.canonical === canonical(text)) return { score: SCORE_EXACT, editDistance, penalties: [], adapted: false };
    const penalties: Penalty[] = harmlessDifferences(query.text, text).map((name) => ({
      name,
      points: PENALTIES[name],
    }));
    // A difference no fold names (e.g. an unusual space character) still makes the text non-identical.
    if (penalties.length === 0) penalties.push({ name: 'whitespace', points: PENALTIES.whitespace });
    const total = penalties.reduce((sum, p) => sum + p.points, 0);
    return { score: Math.max(MIN_HARMLESS_SCORE, SCORE_EXACT - total), editDistance, penalties, adapted: false };
  }
  const fuzzy = fuzzyScore(distanceQuarters, query.n, c.len);
  const k = numberOnlyDifferences(query, c, vocabulary);
  if (k !== undefined && k > 0) {
    const score = Math.max(fuzzy, Math.min(MAX_FUZZY_SCORE, SCORE_EXACT - NUMBER_PENALTY * k));
    return { score, editDistance, penalties: [{ name: 'numbers', points: SCORE_EXACT - score }], adapted: true };
  }
  return { score: fuzzy, editDistance, penalties: [], adapted: false };
}
