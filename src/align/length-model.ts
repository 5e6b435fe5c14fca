/**
 * The Gale–Church length model: a target of length lt for a source of length la is likely when
 * δ = (lt − c·la) / √(s²·la) is small; the cost is −log P(|δ|) with P = 2(1 − Φ(|δ|)). c and s² are per language
 * pair (character ratios: ar→en ≈ 1.1, ar→zh ≈ 0.36 on news), re-estimated per document for c.
 */

export interface LengthModel {
  /** Expected target characters per source character. */
  c: number;
  /** Variance per source character. */
  s2: number;
}

/** Characters that count for length: without spaces for Chinese, as written otherwise. */
export const lengthOf = (s: string, lang: 'ar' | 'en' | 'zh'): number =>
  lang === 'zh' ? s.replace(/\s+/g, '').length : s.length;

export const DEFAULT_MODELS: Record<'en' | 'zh', LengthModel> = {
  en: { c: 1.12, s2: 4.0 },
  zh: { c: 0.36, s2: 1.0 },
};

/** Standard normal CDF (Abramowitz–Stegun 7.1.26, |error| < 1.5e-7). */
export function phi(x: number): number {
  const t = 1 / (1 + (0.3275911 * Math.abs(x)) / Math.SQRT2);
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + y) / 2 : (1 - y) / 2;
}

/** Probability that lengths this far apart are a translation pair (two-sided tail of δ). */
export function lengthProbability(la: number, lt: number, model: LengthModel): number {
  if (la === 0 && lt === 0) return 1;
  const mean = (la + lt / model.c) / 2; // symmetric in the two sides, as in Gale & Church
  const delta = (lt - model.c * mean) / Math.sqrt(model.s2 * Math.max(mean, 1));
  return Math.max(1e-12, 2 * (1 - phi(Math.abs(delta))));
}

export function lengthCost(la: number, lt: number, model: LengthModel): number {
  return -Math.log(lengthProbability(la, lt, model));
}

/** The document's own ratio, pulled towards the default when the document is short. */
export function fitModel(sourceChars: number, targetChars: number, base: LengthModel): LengthModel {
  if (sourceChars === 0 || targetChars === 0) return base;
  const weight = Math.min(1, sourceChars / 2000);
  return { c: weight * (targetChars / sourceChars) + (1 - weight) * base.c, s2: base.s2 };
}
