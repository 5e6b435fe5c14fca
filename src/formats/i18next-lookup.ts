/**
 * Looking an i18next source text up in the TM, whichever way a unit holds its placeables.
 *
 * A unit holds them either as codes (a TMX import keeps inline codes as U+E000 + k, which the lookup numbers like
 * the query's) or literally (a unit added by hand: `لديك {{count}} رسائل جديدة` → `You have {{count}} new
 * messages`). The matcher counts a literal placeable as words (`{{count}}` is the word "count", `<0>` the number 0,
 * `$t(common:app)` three words) and a code as none, so the same text scores apart depending on how each side holds
 * them: the resource `لديك {{count}} رسائل جديدة`, sent with its placeables as codes, scored 75 against a unit
 * holding that very text. Hence the rule:
 *
 * 1. Two forms are looked up: the protected text (placeables as codes: finds the units that hold codes, or a number
 *    where the resource has `{{count}}`) and the literal text (finds the units that hold the placeables as written,
 *    fuzzy ones included, at the matcher's score for the words around them).
 * 2. A candidate whose TM source, its literal placeables paired with the query's as the target's are
 *    (i18next-placeables.ts), is the protected text (NFC, outer whitespace trimmed) scores 100: it is the resource's
 *    text but for the names of its placeables, as a unit whose codes are numbered apart is. Renaming one still costs
 *    a point (i18next-pretranslate.ts): `{{name}}` written as `{{user}}` gives 99.
 * 3. The protected form is looked up at `min` lowered to the matcher's score for a unit that is the resource's text
 *    with every placeable named otherwise (the text's words over its words and placeables' words: `مرحبا {{user}}،
 *    أهلا بك في الموقع` 5 of 6 → 83), not below RETRIEVAL_FLOOR, so that step 2 sees such a unit whatever `min`;
 *    a candidate is kept only when its score, so counted, reaches `min`. A unit whose placeables' names take more
 *    words than the resource's may still be missed at a high `min`: the matcher never returns it.
 * 4. The literal form's candidates that the matcher adapted (its source differs from the query only in numbers) are
 *    left out: a Trans tag's index is a number to the matcher, which would rename `<1>` to `<0>` unseen (no point
 *    off); the protected form finds such a unit and counts the renaming.
 * 5. A unit found by both forms is taken once, at the better score (the protected form's candidate on a tie); the
 *    best CANDIDATES are kept.
 * A value's printf placeholders (`%s`, `%1$s`, `%(name)s`; not `%%`) are placeables here too, as in XLIFF
 * (xliff-placeholders.ts): the value is looked up with the syntax `withPrintf` gives it (i18next-syntax.ts), and the
 * draft's check requires them as it does `{{x}}` (DESIGN.md, "Interchange: XLIFF and i18next").
 */
import type { Lang } from '../types';
import { tokenize } from '../normalize';
import { DEFAULT_SYNTAX, protect, type PlaceableSyntax, withPrintf } from './i18next-syntax';
import { mapSourcePlaceables } from './i18next-placeables';
import type { Candidate, Lookup } from './xliff-lookup';

/** Candidates looked at per source text: the best one that carries the source's placeables is written. */
export const CANDIDATES = 5;

/** Lowest score the protected form is looked up at when `min` is lowered for renamed placeables (step 3). */
export const RETRIEVAL_FLOOR = 50;

const PUA = /[\uE000-\uF8FF]/g;

const same = (a: string, b: string) => a.normalize('NFC').trim() === b.normalize('NFC').trim();

/**
 * The score the matcher gives a unit that is `value` with every placeable renamed (step 3), at most `min`;
 * undefined when the text has no word outside its placeables (it is not looked up: nothing to match on).
 */
export function retrievalMin(value: string, protectedText: string, min: number): number | undefined {
  const words = tokenize(protectedText.replace(PUA, ' ')).length;
  if (words === 0) return undefined;
  const all = tokenize(value).length;
  return Math.min(min, Math.max(RETRIEVAL_FLOOR, Math.floor((100 * words) / Math.max(all, words))));
}

/** A candidate's TM score with placeables counted as the query's (step 2). */
export function placeableScore(
  placeables: readonly string[],
  protectedText: string,
  candidate: Candidate,
  syntax: PlaceableSyntax = DEFAULT_SYNTAX,
): number {
  // A unit with a code the query lacks is not the query, whatever its words (tm-codes.ts).
  if (candidate.score >= 100 || candidate.sourceText === undefined || candidate.tmOnly) return candidate.score;
  const mapped = mapSourcePlaceables(placeables, candidate.sourceText, syntax);
  return same(mapped, protectedText) ? 100 : candidate.score;
}

/**
 * Candidates ≥ min for source values looked up from `from` into `tgt`, best first, at most CANDIDATES (see the file
 * comment); each value is looked up once.
 */
export function i18nextCandidates(
  lookup: Lookup,
  from: Lang,
  tgt: Lang,
  min: number,
  syntax: PlaceableSyntax = DEFAULT_SYNTAX,
): (value: string) => Promise<Candidate[]> {
  const cache = new Map<string, Candidate[]>();
  return async (value) => {
    const cached = cache.get(value);
    if (cached) return cached;
    const own = withPrintf(value, syntax);
    const { text, placeables } = protect(value, own);
    const best = new Map<string, Candidate>();
    const consider = (found: readonly Candidate[], literal: boolean) => {
      for (const candidate of found) {
        if (literal && candidate.adapted !== undefined) continue;
        const score = placeableScore(placeables, text, candidate, own);
        const held = best.get(candidate.unitId);
        if (score >= min && (!held || score > held.score)) best.set(candidate.unitId, { ...candidate, score });
      }
    };
    if (placeables.length === 0) consider(await lookup(text, from, { tgt, min, limit: CANDIDATES }), false);
    else {
      const low = retrievalMin(value, text, min);
      // No word outside the placeables: the protected form finds nothing, the literal one is not asked (names alone).
      consider(await lookup(text, from, { tgt, min: low ?? min, limit: CANDIDATES }), false);
      if (low !== undefined) consider(await lookup(value, from, { tgt, min, limit: CANDIDATES }), true);
    }
    const found = [...best.values()].sort((a, b) => b.score - a.score).slice(0, CANDIDATES);
    cache.set(value, found);
    return found;
  };
}
