/**
 * Evidence for aligning Arabic with one translation from its alignment with the other (Arabic is the pivot; in
 * practice both are often translations of the English): the "second" text aligned with Arabic sentences [a0, a1) is
 * another translation of them, so the target should fit its length and, through CC-CEDICT, share its words. It runs
 * both ways: the ar–en alignment is evidence for ar–zh, and the ar–zh alignment for a second look at ar–en.
 *
 * - Length: only where a0 and a1 are both firm boundaries of the second alignment (the second range is then exact).
 * - Lexical, per sentence (the Chinese side counted by content words glossing into the English, the English side by
 *   keys some Chinese word glosses into): every target sentence of the bead against the second range (where the
 *   Arabic boundaries fall inside beads, the range of the beads holding them), and, for an exact range, every
 *   second-text sentence against the bead's target. Each share is measured against what chance gives for that much
 *   text on the other side (1 − e^(−λ·size)), so a bead over more sentences gains nothing from being bigger; summed
 *   per sentence, the evidence along any path counts every sentence once, whatever the bead shapes.
 * - Shortfall (exact ranges only): a sentence whose share is well below what a translation shows is content the other
 *   side lacks, and costs by how much less likely that share is for a translation than by chance. Within a group
 *   (two sentences of a 2:1 bead's second range, of a 1:2 bead's target) only the units a sentence shares with no
 *   other sentence of the group count: a topic's words are everywhere. This tells a merge (2:1, both Arabic
 *   sentences' content in the target) from an omission glued onto a neighbour (one Arabic sentence's counterpart in
 *   the second text finds nothing in the target: 1:0 + 1:1 is the better path), and an extra target sentence (0:1)
 *   from a split (1:2).
 * - Arabic sentences the second text left untranslated make any pairing with the target suspect.
 */
import type { Bead, Hint } from './dp';
import { fitModel, lengthCost, lengthOf, type LengthModel } from './length-model';
import type { Overlap } from './overlap';

export type Translation = 'en' | 'zh';

/** Arabic aligned with one translation: its sentences and the beads (Arabic sentence indexes are global). */
export interface Aligned {
  sentences: string[];
  beads: Bead[];
}

/** English → Chinese character ratio and variance (Gale–Church), for comparing the two translations. */
const EN_ZH: LengthModel = { c: 0.31, s2: 0.7 };
/**
 * Expected −log P of a true pair under the length model: the hint is centred on it so that it favours no bead
 * shape.
 */
const EXPECTED_PAIR_COST = 1;
/** How much the second text's length evidence counts next to the Arabic. */
const TRIANGULATION_WEIGHT = 0.5;
/** Nats for pairing an Arabic sentence that the second text left untranslated with target text. */
const UNTRANSLATED_COST = 3;
/**
 * Chance of a spurious gloss hit per word (or key) on the other side: a Chinese word meets some key of an unrelated
 * English text of K keys with probability ≈ 1 − e^(−λK) (measured ≈ 0.007–0.01 on news, medical and UN text).
 */
const CHANCE_PER_WORD = 0.01;
/**
 * Nats per unit of share above chance: for a Chinese target sentence; less for an English one (keys are noisier) and
 * for a second-text sentence (its evidence exists only for exact ranges, and must not pull paths towards them).
 */
const TARGET_WEIGHT: Record<Translation, number> = { zh: 6, en: 1 };
const SECOND_WEIGHT = 1;
/** Sentences with fewer content words (keys) than this count proportionally less. */
const FULL_EVIDENCE_WORDS = 4;
/**
 * Rate r at which a translation's Chinese content words (English keys) meet its counterpart beyond chance c (a
 * share of r + (1 − r)·c): true pairs on news, medical, UN and literary text show shares of ≈ 0.45 of words and
 * ≈ 0.57 of keys (median), against ≈ 0.1–0.2 for the neighbouring sentence.
 */
const TRUE_RATE: Record<Translation, number> = { zh: 0.4, en: 0.45 };
/**
 * Chance of a gloss hit per unit for the shortfall: measured against the neighbouring sentence (what an omission
 * glued onto a neighbour looks like) ≈ 0.005–0.007 on news, medical, UN and literary text; CHANCE_PER_WORD is the
 * cautious figure for rewards.
 */
const NEIGHBOUR_CHANCE_PER_WORD = 0.006;
/**
 * Weight of the shortfall's log-likelihood ratio for a target sentence and (stronger: this is what finds an omission)
 * a second-text sentence; the most units it counts, and the most nats it costs, per sentence (no more than about
 * what leaving a sentence unaligned costs: evidence against a pairing must not make dropping both sides cheaper).
 */
