/**
 * Aligns an Arabic document with its English and Chinese translations, Arabic as the pivot: paragraphs first (one
 * to one when the counts agree and the lengths fit, else by the same DP over paragraphs), then sentences within
 * each aligned paragraph group, for ar–en and ar–zh separately; the two alignments are then merged into rows at the
 * Arabic boundaries both agree on.
 */
import type { Lang } from '../types';
import { anchorsOf } from './anchors';
import { alignItems, type Bead, type Hint, type Item } from './dp';
import { DEFAULT_MODELS, fitModel, lengthCost, lengthProbability, type LengthModel } from './length-model';
import { cedict, englishKeys } from './lexicon';
import { Segmenter, segmentText, type Paragraph } from './segment';

export type TargetLang = 'en' | 'zh';

export interface AlignedRow {
  ar: string;
  en: string;
  zh: string;
  /** 0-based Arabic paragraph. */
  paragraph: number;
  /** 0–1: how clearly the DP preferred this row's boundaries (see dp.ts). */
  confidence: number;
  /** Weak link, or a sentence without a counterpart: a person should look. */
  review: boolean;
  /** Sentences per language in the row (1:1, 2:1, 1:0 …). */
  shape: Record<Lang, number>;
}

export interface AlignOptions {
  /** Evidence from the TM: cost adjustment for pairing Arabic sentences with target sentences (see dp.ts). */
  hint?: (lang: TargetLang, ar: readonly string[], target: readonly string[]) => number;
}

/** Rows with confidence below this are flagged for review. */
export const REVIEW_BELOW = 0.5;

const lengthOf = (s: string, lang: Lang) => (lang === 'zh' ? s.replace(/\s+/g, '').length : s.length);
const itemsOf = (sentences: readonly string[], lang: Lang): Item[] => sentences.map((s) => ({ len: lengthOf(s, lang), anchors: anchorsOf(s, lang) }));

interface SentenceAlignment {
  beads: Bead[];
}

/**
 * Aligns Arabic paragraphs of sentences with target paragraphs of sentences; bead indexes are over all sentences.
 * `extra` adds evidence by global sentence indexes (the English triangulation for ar–zh).
 */
export function alignParagraphs(ar: readonly Paragraph[], target: readonly Paragraph[], lang: TargetLang, options: AlignOptions = {}, extra?: Hint): SentenceAlignment {
  const arFlat = ar.flatMap((p) => p.sentences);
  const tFlat = target.flatMap((p) => p.sentences);
  const model = fitModel(
    arFlat.reduce((n, s) => n + lengthOf(s, 'ar'), 0),
    tFlat.reduce((n, s) => n + lengthOf(s, lang), 0),
    DEFAULT_MODELS[lang],
  );
  const arStart = offsets(ar);
  const tStart = offsets(target);
  const groups = paragraphGroups(ar, target, model, lang);
  const beads: Bead[] = [];
  for (const g of groups) {
    const aS = arStart[g.a0]!;
    const aE = arStart[g.a1]!;
    const tS = tStart[g.t0]!;
    const tE = tStart[g.t1]!;
    const A = itemsOf(arFlat.slice(aS, aE), 'ar');
    const T = itemsOf(tFlat.slice(tS, tE), lang);
    const tmHint = options.hint;
    const hint: Hint | undefined =
      tmHint || extra
        ? (a0, a1, t0, t1) =>
            (tmHint ? tmHint(lang, arFlat.slice(aS + a0, aS + a1), tFlat.slice(tS + t0, tS + t1)) : 0) + (extra ? extra(aS + a0, aS + a1, tS + t0, tS + t1) : 0)
        : undefined;
    for (const b of alignItems(A, T, { model, hint })) {
      beads.push({ a0: b.a0 + aS, a1: b.a1 + aS, t0: b.t0 + tS, t1: b.t1 + tS, confidence: Math.min(b.confidence, g.confidence) });
    }
  }
  return { beads };
}

function offsets(paragraphs: readonly Paragraph[]): number[] {
  const out = [0];
  for (const p of paragraphs) out.push(out[out.length - 1]! + p.sentences.length);
  return out;
}

/** Paragraph correspondence: one to one when counts agree and every pair's length fits, else the paragraph DP. */
function paragraphGroups(ar: readonly Paragraph[], target: readonly Paragraph[], model: LengthModel, lang: TargetLang): Bead[] {
  const len = (p: Paragraph, l: Lang) => p.sentences.reduce((n, s) => n + lengthOf(s, l), 0);
  if (ar.length === target.length) {
    const fits = ar.every((p, k) => lengthProbability(len(p, 'ar'), len(target[k]!, lang), model) > 1e-4);
    if (fits) return ar.map((_, k) => ({ a0: k, a1: k + 1, t0: k, t1: k + 1, confidence: 1 }));
  }
  if (ar.length === 0 || target.length === 0) return [{ a0: 0, a1: ar.length, t0: 0, t1: target.length, confidence: 0 }];
  const A = ar.map((p) => ({ len: len(p, 'ar'), anchors: anchorsOf(p.sentences.join(' '), 'ar') }));
  const T = target.map((p) => ({ len: len(p, lang), anchors: anchorsOf(p.sentences.join(' '), lang) }));
  return alignItems(A, T, { model });
}

