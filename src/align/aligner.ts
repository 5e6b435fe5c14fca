/**
 * Aligns an Arabic document with its English and Chinese translations, Arabic as the pivot: paragraphs first (one
 * to one when the counts agree and the lengths fit, else by the same DP over paragraphs), then sentences within
 * each aligned paragraph group, for ar–en and then ar–zh (with the ar–en alignment as evidence, triangulate.ts),
 * then ar–en again around the links the Chinese speaks against (and ar–zh again where that changed the English);
 * the two alignments are then merged into rows at the Arabic boundaries both agree on. The sentences' lengths
 * and anchors are computed once for all passes.
 */
import type { Lang } from '../types';
import { anchorsOf } from './anchors';
import { alignItems, type Bead, type Hint, type Item } from './dp';
import { DEFAULT_MODELS, fitModel, lengthOf, lengthProbability } from './length-model';
import { Segmenter, segmentText, type Paragraph } from './segment';
import { lexicalOverlap } from './overlap';
import { triangulate, type Aligned } from './triangulate';
import { flagDocument } from './flags';
import { offsets, paragraphGroups } from './paragraph-groups';
import { mergeRows, type AlignedRow, type TargetLang } from './rows';
import { finish, type Steps } from './steps';

export { mergeRows, REVIEW_BELOW, type AlignedRow, type ReviewReason, type TargetLang } from './rows';

export interface AlignOptions {
  /** Evidence from the TM: cost adjustment for pairing Arabic sentences with target sentences (see dp.ts). */
  hint?: (lang: TargetLang, ar: readonly string[], target: readonly string[]) => number;
}

const itemsOf = (sentences: readonly string[], lang: Lang): Item[] =>
  sentences.map((s) => ({ len: lengthOf(s, lang), anchors: anchorsOf(s, lang) }));

interface SentenceAlignment {
  beads: Bead[];
}

/** A second pass: `previous` re-aligned only around its doubtful beads (PAD beads either side), the rest kept. */
interface Revision {
  previous: readonly Bead[];
  doubtful: (b: Bead) => boolean;
}

/**
 * Length probability (two-sided tail of Gale–Church δ) below which a link's confidence is scaled down in proportion:
 * true pairs fall below it about once in a thousand on news, medical, UN and literary text, a sentence glued onto its
 * neighbour's translation (2:1 where 1:0 + 1:1 is right) one time in two or more.
 */
const LENGTH_CERTAIN = 0.1;

/** Beads kept on either side of a doubtful bead when it is re-aligned. */
const PAD = 2;

/**
 * Aligns Arabic paragraphs of sentences with target paragraphs of sentences; bead indexes are over all sentences.
 * `extra` adds evidence by global sentence indexes (the English triangulation for ar–zh).
 */
export function alignParagraphs(
  ar: readonly Paragraph[],
  target: readonly Paragraph[],
  lang: TargetLang,
  options: AlignOptions = {},
  extra?: Hint,
): SentenceAlignment {
  const tItems = itemsOf(
    target.flatMap((p) => p.sentences),
    lang,
  );
  return alignSentences(
    ar,
    itemsOf(
      ar.flatMap((p) => p.sentences),
      'ar',
    ),
    target,
    tItems,
    lang,
    options,
    extra,
  );
}

