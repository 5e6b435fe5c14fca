/**
 * Translated words as the guide of a cut the lengths could not place (split.ts): an Arabic segment facing two
 * English sentences whose proportions do not match (a free translation) is cut where its words before the cut gloss
 * into the first English sentence and its words after it into the second, read through FreeDict's Arabic–English
 * word list (ar-lexicon.ts). Only for an Arabic short side, only against English: the word list the aligner has.
 */
import type { Lang } from '../types';
import { arEnLexicon } from './ar-lexicon';

/** Per word of the short side's text that the word list knows, the ids it glosses into; per guide sentence, its ids. */
export interface WordGuide {
  glosses(text: string): readonly (readonly number[])[];
  sentences: readonly ReadonlySet<number>[];
}

/** A boundary of the short side's text where a cut may be made (split.ts finds them). */
export interface Boundary {
  /** Where the next piece starts in the joined text. */
  at: number;
  /** Where the previous piece ends (before the spaces). */
  end: number;
  mark: string;
  strength: number;
  forced: boolean;
}

/** Words on each side of the cut glossing into that side's sentence only, at least. */
export const WORDS_EACH_SIDE = 2;
/** The cut's net words (own less wrong-side) beat any other strong boundary far from it by this many. */
export const WORDS_MARGIN = 2;

/** The word guide of a row whose Arabic is the short side (none for another side, or without the word list). */
export function wordGuide(short: Lang, sentences: Record<Lang, readonly string[]>): WordGuide | undefined {
  if (short !== 'ar') return undefined;
  const arEn = arEnLexicon();
  if (!arEn) return undefined;
  return { glosses: (text) => arEn.arabicGlosses(text), sentences: sentences.en.map((s) => arEn.englishIds(s)) };
}

/**
 * One cut placed by the words: the boundary of a mark at least `limits.weak` strong (not a bare «و» or "and") with
 * WORDS_EACH_SIDE words or more on each side glossing into that side's sentence only and none into the other's,
 * whose net count beats every other such boundary further than `limits.far` (in proportion of the text) by
 * WORDS_MARGIN, and with no anchor (number, Latin name) on the wrong side (`anchorsAgree`). Doubtful (one
 * language's words decided it), not weak. Measured: docs/benchmarks.md, "Sixth session".
 */
export function byWords(
  text: string,
  list: readonly Boundary[],
  words: WordGuide,
  limits: { weak: number; far: number },
  anchorsAgree: (piece: number, from: number, to: number) => boolean,
): { pieces: string[]; marks: string[]; doubtful: boolean; weak: boolean } | null {
  const [first, second] = words.sentences;
  if (!first || !second || words.sentences.length !== 2) return null;
  const side = (ids: readonly number[]) => {
    const a = ids.some((id) => first.has(id));
    const b = ids.some((id) => second.has(id));
    return a === b ? 0 : a ? 1 : 2;
  };
  const tally = (t: string, own: number) => {
    let mine = 0;
    let wrong = 0;
    for (const ids of words.glosses(t)) {
      const s = side(ids);
      if (s === own) mine++;
      else if (s !== 0) wrong++;
    }
    return [mine, wrong] as const;
  };
  const scored = list
    .filter((b) => !b.forced && b.strength >= limits.weak)
    .map((b) => {
      const [before, wrongBefore] = tally(text.slice(0, b.end), 1);
      const [after, wrongAfter] = tally(text.slice(b.at), 2);
      const wrong = wrongBefore + wrongAfter;
      return { b, before, after, wrong, net: before + after - wrong };
    });
  let best: (typeof scored)[number] | undefined;
  for (const x of scored) if (!best || x.net > best.net) best = x;
  if (!best || best.wrong > 0 || best.before < WORDS_EACH_SIDE || best.after < WORDS_EACH_SIDE) return null;
  const { b } = best;
  const far = (o: Boundary) => Math.abs(o.at - b.at) / text.length > limits.far;
  if (scored.some((o) => o !== best && far(o.b) && o.net > best.net - WORDS_MARGIN)) return null;
  const pieces = [text.slice(0, b.end).trim(), text.slice(b.at).trim()];
  if (pieces.some((p) => !p) || !anchorsAgree(0, 0, b.end) || !anchorsAgree(1, b.at, text.length)) return null;
  return { pieces, marks: [b.mark], doubtful: true, weak: false };
}