/**
 * Merges the ar–en and ar–zh alignments into rows: a row ends at an Arabic sentence boundary where every present
 * target language has a bead boundary too; target sentences with no Arabic (0:1) at such a boundary become rows of
 * their own.
 */
export function mergeRows(arParagraphs: readonly Paragraph[], targets: Partial<Record<TargetLang, { sentences: string[]; beads: Bead[] }>>): AlignedRow[] {
  const ar = arParagraphs.flatMap((p) => p.sentences);
  const paragraphOf: number[] = [];
  arParagraphs.forEach((p, k) => p.sentences.forEach(() => paragraphOf.push(k)));
  const langs = (Object.keys(targets) as TargetLang[]).filter((l) => targets[l]);
  const boundaryIn = (lang: TargetLang) => new Set(targets[lang]!.beads.map((b) => b.a1));
  const sets = langs.map(boundaryIn);
  const cuts = [0];
  for (let i = 1; i <= ar.length; i++) if (sets.every((s) => s.has(i))) cuts.push(i);
  if (cuts[cuts.length - 1] !== ar.length) cuts.push(ar.length);

  const rows: AlignedRow[] = [];
  const emit = (r0: number, r1: number, zeroWidthAt?: number) => {
    const row: AlignedRow = { ar: ar.slice(r0, r1).join(' '), en: '', zh: '', paragraph: paragraphOf[Math.min(r0, ar.length - 1)] ?? 0, confidence: 1, review: false, shape: { ar: r1 - r0, en: 0, zh: 0 } };
    for (const lang of langs) {
      const { sentences, beads } = targets[lang]!;
      const mine = beads.filter((b) => (zeroWidthAt === undefined ? b.a0 >= r0 && b.a1 <= r1 && b.a1 > b.a0 : b.a0 === zeroWidthAt && b.a1 === zeroWidthAt));
      const picked = mine.flatMap((b) => sentences.slice(b.t0, b.t1));
      row[lang] = picked.join(lang === 'zh' ? '' : ' ');
      row.shape[lang] = picked.length;
      for (const b of mine) row.confidence = Math.min(row.confidence, b.confidence);
      // A present language with nothing in this row, or a row with no Arabic, needs a look.
      if (picked.length === 0 || r1 === r0) row.review = true;
    }
    if (row.confidence < REVIEW_BELOW) row.review = true;
    if (row.ar || langs.some((l) => row[l])) rows.push(row);
  };
  for (let k = 0; k + 1 < cuts.length; k++) {
    const r0 = cuts[k]!;
    if (k === 0) emit(r0, r0, r0); // target sentences before the first Arabic sentence
    emit(r0, cuts[k + 1]!);
    emit(cuts[k + 1]!, cuts[k + 1]!, cuts[k + 1]!);
  }
  if (cuts.length === 1) emit(0, 0, 0);
  return rows.map((r) => ({ ...r, confidence: Math.round(r.confidence * 1000) / 1000 }));
}

/** English → Chinese character ratio and variance (Gale–Church), for triangulating ar–zh through English. */
const EN_ZH: LengthModel = { c: 0.31, s2: 0.7 };
/** Expected −log P of a true pair under the length model: the hint is centred on it so that it favours no bead shape. */
const EXPECTED_PAIR_COST = 1;
/** How much the English evidence counts next to the Arabic (tuned on the shared corpora with --merge 0.1). */
const TRIANGULATION_WEIGHT = 0.5;

/** Nats for pairing an Arabic sentence that the English left untranslated with Chinese text. */
const UNTRANSLATED_COST = 3;
/** Share of Chinese content words glossing into the English that a random pair reaches anyway. */
const LEXICAL_BASELINE = 0.15;
/** Nats per unit of lexical share above the baseline. */
const LEXICAL_WEIGHT = 6;

/**
 * Evidence for ar–zh from the ar–en alignment: where Arabic sentences [a0, a1) are exactly a run of ar–en beads, the
 * English they align with is a second translation: the Chinese should fit its length, and (with CC-CEDICT) its
 * words should gloss into that English.
 */
