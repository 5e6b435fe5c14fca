/**
 * A row of all three languages where the Arabic has one sentence and both translations the same k > 1 sentences that
 * agree with each other, and no clause boundary of the Arabic fits where they cut (split.ts found none): the Arabic
 * most likely lacks k − 1 sentences that the translations have (a sentence the Arabic text omits, glued by the DP
 * onto its neighbour: a 1:2:2 row). Which of the k the Arabic is: the one whose lengths fit the Arabic's best in both
 * translations, with anchors (numbers, names) agreeing; taken only when it is clearly better than every other
 * (GAP_MARGIN), and the others become rows without Arabic, flagged `missing` — what the user sees when the English or
 * the Chinese lacks a sentence. Otherwise the row stays whole (and flagged, settle.ts).
 */
import { anchorCost, anchorsOf } from './anchors';
import { DEFAULT_MODELS, lengthCost, lengthOf } from './length-model';

/**
 * Nats by which the chosen sentence must beat every other for the Arabic. `eval:align --raw` (docs/benchmarks.md): at
 * 3 and 6 nats some Arabic that ran two sentences together was paired with one of them (wrong links left without a
 * flag on flores200_devtest `--omit-one` and wmt24pp); at 10, no more unflagged wrong links than without the rule on
 * any corpus or mode, and fewer wrong links in all (F1 up to +0.006).
 */
export const GAP_MARGIN = 10;

/** The index among the translations' k sentences that the Arabic sentence renders, or null without clear evidence. */
export function arabicAmong(ar: string, en: readonly string[], zh: readonly string[]): number | null {
  const k = en.length;
  if (k < 2 || zh.length !== k) return null;
  const la = lengthOf(ar, 'ar');
  const arAnchors = anchorsOf(ar, 'ar');
  const cost = (j: number) =>
    (['en', 'zh'] as const).reduce((sum, lang) => {
      const s = (lang === 'en' ? en : zh)[j]!;
      return sum + lengthCost(la, lengthOf(s, lang), DEFAULT_MODELS[lang]) + anchorCost(arAnchors, anchorsOf(s, lang));
    }, 0);
  const costs = Array.from({ length: k }, (_, j) => cost(j));
  const best = costs.indexOf(Math.min(...costs));
  return costs.every((c, j) => j === best || c - costs[best]! >= GAP_MARGIN) ? best : null;
}
