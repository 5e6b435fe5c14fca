/**
 * Rows of an aligned document: the ar–en and ar–zh alignments merged at the Arabic boundaries both agree on, rows
 * whose sentence counts disagree settled (settle.ts: cut where the translations cut, or flagged).
 */
import type { Lang } from '../types';
import type { Bead } from './dp';
import type { Paragraph } from './segment';
import { addReason, type AlignedRow, REVIEW_BELOW, type TargetLang } from './row';
import { settle, settleTwo } from './settle';

export { REVIEW_BELOW, type AlignedRow, type ReviewReason, type TargetLang } from './row';

/**
 * Merges the ar–en and ar–zh alignments into rows: a row ends at an Arabic sentence boundary where every present
 * target language has a bead boundary too; target sentences with no Arabic (0:1) at such a boundary become rows of
 * their own. A row of all three languages whose counts disagree is settled (split or flagged, see settle) unless
 * `settle` is false (the evaluation's Gale–Church baseline).
 */
export function mergeRows(
  arParagraphs: readonly Paragraph[],
  targets: Partial<Record<TargetLang, { sentences: string[]; beads: Bead[] }>>,
  options: { settle?: boolean } = {},
): AlignedRow[] {
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
    const picked: Partial<Record<TargetLang, string[]>> = {};
    const row: AlignedRow = {
      ar: ar.slice(r0, r1).join(' '),
      en: '',
      zh: '',
      paragraph: paragraphOf[Math.min(r0, ar.length - 1)] ?? 0,
      confidence: 1,
      review: false,
      shape: { ar: r1 - r0, en: 0, zh: 0 },
    };
    for (const lang of langs) {
      const { sentences, beads } = targets[lang]!;
      const mine: Bead[] = [];
      // Beads run in Arabic order: only those starting from r0 up to r1 can belong here (a filter over all of them
      // for each row was quadratic in the document).
      for (let k = firstFrom(beads, r0); k < beads.length && beads[k]!.a0 <= r1; k++) {
        const b = beads[k]!;
        if (
          zeroWidthAt === undefined
            ? b.a1 <= r1 && (b.a1 > b.a0 || (b.a0 > r0 && b.a0 < r1)) // 0:1 inside the row too
            : b.a0 === zeroWidthAt && b.a1 === zeroWidthAt
        )
          mine.push(b);
      }
      const mineSentences = mine.flatMap((b) => sentences.slice(b.t0, b.t1));
      picked[lang] = mineSentences;
      row[lang] = mineSentences.join(joiner(lang));
      row.shape[lang] = mineSentences.length;
      for (const b of mine) row.confidence = Math.min(row.confidence, b.confidence);
      // A present language with nothing in this row, or a row with no Arabic, needs a look.
      if (mineSentences.length === 0 || r1 === r0) addReason(row, 'missing');
    }
    if (row.confidence < REVIEW_BELOW) addReason(row, 'confidence');
    if (!row.ar && !langs.some((l) => row[l])) return;
    if (zeroWidthAt !== undefined) return void rows.push(row);
    if (langs.length < 2) return void rows.push(langs[0] ? settleTwo(row, ar.slice(r0, r1), langs[0], picked) : row);
    rows.push(
      ...(options.settle === false ? [row] : settle(row, { ar: ar.slice(r0, r1), en: picked.en, zh: picked.zh })),
    );
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

const joiner = (lang: Lang) => (lang === 'zh' ? '' : ' ');

/** The first bead starting at or after Arabic sentence `a` (beads are in Arabic order). */
function firstFrom(beads: readonly Bead[], a: number): number {
  let lo = 0;
  let hi = beads.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (beads[mid]!.a0 < a) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