const TARGET_SHORTFALL = 0.5;
const SECOND_SHORTFALL = 0.75;
const EFFECTIVE_UNITS = 16;
const SHORTFALL_CAP = 3;
/**
 * Units counted even against a side with fewer (a sentence paired with a bare link or name is no translation of
 * it).
 */
const MIN_CAPACITY = 4;

/** Confidence of the second alignment at a boundary (its neighbouring beads' best) below which it is no evidence. */
const FIRM = 0.5;

/** Sizes (units on the other side) whose chance and shortfall weights are kept in tables. */
const TABLED = 2048;

/**
 * By size of the other side (per language of the units counted): chance of a hit (rewards), and the shortfall's
 * log-likelihood ratio per hit and per miss; NaN until first needed. They depend on constants only.
 */
interface Weights {
  chance: Float64Array;
  perHit: Float64Array;
  perMiss: Float64Array;
}
const WEIGHTS: Record<Translation, Weights> = {
  zh: {
    chance: new Float64Array(TABLED).fill(NaN),
    perHit: new Float64Array(TABLED),
    perMiss: new Float64Array(TABLED),
  },
  en: {
    chance: new Float64Array(TABLED).fill(NaN),
    perHit: new Float64Array(TABLED),
    perMiss: new Float64Array(TABLED),
  },
};

function weigh(w: Weights, rate: number, size: number): void {
  w.chance[size] = 1 - Math.exp(-CHANCE_PER_WORD * size);
  const c = Math.max(0.005, 1 - Math.exp(-NEIGHBOUR_CHANCE_PER_WORD * size));
  const p = rate + (1 - rate) * c;
  w.perHit[size] = Math.log(p / c);
  w.perMiss[size] = Math.log((1 - p) / (1 - c));
}

/** One language's sentences as the lexical evidence sees them. */
class View {
  /** Prefix sums of countable units per sentence (Chinese content words, English keys). */
  readonly units: Int32Array;
  /** Prefix sums of the other language's units (how much text chance has to work with). */
  readonly other: Int32Array;
  private readonly rate: number;
  private readonly w: Weights;

  constructor(
    private readonly lexical: Overlap,
    private readonly chinese: boolean,
  ) {
    this.units = chinese ? lexical.wordsBefore : lexical.keysBefore;
    this.other = chinese ? lexical.keysBefore : lexical.wordsBefore;
    this.rate = chinese ? TRUE_RATE.zh : TRUE_RATE.en;
    this.w = chinese ? WEIGHTS.zh : WEIGHTS.en;
  }

  /** Units of sentence k meeting the other language's sentences [o0, o1). */
  hits(k: number, o0: number, o1: number): number {
    return this.chinese ? this.lexical.chineseHits(k, o0, o1) : this.lexical.englishHits(k, o0, o1);
  }

  /**
   * Units of sentence k found in no other sentence of [g0, g1) (and, in lexical.uniqueHits, how many meet
   * [o0, o1)).
   */
  unique(k: number, g0: number, g1: number, o0: number, o1: number): number {
    return this.chinese ? this.lexical.chineseUnique(k, g0, g1, o0, o1) : this.lexical.englishUnique(k, g0, g1, o0, o1);
  }

  /**
   * Cost of the sentences [k0, k1) against the other language's sentences [o0, o1): `weight` nats per unit of share
   * above chance, and `shortfall` times the shortfall of each sentence's share (within a group of sentences, of the
   * units it shares with no other sentence of the group), at most SHORTFALL_CAP nats a sentence.
   */
  evidence(k0: number, k1: number, o0: number, o1: number, weight: number, shortfall: number): number {
    const size = Math.min(TABLED - 1, this.other[o1]! - this.other[o0]!);
    if (Number.isNaN(this.w.chance[size])) weigh(this.w, this.rate, size);
    const chance = this.w.chance[size]!;
    let cost = 0;
    for (let k = k0; k < k1; k++) {
      const n = this.units[k + 1]! - this.units[k]!;
      if (n === 0) continue;
      const h = Math.min(n, this.hits(k, o0, o1));
      cost -= weight * (h / n - chance) * Math.min(1, n / FULL_EVIDENCE_WORDS);
      if (shortfall === 0) continue;
      if (k1 - k0 === 1) cost += Math.min(SHORTFALL_CAP, shortfall * this.shortfall(n, h, size));
      else {
        const units = this.unique(k, k0, k1, o0, o1);
        cost += Math.min(SHORTFALL_CAP, shortfall * this.shortfall(units, this.lexical.uniqueHits, size));
      }
    }
    return cost;
  }