/** alignParagraphs with the items (lengths, anchors) given: a document computes them once for every pass. */
function alignSentences(
  ar: readonly Paragraph[],
  arItems: readonly Item[],
  target: readonly Paragraph[],
  tItems: readonly Item[],
  lang: TargetLang,
  options: AlignOptions,
  extra?: Hint,
  revision?: Revision,
): SentenceAlignment {
  const arFlat = ar.flatMap((p) => p.sentences);
  const tFlat = target.flatMap((p) => p.sentences);
  const arLen = prefixLengths(arItems);
  const tLen = prefixLengths(tItems);
  const model = fitModel(arLen[arItems.length]!, tLen[tItems.length]!, DEFAULT_MODELS[lang]);
  const tmHint = options.hint;
  // The hint for items numbered from Arabic sentence aS and target sentence tS.
  const hintFrom = (aS: number, tS: number): Hint | undefined =>
    tmHint
      ? (a0, a1, t0, t1) =>
          tmHint(lang, arFlat.slice(aS + a0, aS + a1), tFlat.slice(tS + t0, tS + t1)) +
          (extra ? extra(aS + a0, aS + a1, tS + t0, tS + t1) : 0)
      : extra && (aS !== 0 || tS !== 0)
        ? (a0, a1, t0, t1) => extra(aS + a0, aS + a1, tS + t0, tS + t1)
        : extra;
  // A link is no surer than its lengths fit: a bead whose target is far longer or shorter than expected (an
  // omission glued onto a neighbour, say) loses confidence however clearly the DP preferred it.
  const fit = (b: Bead) =>
    b.a1 === b.a0 || b.t1 === b.t0
      ? 1
      : Math.min(1, lengthProbability(arLen[b.a1]! - arLen[b.a0]!, tLen[b.t1]! - tLen[b.t0]!, model) / LENGTH_CERTAIN);
  const align = (a0: number, a1: number, t0: number, t1: number, confidence: number): Bead[] =>
    alignItems(arItems.slice(a0, a1), tItems.slice(t0, t1), { model, hint: hintFrom(a0, t0) }).map((x) => {
      const b = {
        a0: x.a0 + a0,
        a1: x.a1 + a0,
        t0: x.t0 + t0,
        t1: x.t1 + t0,
        confidence: Math.min(x.confidence, confidence),
      };
      b.confidence = Math.min(b.confidence, fit(b));
      return b;
    });
  const arStart = offsets(ar);
  const tStart = offsets(target);
  const beads: Bead[] = [];
  let k = 0; // next previous bead
  for (const g of paragraphGroups(ar, target, model, lang)) {
    const aS = arStart[g.a0]!;
    const aE = arStart[g.a1]!;
    const tS = tStart[g.t0]!;
    const tE = tStart[g.t1]!;
    if (!revision) {
      beads.push(...align(aS, aE, tS, tE, g.confidence));
      continue;
    }
    const mine: Bead[] = [];
    for (const prev = revision.previous; k < prev.length && prev[k]!.a1 <= aE && prev[k]!.t1 <= tE; k++)
      mine.push(prev[k]!);
    beads.push(...revise(mine, revision.doubtful, (a0, a1, t0, t1) => align(a0, a1, t0, t1, g.confidence)));
  }
  return { beads };
}

/** A paragraph group's beads from the previous pass, with a window around each doubtful one aligned again. */
function revise(
  mine: Bead[],
  doubtful: (b: Bead) => boolean,
  align: (a0: number, a1: number, t0: number, t1: number) => Bead[],
): Bead[] {
  for (const [i, j] of windows(mine, doubtful)) {
    const redone = align(mine[i]!.a0, mine[j]!.a1, mine[i]!.t0, mine[j]!.t1);
    // A window's edges are certain within it; inside a paragraph group, the first pass (which saw beyond them)
    // has the say there (the beads at the edges are PAD beads from any doubtful one).
    if (i > 0) redone[0]!.confidence = Math.min(redone[0]!.confidence, mine[i]!.confidence);
    if (j < mine.length - 1)
      redone[redone.length - 1]!.confidence = Math.min(redone[redone.length - 1]!.confidence, mine[j]!.confidence);
    mine.splice(i, j + 1 - i, ...redone);
  }
  return mine;
}

/**
 * Index ranges [i, j] of the beads to re-align: each doubtful bead with PAD beads either side, overlaps joined;
 * last first.
 */
function windows(beads: readonly Bead[], doubtful: (b: Bead) => boolean): [number, number][] {
  const out: [number, number][] = [];
  beads.forEach((b, k) => {
    if (!doubtful(b)) return;
    const i = Math.max(0, k - PAD);
    const j = Math.min(beads.length - 1, k + PAD);
    const last = out[out.length - 1];
    if (last && i <= last[1] + 1) last[1] = j;
    else out.push([i, j]);
  });
  return out.reverse();
}

function prefixLengths(items: readonly Item[]): Float64Array {
  const out = new Float64Array(items.length + 1);
  items.forEach((x, k) => (out[k + 1] = out[k]! + x.len));
  return out;
}

export interface DocumentAlignment {
  en?: Aligned;
  zh?: Aligned;
}

/**
 * Aligns ar–en, then ar–zh with the English as evidence, then ar–en again where the Chinese speaks against it (an
 * Arabic sentence the English lacks but the Chinese has shows here: its Chinese finds nothing in the English it was
 * glued to), and ar–zh again where that changed the English.
 */
