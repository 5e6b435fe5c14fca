/**
 * `eval:align --raw`: each document laid out as running text (raw-layout.ts), imported by the same step as
 * `POST /api/v1/documents` (documentRows: segmentation, alignment, the rows' flags; a fresh TM, so no TM evidence),
 * rows mapped back to the gold lines by character spans; link P/R/F1 over gold links, and how the review flags cover
 * the wrong links and rows. The baseline is Gale–Church (lengths only, one DP over the whole document) on the same
 * segmentation, merged into rows the same way.
 */
import { alignItems, mergeRows, Segmenter, segmentText, type AlignedRow, type TargetLang } from '../../src/align';
import { sweep, sweepReport, type Sweep } from './flag-sweep';
import { DEFAULT_MODELS, lengthOf } from '../../src/align/length-model';
import { documentRows } from '../../src/service/documents';
import type { Lang } from '../../src/types';
import { goldLinks, layout, locate, scoreRows, LANGS3, type RawDoc, type SpanRow } from './raw-layout';
import { prf, round } from './stats';

export interface RawOptions {
  merge: number;
  omit: number;
  omitOne?: boolean;
  random: () => number;
  log?: (line: string) => void;
}

interface Tally {
  tp: number;
  right: number;
  pred: number;
  gold: number;
  wrong: number;
  wrongFlagged: number;
  rows: number;
  flagged: number;
  gaps: number;
  gapsFlagged: number;
  wrongRows: number;
  wrongRowsFlagged: number;
}

const tally = (): Tally => ({
  tp: 0,
  right: 0,
  pred: 0,
  gold: 0,
  wrong: 0,
  wrongFlagged: 0,
  rows: 0,
  flagged: 0,
  gaps: 0,
  gapsFlagged: 0,
  wrongRows: 0,
  wrongRowsFlagged: 0,
});

const noAnchors = { numbers: [], spelled: [], latin: [], names: [], question: 0, exclaim: 0, quote: 0, paren: 0 };
const segmenters = { ar: new Segmenter('ar'), en: new Segmenter('en'), zh: new Segmenter('zh') };

/** Rows as spans in the document's stripped texts. */
function spanRows(doc: RawDoc, rows: readonly AlignedRow[]): SpanRow[] {
  const spans = Object.fromEntries(
    LANGS3.map((l) => [
      l,
      locate(
        rows.map((r) => r[l]),
        doc[l].stripped,
      ),
    ]),
  ) as Record<Lang, ([number, number] | null)[]>;
  const langs = LANGS3.filter((l) => rows.some((r) => r[l]));
  return rows.map((r, k) => ({
    spans: { ar: spans.ar[k], en: spans.en[k], zh: spans.zh[k] },
    flagged: r.review,
    gap: langs.some((l) => !r[l]),
  }));
}

/** mizan's rows for a laid-out document: the import step itself. */
const mizanRows = (doc: RawDoc): AlignedRow[] => documentRows({ ar: doc.ar.text, en: doc.en.text, zh: doc.zh.text });

/** Gale–Church (lengths only, one DP per pair over the whole document) on the same segmentation, merged into rows. */
function baselineRows(doc: RawDoc): AlignedRow[] {
  const paragraphs = (l: Lang) => segmentText(doc[l].text, segmenters[l]);
  const ar = paragraphs('ar');
  const arItems = ar.flatMap((p) => p.sentences).map((s) => ({ len: lengthOf(s, 'ar'), anchors: noAnchors }));
  const pair = (lang: TargetLang) => {
    const sentences = paragraphs(lang).flatMap((p) => p.sentences);
    const items = sentences.map((s) => ({ len: lengthOf(s, lang), anchors: noAnchors }));
    return { sentences, beads: alignItems(arItems, items, { model: DEFAULT_MODELS[lang] }) };
  };
  return mergeRows(ar, { en: pair('en'), zh: pair('zh') }, { settle: false });
}

/**
 * Links are scored against two golds: a predicted link counts as right if a perfect aligner of the triple could make
 * it (goldLinks through all three languages), and recall is over the pair's own links.
 */
