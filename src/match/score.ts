/**
 * The match score, 0–100 (101 is reserved for context matches).
 *
 *   identical text (NFC, outer whitespace trimmed)          → 100
 *   same tokens, text differs only in harmless ways         → 100 − Σ named penalties, never below 95
 *   otherwise                                               → min(99, round(100 · (1 − d / max(n, m))))
 *
 * where n, m are the token counts and d the weighted token edit distance in words (a clitic-only difference
 * counts ¼). Dividing by the longer length makes the score symmetric and stops a long unit that merely contains
 * the query from scoring high. See DESIGN.md for why.
 */
import type { DifferenceName } from '../normalize';
import { harmlessDifferences } from '../normalize';
import { COST_EDIT } from './levenshtein';

export const SCORE_EXACT = 100;
export const MAX_FUZZY_SCORE = 99;
export const MIN_HARMLESS_SCORE = 95;

/** Points deducted from 100 for each kind of harmless difference. */
export const PENALTIES: Readonly<Record<DifferenceName, number>> = Object.freeze({
  width: 1,
  invisible: 1,
  diacritics: 1,
  letterforms: 1,
  digits: 1,
  case: 1,
  punctuation: 1,
  whitespace: 1,
});

export interface Penalty {
  name: DifferenceName;
  points: number;
}

export interface ScoreDetail {
  score: number;
  /** Token edit distance in words (quarter words for clitics). */
  editDistance: number;
  penalties: Penalty[];
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
  return Math.floor((COST_EDIT * longest * (100 - min + 0.5)) / 100);
}

/** The full score of a candidate, given the distance already computed between their token sequences. */
export function scoreDetail(
  query: { canonical: string; text: string; length: number },
  candidate: { canonical: string; text: string; length: number },
  distanceQuarters: number,
): ScoreDetail {
  const editDistance = distanceQuarters / COST_EDIT;
  if (distanceQuarters === 0 && query.length === candidate.length) {
    if (query.canonical === candidate.canonical) return { score: SCORE_EXACT, editDistance, penalties: [] };
    const penalties = harmlessDifferences(query.text, candidate.text).map((name) => ({ name, points: PENALTIES[name] }));
    // A difference no fold names (e.g. an unusual space character) still makes the text non-identical.
    if (penalties.length === 0) penalties.push({ name: 'whitespace', points: PENALTIES.whitespace });
    const total = penalties.reduce((sum, p) => sum + p.points, 0);
    return { score: Math.max(MIN_HARMLESS_SCORE, SCORE_EXACT - total), editDistance, penalties };
  }
  return { score: fuzzyScore(distanceQuarters, query.length, candidate.length), editDistance, penalties: [] };
}
