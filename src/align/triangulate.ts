/**
 * Evidence for ar–zh from the ar–en alignment (Arabic is the pivot; in practice both are often translations of the
 * English): the English aligned with Arabic sentences [a0, a1) is a second translation of them, so the Chinese
 * should fit its length and (with CC-CEDICT) its words should gloss into that English.
 *
 * - Length: only where a0 and a1 are both ar–en bead boundaries (the English range is then exact).
 * - Lexical, per sentence: every Chinese sentence of the bead by its share of content words glossing into the
 *   English range (where the Arabic boundaries fall inside ar–en beads, the range of the beads holding them), and,
 *   for an exact range, every English sentence by its share of keys the Chinese glosses into. Each share is
 *   measured against what chance gives for that much text on the other side (1 − e^(−λ·size)), so a bead over
 *   more sentences gains nothing from being bigger; summed per sentence, the evidence along any path counts every
 *   Chinese sentence once, whatever the bead shapes. (A single share per bead, as before, let a wrong 1:1 whose
 *   Chinese half-matched score as well as the right 1:2, and an English sentence with no Chinese went unnoticed.)
 * - Arabic sentences the English left untranslated make any pairing with Chinese suspect.
 */
import type { Bead, Hint } from './dp';
import { fitModel, lengthCost, lengthOf, type LengthModel } from './length-model';
import { lexicalOverlap } from './overlap';

/** English → Chinese character ratio and variance (Gale–Church), for triangulating ar–zh through English. */
const EN_ZH: LengthModel = { c: 0.31, s2: 0.7 };
/** Expected −log P of a true pair under the length model: the hint is centred on it so that it favours no bead shape. */
const EXPECTED_PAIR_COST = 1;
/** How much the English length evidence counts next to the Arabic. */
const TRIANGULATION_WEIGHT = 0.5;
/** Nats for pairing an Arabic sentence that the English left untranslated with Chinese text. */
const UNTRANSLATED_COST = 3;
/**
 * Chance of a spurious gloss hit per word (or key) on the other side: a Chinese word meets some key of an unrelated
 * English text of K keys with probability ≈ 1 − e^(−λK) (measured ≈ 0.007–0.01 on news, medical and UN text).
 */
const CHANCE_PER_WORD = 0.01;
/** Nats per unit of share above chance: for a Chinese sentence, and (weaker, keys are noisier) an English one. */
const CHINESE_WEIGHT = 6;
const ENGLISH_WEIGHT = 1;
/** Sentences with fewer content words (keys) than this count proportionally less. */
const FULL_EVIDENCE_WORDS = 4;

export function triangulate(en: { sentences: string[]; beads: Bead[] }, zh: readonly string[]): Hint {
  // Arabic boundary → the English sentence index at the same boundary (−1: no ar–en bead boundary there).
  const arCount = en.beads.length ? en.beads[en.beads.length - 1]!.a1 : 0;
  const enAt = new Int32Array(arCount + 1).fill(-1);
  // Per Arabic sentence, the English range of the ar–en bead holding it.
  const enFrom = new Int32Array(arCount);
  const enTo = new Int32Array(arCount);
  // Arabic sentences the English left untranslated.
  const untranslated = new Uint8Array(arCount);
  for (const b of en.beads) {
    enAt[b.a0] = b.t0;
    enAt[b.a1] = b.t1;
    for (let a = b.a0; a < b.a1; a++) {
      enFrom[a] = b.t0;
      enTo[a] = b.t1;
      untranslated[a] = b.t1 === b.t0 ? 1 : 0;
    }
  }
  const enLen = new Float64Array(en.sentences.length + 1);
  en.sentences.forEach((s, e) => (enLen[e + 1] = enLen[e]! + s.length));
  const zhLen = new Float64Array(zh.length + 1);
  zh.forEach((s, t) => (zhLen[t + 1] = zhLen[t]! + lengthOf(s, 'zh')));
  const model = fitModel(enLen[en.sentences.length]!, zhLen[zh.length]!, EN_ZH);
  const lexical = lexicalOverlap(en.sentences, zh, Math.max(16, Math.ceil(0.02 * Math.max(arCount, zh.length))));
  const costOfLengths = lengthCost; // a local: some loaders (tsx) make every use of an import a getter call

  return (a0, a1, t0, t1) => {
    if (a1 > arCount) return 0;
    const e0 = enAt[a0]!;
    const e1 = enAt[a1]!;
    const exact = e0 >= 0 && e1 > e0;
    let cost = 0;
    if (exact) cost += TRIANGULATION_WEIGHT * (costOfLengths(enLen[e1]! - enLen[e0]!, zhLen[t1]! - zhLen[t0]!, model) - EXPECTED_PAIR_COST);
    for (let a = a0; a < a1; a++) if (untranslated[a]) cost += UNTRANSLATED_COST;
    if (!lexical) return cost;
    const f0 = exact ? e0 : enFrom[a0]!;
    const f1 = exact ? e1 : enTo[a1 - 1]!;
    if (f1 <= f0) return cost;
    const { wordsBefore, keysBefore } = lexical;
    let chance = 1 - Math.exp(-CHANCE_PER_WORD * (keysBefore[f1]! - keysBefore[f0]!));
    for (let t = t0; t < t1; t++) {
      const words = wordsBefore[t + 1]! - wordsBefore[t]!;
      if (words === 0) continue;
      const hits = lexical.chineseHits(t, f0, f1);
      cost -= CHINESE_WEIGHT * (Math.min(words, hits) / words - chance) * Math.min(1, words / FULL_EVIDENCE_WORDS);
    }
    if (!exact) return cost;
    chance = 1 - Math.exp(-CHANCE_PER_WORD * (wordsBefore[t1]! - wordsBefore[t0]!));
    for (let e = e0; e < e1; e++) {
      const keys = keysBefore[e + 1]! - keysBefore[e]!;
      if (keys === 0) continue;
      const hits = lexical.englishHits(e, t0, t1);
      cost -= ENGLISH_WEIGHT * (Math.min(keys, hits) / keys - chance) * Math.min(1, keys / FULL_EVIDENCE_WORDS);
    }
    return cost;
  };
}