function addTo(t: Tally, rows: SpanRow[], doc: RawDoc, lang: TargetLang, show?: readonly AlignedRow[]): void {
  const acceptable = goldLinks(doc, lang, LANGS3);
  const required = goldLinks(doc, lang);
  const s = scoreRows(rows, doc, lang, acceptable);
  // EVAL_SHOW=missed | caught | needless | unflagged | all: mizan's wrong rows without a flag, with one, right rows
  // with one, every row without one (for reading rows against a gold coarser than sentences), or every row in document
  // order (for reading runs of rows); each with its wrong links.
  const wrongAt = new Set(s.wrongAt);
  const SHOWN: Record<string, (r: number) => boolean> = {
    missed: (r) => wrongAt.has(r) && !rows[r]!.flagged,
    caught: (r) => wrongAt.has(r) && rows[r]!.flagged,
    needless: (r) => !wrongAt.has(r) && rows[r]!.flagged,
    unflagged: (r) => !rows[r]!.flagged,
    all: () => true,
  };
  const shown = SHOWN[process.env.EVAL_SHOW ?? ''];
  if (show && shown)
    rows.forEach((_, r) => {
      if (shown(r)) process.stderr.write(`${lang} ${JSON.stringify({ ...show[r], wrongLinks: s.wrongLinks[r] })}\n`);
    });
  for (const link of s.links) if (acceptable.has(link)) t.right++;
  for (const link of required) if (s.links.has(link)) t.tp++;
  t.pred += s.links.size;
  t.gold += required.size;
  t.wrong += s.wrong;
  t.wrongFlagged += s.wrongFlagged;
  t.rows += s.rows;
  t.flagged += s.flagged;
  t.gaps += s.gaps;
  t.gapsFlagged += s.gapsFlagged;
  t.wrongRows += s.wrongRows;
  t.wrongRowsFlagged += s.wrongRowsFlagged;
}

const f1 = (t: Tally) => prf(t.right, t.pred, t.tp, t.gold);

/**
 * What the review flags catch: wrong links and wrong rows in flagged rows, the share of rows flagged, and of the rows
 * that are not 1:0 / 0:1.
 */
const flags = (t: Tally) => ({
  wrong_links: t.wrong,
  wrong_links_flagged: round(t.wrong ? t.wrongFlagged / t.wrong : 1, 4),
  wrong_rows: t.wrongRows,
  wrong_rows_flagged: round(t.wrongRows ? t.wrongRowsFlagged / t.wrongRows : 1, 4),
  flag_precision: round(t.flagged ? t.wrongRowsFlagged / t.flagged : 1, 4),
  rows: t.rows,
  rows_flagged: round(t.rows ? t.flagged / t.rows : 0, 4),
  // Rows where a language has nothing (each omission makes one, flagged by design), and the share of the other rows
  // flagged.
  rows_with_a_gap: round(t.rows ? t.gaps / t.rows : 0, 4),
  other_rows_flagged: round(t.rows > t.gaps ? (t.flagged - t.gapsFlagged) / (t.rows - t.gaps) : 0, 4),
});

export interface RawResult {
  docs: number;
  lines: number;
  ms: number;
  chars: number;
  result: Record<string, unknown>;
}

/** Runs the raw evaluation over documents given as line indexes into the corpus's lines. */
export function evalRaw(lines: Record<Lang, string[]>, docs: Map<string, number[]>, options: RawOptions): RawResult {
  const score = { en: tally(), zh: tally() };
  const sweeps: Record<TargetLang, Sweep> = { en: {}, zh: {} };
  const base = { en: tally(), zh: tally() };
  let ms = 0;
  let count = 0;
  let chars = 0;
  for (const ks of docs.values()) {
    const doc = layout(
      Object.fromEntries(LANGS3.map((l) => [l, ks.map((k) => lines[l][k]!)])) as Record<Lang, string[]>,
      options,
    );
    chars += doc.ar.text.length;
    const t = performance.now();
    const aligned = mizanRows(doc);
    ms += performance.now() - t;
    const rows = spanRows(doc, aligned);
    const baseline = spanRows(doc, baselineRows(doc));
    for (const lang of ['en', 'zh'] as TargetLang[]) {
      addTo(score[lang], rows, doc, lang, aligned);
      if (process.env.EVAL_SWEEP) sweep(sweeps[lang], rows, aligned, doc, lang);
      addTo(base[lang], baseline, doc, lang);
    }
    if (options.log && ++count % 200 === 0) options.log(`${count}/${docs.size} documents`);
  }
  const sentences = [...docs.values()].reduce((n, ks) => n + ks.length, 0);
  return {
    docs: docs.size,
    lines: sentences,
    ms,
    chars,
    result: {
      ar_en: f1(score.en),
      ar_zh: f1(score.zh),
      baseline_ar_en: f1(base.en),
      baseline_ar_zh: f1(base.zh),
      ar_en_f1: f1(score.en).f1,
      ar_zh_f1: f1(score.zh).f1,
      baseline_ar_en_f1: f1(base.en).f1,
      baseline_ar_zh_f1: f1(base.zh).f1,
      flags_ar_en: flags(score.en),
      flags_ar_zh: flags(score.zh),
      ...(process.env.EVAL_SWEEP && { sweep_ar_en: sweepReport(sweeps.en), sweep_ar_zh: sweepReport(sweeps.zh) }),
    },
  };
}

/** Import time of one laid-out document of the given lines (segmentation, alignment, flags), ms. */
export function timeRaw(lines: Record<Lang, string[]>, ks: number[]): number {
  const doc = layout(
    Object.fromEntries(LANGS3.map((l) => [l, ks.map((k) => lines[l][k]!)])) as Record<Lang, string[]>,
    { merge: 0, omit: 0, random: Math.random },
  );
  const t = performance.now();
  documentRows({ ar: doc.ar.text, en: doc.en.text, zh: doc.zh.text });
  return performance.now() - t;
}
