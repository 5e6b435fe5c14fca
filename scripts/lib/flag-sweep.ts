/**
 * `EVAL_SWEEP=1 npm run eval:align -- --raw …`: how each candidate review signal, added to the flags rows.ts sets
 * (confidence, missing, counts, weak-split, split-numbers), would cover the wrong links and how many rows it would
 * flag. Used to choose the document-level flags (src/align/flags.ts) and their thresholds.
 */
import { anchorCost, anchorsOf, type AlignedRow, type TargetLang } from '../../src/align';
import type { Lang } from '../../src/types';
import { lengthFits, ratioDeviations } from './length-signals';
import { goldLinks, scoreRows, LANGS3, type RawDoc, type SpanRow } from './raw-layout';
import { round } from './stats';

export type Sweep = Record<string, { wrong: number; wrongFlagged: number; rows: number; flagged: number }>;

const BASE = new Set(['confidence', 'missing', 'counts', 'weak-split', 'split-numbers']);
const L3 = ['ar', 'en', 'zh'] as const;

/** The worst anchor cost over the row's pairs (numbers on one side only or disagreeing cost ≥ 2). */
function anchorWorst(r: AlignedRow): number {
  let worst = -Infinity;
  for (const [a, b] of [
    ['ar', 'en'],
    ['ar', 'zh'],
    ['en', 'zh'],
  ] as const)
    if (r[a] && r[b]) worst = Math.max(worst, anchorCost(anchorsOf(r[a], a), anchorsOf(r[b], b)));
  return worst;
}

export function sweep(
  into: Sweep,
  rows: readonly SpanRow[],
  aligned: readonly AlignedRow[],
  doc: RawDoc,
  lang: TargetLang,
): void {
  const langs = L3.filter((l) => aligned.some((r) => r[l]));
  const lacks = (r?: AlignedRow) => !!r && langs.some((l) => !r[l]);
  const base = aligned.map((r) => (r.reasons ?? []).some((x) => BASE.has(x)) || (r.review && !r.reasons));
  const near = aligned.map((_, k) => lacks(aligned[k - 1]) || lacks(aligned[k + 1]));
  const anchors = aligned.map(anchorWorst);
  const fits = lengthFits(aligned);
  const z = ratioDeviations(aligned);
  const stops = (s: string) => s.match(/[.!?؟]["'»”’)]?\s+\S/gu)?.length ?? 0;
  const inner = (r: AlignedRow, l: 'ar' | 'en') => r.shape[l] > 0 && stops(r[l]) >= r.shape[l];
  const zhMore = aligned.map((r) => r.shape.zh > r.shape.en && r.shape.en === r.shape.ar);
  const rules: Record<string, (k: number) => boolean> = {
    'zhmore&en-stop': (k) => zhMore[k]! && inner(aligned[k]!, 'en'),
    'zhmore&(ar|en)-stop': (k) => zhMore[k]! && (inner(aligned[k]!, 'en') || inner(aligned[k]!, 'ar')),
    zhmore: (k) => zhMore[k]!,
    base: () => false,
    final: (k) => aligned[k]!.review,
    ...Object.fromEntries(
      [0.001, 0.005, 0.01, 0.02, 0.05, 0.1].map((t) => [`length<${t}`, (k: number) => fits[k]! < t]),
    ),
    ...Object.fromEntries(
      [0.05, 0.2, 0.5, 1.01].map((t) => [`near&length<${t}`, (k: number) => near[k]! && fits[k]! < t]),
    ),
    ...Object.fromEntries([2, 2.5, 3, 3.5, 4].map((t) => [`ratio>${t}`, (k: number) => z[k]! > t])),
    ...Object.fromEntries([1.5, 2, 2.5].map((t) => [`near&ratio>${t}`, (k: number) => near[k]! && z[k]! > t])),
    'anchors>=2': (k) => anchors[k]! >= 2,
    'anchors>=1': (k) => anchors[k]! >= 1,
    ...Object.fromEntries(
      [0.6, 0.7, 0.8, 0.9].map((t) => [`confidence<${t}`, (k: number) => aligned[k]!.confidence < t]),
    ),
    ...Object.fromEntries(
      [0.9, 0.95, 0.99].map((t) => [`near&confidence<${t}`, (k: number) => near[k]! && aligned[k]!.confidence < t]),
    ),
    ...Object.fromEntries(
      [0.7, 0.8, 0.9].map((t) => [`near|confidence<${t}`, (k: number) => near[k]! || aligned[k]!.confidence < t]),
    ),
    ...Object.fromEntries(
      [0.7, 0.8].map((t) => [
        `near|ratio>3|confidence<${t}`,
        (k: number) => near[k]! || z[k]! > 3 || aligned[k]!.confidence < t,
      ]),
    ),
  };
  const acceptable = goldLinks(doc, lang, LANGS3 as Lang[]);
  for (const [name, rule] of Object.entries(rules)) {
    const flagged = rows.map((r, k) => ({ ...r, flagged: name === 'final' ? rule(k) : base[k]! || rule(k) }));
    const s = scoreRows(flagged, doc, lang, acceptable);
    const t = (into[name] ??= { wrong: 0, wrongFlagged: 0, rows: 0, flagged: 0 });
    t.wrong += s.wrong;
    t.wrongFlagged += s.wrongFlagged;
    t.rows += s.rows;
    t.flagged += s.flagged;
  }
}

/** Per rule: the share of wrong links in flagged rows, and the share of rows flagged. */
export const sweepReport = (s: Sweep): Record<string, string> =>
  Object.fromEntries(
    Object.entries(s).map(([name, t]) => [
      name,
      `caught ${round(t.wrong ? t.wrongFlagged / t.wrong : 1, 3)} flagged ${round(t.flagged / t.rows, 3)}`,
    ]),
  );