  /**
   * Nats against "these units are translated in the other side's `size` units", given that `hits` of them meet it:
   * the log-likelihood ratio of that share under translation (rate + chance) and under chance alone, per unit,
   * counted over at most EFFECTIVE_UNITS units (hits are far from independent) and over no more units than the
   * other side has (but at least MIN_CAPACITY).
   */
  private shortfall(units: number, hits: number, size: number): number {
    const n = Math.min(units, Math.max(size, MIN_CAPACITY));
    if (n === 0) return 0;
    const share = Math.min(1, hits / n);
    const perUnit = share * this.w.perHit[size]! + (1 - share) * this.w.perMiss[size]!;
    return perUnit < 0 ? -Math.min(n, EFFECTIVE_UNITS) * perUnit : 0;
  }
}

/** What the Arabic's alignment with the second translation says about each Arabic boundary and sentence. */
function boundaries(beads: readonly Bead[]) {
  const arCount = beads.length ? beads[beads.length - 1]!.a1 : 0;
  // Arabic boundary → the second text's sentence index at the same boundary (−1: no bead boundary there).
  const at = new Int32Array(arCount + 1).fill(-1);
  // Per Arabic sentence, the second text's range of the bead holding it.
  const from = new Int32Array(arCount);
  const to = new Int32Array(arCount);
  // Arabic sentences the second text left untranslated.
  const untranslated = new Uint8Array(arCount);
  // Only firm boundaries (next to a bead the second alignment is sure of) make a range exact.
  beads.forEach((b, k) => {
    const firm = (c: number) => Math.max(b.confidence, c) >= FIRM;
    if (firm(beads[k - 1]?.confidence ?? 1)) at[b.a0] = b.t0;
    if (firm(beads[k + 1]?.confidence ?? 1)) at[b.a1] = b.t1;
    for (let a = b.a0; a < b.a1; a++) {
      from[a] = b.t0;
      to[a] = b.t1;
      untranslated[a] = b.t1 === b.t0 && b.confidence >= FIRM ? 1 : 0;
    }
  });
  return { arCount, at, from, to, untranslated };
}

/**
 * A hint for aligning Arabic with `target` (the translation other than `secondLang`), from `second`, the Arabic's
 * alignment with the other translation. `lexical`: the document's English–Chinese overlap (null without the lexicon).
 */
export function triangulate(
  second: Aligned,
  secondLang: Translation,
  target: readonly string[],
  lexical: Overlap | null,
): Hint {
  const targetLang: Translation = secondLang === 'en' ? 'zh' : 'en';
  const { arCount, at, from, to, untranslated } = boundaries(second.beads);
  const prefix = (sentences: readonly string[], lang: Translation) => {
    const out = new Float64Array(sentences.length + 1);
    sentences.forEach((s, k) => (out[k + 1] = out[k]! + lengthOf(s, lang)));
    return out;
  };
  const secondLen = prefix(second.sentences, secondLang);
  const targetLen = prefix(target, targetLang);
  const [enLen, zhLen] = secondLang === 'en' ? [secondLen, targetLen] : [targetLen, secondLen];
  const model = fitModel(enLen[enLen.length - 1]!, zhLen[zhLen.length - 1]!, EN_ZH);
  const costOfLengths = lengthCost; // a local: some loaders (tsx) make every use of an import a getter call
  const pairCost =
    secondLang === 'en'
      ? (s: number, t: number) => costOfLengths(s, t, model)
      : (s: number, t: number) => costOfLengths(t, s, model);
  const targetView = lexical && new View(lexical, targetLang === 'zh');
  const secondView = lexical && new View(lexical, secondLang === 'zh');
  const targetWeight = TARGET_WEIGHT[targetLang];

  return (a0, a1, t0, t1) => {
    if (a1 > arCount) return 0;
    const s0 = at[a0]!;
    const s1 = at[a1]!;
    const exact = s0 >= 0 && s1 > s0;
    let cost = 0;
    if (exact)
      cost +=
        TRIANGULATION_WEIGHT *
        (pairCost(secondLen[s1]! - secondLen[s0]!, targetLen[t1]! - targetLen[t0]!) - EXPECTED_PAIR_COST);
    for (let a = a0; a < a1; a++) if (untranslated[a]) cost += UNTRANSLATED_COST;
    if (!targetView || !secondView) return cost;
    const f0 = exact ? s0 : from[a0]!;
    const f1 = exact ? s1 : to[a1 - 1]!;
    if (f1 <= f0) return cost;
    cost += targetView.evidence(t0, t1, f0, f1, targetWeight, exact ? TARGET_SHORTFALL : 0);
    if (exact) cost += secondView.evidence(s0, s1, t0, t1, SECOND_WEIGHT, SECOND_SHORTFALL);
    return cost;
  };
}