export function alignDocument(
  ar: readonly Paragraph[],
  en: readonly Paragraph[] | undefined,
  zh: readonly Paragraph[] | undefined,
  options: AlignOptions = {},
): DocumentAlignment {
  return finish(alignDocumentSteps(ar, en, zh, options));
}

function* alignDocumentSteps(
  ar: readonly Paragraph[],
  en: readonly Paragraph[] | undefined,
  zh: readonly Paragraph[] | undefined,
  options: AlignOptions,
): Steps<DocumentAlignment> {
  const out: DocumentAlignment = {};
  const arItems = itemsOf(
    ar.flatMap((p) => p.sentences),
    'ar',
  );
  const enSentences = en?.flatMap((p) => p.sentences) ?? [];
  const zhSentences = zh?.flatMap((p) => p.sentences) ?? [];
  const enItems = itemsOf(enSentences, 'en');
  const zhItems = itemsOf(zhSentences, 'zh');
  yield;
  if (en) out.en = { sentences: enSentences, beads: alignSentences(ar, arItems, en, enItems, 'en', options).beads };
  if (!zh) return out;
  yield;
  const lexical = en
    ? lexicalOverlap(
        enSentences,
        zhSentences,
        Math.max(16, Math.ceil(0.02 * Math.max(arItems.length, zhSentences.length))),
      )
    : null;
  yield;
  const fromEnglish = (english: Aligned | undefined) => english && triangulate(english, 'en', zhSentences, lexical);
  out.zh = {
    sentences: zhSentences,
    beads: alignSentences(ar, arItems, zh, zhItems, 'zh', options, fromEnglish(out.en)).beads,
  };
  if (!en || !out.en) return out;
  yield;
  const fromChinese = triangulate(out.zh, 'zh', enSentences, lexical);
  const first = out.en.beads;
  const doubtful = (b: Bead) =>
    b.a1 === b.a0 || b.t1 === b.t0 || b.confidence < CERTAIN || fromChinese(b.a0, b.a1, b.t0, b.t1) > EVIDENCE_AGAINST;
  const second = alignSentences(ar, arItems, en, enItems, 'en', options, fromChinese, {
    previous: first,
    doubtful,
  }).beads;
  const changed = changedSpans(first, second);
  if (changed.length === 0) return out;
  yield;
  out.en = { sentences: enSentences, beads: second };
  const touches = (b: Bead) => changed.some(([lo, hi]) => b.a0 <= hi && b.a1 >= lo);
  out.zh = {
    sentences: zhSentences,
    beads: alignSentences(ar, arItems, zh, zhItems, 'zh', options, fromEnglish(out.en), {
      previous: out.zh.beads,
      doubtful: touches,
    }).beads,
  };
  return out;
}

/** A first-pass bead below this confidence is looked at again in the second pass. */
const CERTAIN = 0.9;
/** Nats of evidence against a first-pass bead (from the other translation) that make it doubtful. */
const EVIDENCE_AGAINST = 1;

/** Arabic spans [lo, hi] of the beads in `after` that are not in `before`. */
function changedSpans(before: readonly Bead[], after: readonly Bead[]): [number, number][] {
  const kept = new Set(before.map((b) => `${b.a0} ${b.a1} ${b.t0} ${b.t1}`));
  return after.filter((b) => !kept.has(`${b.a0} ${b.a1} ${b.t0} ${b.t1}`)).map((b) => [b.a0, b.a1]);
}

export interface TextTriple {
  ar: string;
  en?: string;
  zh?: string;
}

/** Segments and aligns a document triple (plain texts with blank-line paragraphs), rows flagged (flags.ts). */
export function alignTexts(input: TextTriple, options: AlignOptions = {}): AlignedRow[] {
  return finish(alignTextsSteps(input, options));
}

/** alignTexts in steps (see Steps): a pause after each language's segmentation and each alignment pass. */
export function* alignTextsSteps(input: TextTriple, options: AlignOptions = {}): Steps<AlignedRow[]> {
  const ar = segmentText(input.ar, new Segmenter('ar'));
  yield;
  const seg = (lang: TargetLang) => (input[lang]?.trim() ? segmentText(input[lang]!, new Segmenter(lang)) : undefined);
  const en = seg('en');
  yield;
  const zh = seg('zh');
  const aligned = yield* alignDocumentSteps(ar, en, zh, options);
  yield;
  const rows = mergeRows(ar, aligned);
  yield;
  return flagDocument(rows);
}
