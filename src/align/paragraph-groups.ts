/**
 * Paragraphs of a document and its translation put in correspondence before their sentences are aligned
 * (aligner.ts): one to one when the counts agree and every pair's length fits, else by the DP over paragraphs.
 */
import type { Lang } from '../types';
import { anchorsOf } from './anchors';
import { alignItems, type Bead } from './dp';
import { lengthOf, lengthProbability, type LengthModel } from './length-model';
import type { TargetLang } from './row';
import type { Paragraph } from './segment';

/** Index of each paragraph's first sentence in the document, and the sentence count last. */
export function offsets(paragraphs: readonly Paragraph[]): number[] {
  const out = [0];
  for (const p of paragraphs) out.push(out[out.length - 1]! + p.sentences.length);
  return out;
}

/** Paragraph correspondence: one to one when counts agree and every pair's length fits, else the paragraph DP. */
export function paragraphGroups(
  ar: readonly Paragraph[],
  target: readonly Paragraph[],
  model: LengthModel,
  lang: TargetLang,
): Bead[] {
  const len = (p: Paragraph, l: Lang) => p.sentences.reduce((n, s) => n + lengthOf(s, l), 0);
  if (ar.length === target.length) {
    const fits = ar.every((p, k) => lengthProbability(len(p, 'ar'), len(target[k]!, lang), model) > 1e-4);
    if (fits) return ar.map((_, k) => ({ a0: k, a1: k + 1, t0: k, t1: k + 1, confidence: 1 }));
  }
  if (ar.length === 0 || target.length === 0)
    return [{ a0: 0, a1: ar.length, t0: 0, t1: target.length, confidence: 0 }];
  const A = ar.map((p) => ({ len: len(p, 'ar'), anchors: anchorsOf(p.sentences.join(' '), 'ar') }));
  const T = target.map((p) => ({ len: len(p, lang), anchors: anchorsOf(p.sentences.join(' '), lang) }));
  return alignItems(A, T, { model });
}
