/**
 * Aligns an Arabic document with its English and Chinese translations, Arabic as the pivot: paragraphs first (one
 * to one when the counts agree and the lengths fit, else by the same DP over paragraphs), then sentences within
 * each aligned paragraph group, for ar–en and then ar–zh (with the ar–en alignment as evidence, triangulate.ts);
 * the two alignments are then merged into rows at the Arabic boundaries both agree on. The Arabic sentences' lengths
 * and anchors are computed once for both.
 */
import type { Lang } from '../types';
import { anchorsOf } from './anchors';
import { alignItems, type Bead, type Hint, type Item } from './dp';
import { DEFAULT_MODELS, fitModel, lengthOf, lengthProbability, type LengthModel } from './length-model';
import { Segmenter, segmentText, type Paragraph } from './segment';
import { triangulate } from './triangulate';

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

const itemsOf = (sentences: readonly string[], lang: Lang): Item[] => sentences.map((s) => ({ len: lengthOf(s, lang), anchors: anchorsOf(s, lang) }));

interface SentenceAlignment {
  beads: Bead[];
}

/**
 * Aligns Arabic paragraphs of sentences with target paragraphs of sentences; bead indexes are over all sentences.
 * `extra` adds evidence by global sentence indexes (the English triangulation for ar–zh).
 */
export function alignParagraphs(ar: readonly Paragraph[], target: readonly Paragraph[], lang: TargetLang, options: AlignOptions = {}, extra?: Hint): SentenceAlignment {
  return alignSentences(ar, itemsOf(ar.flatMap((p) => p.sentences), 'ar'), target, lang, options, extra);
}

/** alignParagraphs with the Arabic items (lengths, anchors) given: a document computes them once for both languages. */
function alignSentences(ar: readonly Paragraph[], arItems: readonly Item[], target: readonly Paragraph[], lang: TargetLang, options: AlignOptions, extra?: Hint): SentenceAlignment {
  const arFlat = ar.flatMap((p) => p.sentences);
  const tFlat = target.flatMap((p) => p.sentences);
  const model = fitModel(
    arItems.reduce((n, x) => n + x.len, 0),
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
    const A = arItems.slice(aS, aE);
    const T = itemsOf(tFlat.slice(tS, tE), lang);
    const tmHint = options.hint;
    const hint: Hint | undefined = tmHint
      ? (a0, a1, t0, t1) => tmHint(lang, arFlat.slice(aS + a0, aS + a1), tFlat.slice(tS + t0, tS + t1)) + (extra ? extra(aS + a0, aS + a1, tS + t0, tS + t1) : 0)
      : extra && (aS !== 0 || tS !== 0)
        ? (a0, a1, t0, t1) => extra(aS + a0, aS + a1, tS + t0, tS + t1)
        : extra;
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

export interface DocumentAlignment {
  en?: { sentences: string[]; beads: Bead[] };
  zh?: { sentences: string[]; beads: Bead[] };
}

/** Aligns ar–en, then ar–zh with the English as extra evidence. */
export function alignDocument(ar: readonly Paragraph[], en: readonly Paragraph[] | undefined, zh: readonly Paragraph[] | undefined, options: AlignOptions = {}): DocumentAlignment {
  const out: DocumentAlignment = {};
  const arItems = itemsOf(ar.flatMap((p) => p.sentences), 'ar');
  if (en) out.en = { sentences: en.flatMap((p) => p.sentences), beads: alignSentences(ar, arItems, en, 'en', options).beads };
  if (zh) {
    const sentences = zh.flatMap((p) => p.sentences);
    out.zh = { sentences, beads: alignSentences(ar, arItems, zh, 'zh', options, out.en ? triangulate(out.en, sentences) : undefined).beads };
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
