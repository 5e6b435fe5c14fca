/**
 * Alignment corrections: merge two rows, split one, move a sentence to a neighbouring row. They work on rows of
 * sentences as the segmenter sees them (the same view as at import), apply in order, and name the op that cannot.
 */
import { Segmenter } from '../align';
import { ErrorCode, MizanError } from '../errors';
import { LANGS, type DocumentRow, type Lang, type ReviewReason, type RowSplit } from '../types';

export type Correction =
  | { op: 'merge'; row: number }
  | { op: 'split'; row: number; ar: number; en: number; zh: number }
  | { op: 'move'; row: number; lang: Lang; to: 'prev' | 'next' };

/** A row as sentences per language; `kept` holds what the aligner said of a row no correction touched. */
interface Row {
  paragraph: number;
  ar: string[];
  en: string[];
  zh: string[];
  kept?: { confidence: number; review: boolean; reasons?: ReviewReason[]; split?: RowSplit };
}

/** Sentences of a row's text in one language (the segmenter's own view, as at import). */
function sentencesOf(text: string, lang: Lang): string[] {
  return text ? new Segmenter(lang).sentences(text) : [];
}

function invalid(index: number, reason: string): MizanError {
  return new MizanError(ErrorCode.INVALID_CORRECTION, { param: `ops[${index}]`, reason });
}

/** The row and the next one become one. */
function merge(rows: Row[], at: number, k: number): Row[] {
  const row = rows[at]!;
  const next = rows[at + 1];
  if (!next) throw invalid(k, 'no-next-row');
  const merged: Row = {
    paragraph: row.paragraph,
    ar: [...row.ar, ...next.ar],
    en: [...row.en, ...next.en],
    zh: [...row.zh, ...next.zh],
  };
  return [...rows.slice(0, at), merged, ...rows.slice(at + 2)];
}

/** The row becomes two: the first `op[lang]` sentences of each language, and the rest. */
function split(rows: Row[], op: Extract<Correction, { op: 'split' }>, k: number): Row[] {
  const row = rows[op.row]!;
  if (LANGS.some((l) => !Number.isInteger(op[l]) || op[l] < 0 || op[l] > row[l].length))
    throw invalid(k, 'split-out-of-range');
  if (LANGS.every((l) => op[l] === 0) || LANGS.every((l) => op[l] === row[l].length)) throw invalid(k, 'split-empty');
  const first: Row = {
    paragraph: row.paragraph,
    ar: row.ar.slice(0, op.ar),
    en: row.en.slice(0, op.en),
    zh: row.zh.slice(0, op.zh),
  };
  const second: Row = {
    paragraph: row.paragraph,
    ar: row.ar.slice(op.ar),
    en: row.en.slice(op.en),
    zh: row.zh.slice(op.zh),
  };
  return [...rows.slice(0, op.row), first, second, ...rows.slice(op.row + 1)];
}

/** One sentence of one language goes to the previous row (its first) or the next (its last). */
function move(rows: Row[], op: Extract<Correction, { op: 'move' }>, k: number): Row[] {
  const row = rows[op.row]!;
  const other = rows[op.to === 'prev' ? op.row - 1 : op.row + 1];
  if (!other) throw invalid(k, 'no-neighbour');
  if (!LANGS.includes(op.lang) || row[op.lang].length === 0) throw invalid(k, 'nothing-to-move');
  if (op.to === 'prev') other[op.lang].push(row[op.lang].shift()!);
  else other[op.lang].unshift(row[op.lang].pop()!);
  row.kept = other.kept = undefined;
  return LANGS.every((l) => row[l].length === 0) ? rows.filter((r) => r !== row) : rows;
}

/** Applies corrections in order to rows of sentences; throws INVALID_CORRECTION naming the op that cannot apply. */
export function applyCorrections(segments: readonly DocumentRow[], ops: readonly Correction[]): DocumentRow[] {
  let rows: Row[] = segments.map((s) => ({
    paragraph: s.paragraph,
    ar: sentencesOf(s.ar, 'ar'),
    en: sentencesOf(s.en, 'en'),
    zh: sentencesOf(s.zh, 'zh'),
    kept: { confidence: s.confidence ?? 1, review: s.review ?? false, reasons: s.reasons, split: s.split },
  }));
  // Languages the document has at all: a corrected row lacking one of them is flagged for review.
  const present = LANGS.filter((l) => rows.some((r) => r[l].length > 0));
  ops.forEach((op, k) => {
    if (!rows[op.row] || !Number.isInteger(op.row)) throw invalid(k, 'row-out-of-range');
    if (op.op === 'merge') rows = merge(rows, op.row, k);
    else if (op.op === 'split') rows = split(rows, op, k);
    else if (op.op === 'move') rows = move(rows, op, k);
    else throw invalid(k, 'unknown-op');
  });
  return rows.map((r, position) => {
    // Rows a correction made or changed were checked by a person; the others keep what the aligner said. A made row
    // that lacks a language of the document is still up for review, and says why (`missing`, as the aligner would).
    const lacking = !r.kept && present.some((l) => r[l].length === 0);
    const reasons: ReviewReason[] | undefined = r.kept ? r.kept.reasons : lacking ? ['missing'] : undefined;
    return {
      position,
      paragraph: r.paragraph,
      ar: r.ar.join(' '),
      en: r.en.join(' '),
      zh: r.zh.join(''),
      confidence: r.kept ? r.kept.confidence : 1,
      review: r.kept ? r.kept.review : lacking,
      ...(reasons?.length && { reasons }),
      ...(r.kept?.split && { split: r.kept.split }),
    };
  });
}