function triangulate(en: { sentences: string[]; beads: Bead[] }, zh: readonly string[]): Hint {
  // Arabic boundary → the English sentence index at the same boundary (−1: no ar–en bead boundary there).
  const arCount = en.beads.length ? en.beads[en.beads.length - 1]!.a1 : 0;
  const enAt = new Int32Array(arCount + 1).fill(-1);
  for (const b of en.beads) {
    enAt[b.a0] = b.t0;
    enAt[b.a1] = b.t1;
  }
  const enLen = [0];
  for (const s of en.sentences) enLen.push(enLen[enLen.length - 1]! + s.length);
  const zhLen = [0];
  for (const s of zh) zhLen.push(zhLen[zhLen.length - 1]! + lengthOf(s, 'zh'));
  const model = fitModel(enLen[enLen.length - 1]!, zhLen[zhLen.length - 1]!, EN_ZH);
  const lexicon = cedict();
  // English keys as small integers; each Chinese word keeps only the glosses this document's English contains.
  const keyId = new Map<string, number>();
  const enKeys = en.sentences.map((sentence) => {
    const ids = new Set<number>();
    for (const k of englishKeys(sentence)) {
      let id = keyId.get(k);
      if (id === undefined) keyId.set(k, (id = keyId.size));
      ids.add(id);
    }
    return ids;
  });
  const zhWords: number[][][] = lexicon
    ? zh.map((s) => lexicon.words(s).filter((g) => g.length > 0).map((g) => g.flatMap((k) => keyId.get(k) ?? [])))
    : [];
  // Arabic sentences the English left untranslated: pairing them with Chinese text is suspect.
  const untranslated = new Uint8Array(arCount + 1);
  for (const b of en.beads) if (b.t1 === b.t0) for (let a = b.a0; a < b.a1; a++) untranslated[a] = 1;
  const wordsBefore = [0];
  for (const w of zhWords) wordsBefore.push(wordsBefore[wordsBefore.length - 1]! + w.length);
  // Chinese words of sentence t glossing into English sentence e, computed once per pair (a word hitting both
  // sentences of a two-sentence English range counts twice; the sum is capped at the word count).
  const pairs = new Map<number, number>();
  const pairHits = (e: number, t: number): number => {
    const key = e * (zh.length + 1) + t;
    let hits = pairs.get(key);
    if (hits === undefined) {
      hits = 0;
      const english = enKeys[e]!;
      for (const glosses of zhWords[t]!) if (glosses.some((g) => english.has(g))) hits++;
      pairs.set(key, hits);
    }
    return hits;
  };
  return (a0, a1, t0, t1) => {
    const e0 = enAt[a0] ?? -1;
    const e1 = enAt[a1] ?? -1;
    if (e0 < 0 || e1 <= e0) return 0;
    let cost = TRIANGULATION_WEIGHT * (lengthCost(enLen[e1]! - enLen[e0]!, zhLen[t1]! - zhLen[t0]!, model) - EXPECTED_PAIR_COST);
    for (let a = a0; a < a1; a++) if (untranslated[a]) cost += UNTRANSLATED_COST;
    if (lexicon) {
      const words = wordsBefore[t1]! - wordsBefore[t0]!;
      if (words > 0) {
        let hits = 0;
        for (let t = t0; t < t1; t++) for (let e = e0; e < e1; e++) hits += pairHits(e, t);
        cost -= LEXICAL_WEIGHT * (Math.min(words, hits) / words - LEXICAL_BASELINE) * Math.min(1, words / 4);
      }
    }
    return cost;
  };
}

export interface DocumentAlignment {
  en?: { sentences: string[]; beads: Bead[] };
  zh?: { sentences: string[]; beads: Bead[] };
}

/** Aligns ar–en, then ar–zh with the English as extra evidence. */
export function alignDocument(ar: readonly Paragraph[], en: readonly Paragraph[] | undefined, zh: readonly Paragraph[] | undefined, options: AlignOptions = {}): DocumentAlignment {
  const out: DocumentAlignment = {};
  if (en) out.en = { sentences: en.flatMap((p) => p.sentences), beads: alignParagraphs(ar, en, 'en', options).beads };
  if (zh) {
    const sentences = zh.flatMap((p) => p.sentences);
    out.zh = { sentences, beads: alignParagraphs(ar, zh, 'zh', options, out.en ? triangulate(out.en, sentences) : undefined).beads };
  }
  return out;
}

export interface TextTriple {
  ar: string;
  en?: string;
  zh?: string;
}

/** Segments and aligns a document triple (plain texts with blank-line paragraphs). */
export function alignTexts(input: TextTriple, options: AlignOptions = {}): AlignedRow[] {
  const ar = segmentText(input.ar, new Segmenter('ar'));
  const seg = (lang: TargetLang) => (input[lang]?.trim() ? segmentText(input[lang]!, new Segmenter(lang)) : undefined);
  return mergeRows(ar, alignDocument(ar, seg('en'), seg('zh'), options));
}
