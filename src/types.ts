/** Shared vocabulary of the domain: languages, units and aligned documents. Pure types, no behaviour. */

/** The languages mizan aligns. Arabic is the pivot of every document. */
export const LANGS = ['ar', 'en', 'zh'] as const;
export type Lang = (typeof LANGS)[number];

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/**
 * Why the aligner flagged a row for review (align/rows.ts, align/settle.ts, align/flags.ts):
 * - `confidence`: the alignment's confidence in the row's boundaries is below 0.5;
 * - `missing`: a language the document has is empty in the row, or the row has no Arabic (1:0 / 0:1);
 * - `counts`: the row merges more sentences in one language than in another without strong evidence;
 * - `weak-split`: the row was cut out of a longer segment at a weak mark (a bare «و», "and");
 * - `split-numbers`: the row was cut out of a longer segment and its languages disagree on numbers;
 * - `neighbour`: the row is next to a `missing` row (or two rows from it) and the alignment was not sure of it;
 * - `shifted`: a clause at the edge of the row's Chinese translates the neighbouring row's English (align/shift.ts),
 *   or the row's Arabic translates a neighbour's English and none of its own (align/lexical-check.ts), or the row
 *   is in a run next to a gap whose words agree better one row over (align/gap-shift.ts).
 */
export const REVIEW_REASONS = [
  'confidence',
  'missing',
  'counts',
  'weak-split',
  'split-numbers',
  'neighbour',
  'shifted',
] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];

/** One row of an aligned document: the same sentence in each language ('' where a rendering is missing). */
/**
 * A row the aligner cut out of one language's longer segment where the other two languages cut (align/split.ts):
 * that language and the marks it was cut at ("،", "و", ";", "，" …; "." for a full stop the segmenter had kept).
 */
export interface RowSplit {
  lang: Lang;
  marks: string[];
}

export interface DocumentRow {
  /** 0-based place of the row in its document. */
  position: number;
  /** 0-based paragraph the row belongs to (headline, dateline and body paragraphs each count as one). */
  paragraph: number;
  ar: string;
  en: string;
  zh: string;
  /** Alignment confidence 0–1 (1 for rows aligned by people). */
  confidence?: number;
  /** The aligner flagged the row for a person to check. */
  review?: boolean;
  /** Why the aligner flagged the row (absent for rows flagged before reasons were kept, and for unflagged rows). */
  reasons?: ReviewReason[];
  /** The aligner cut this row out of a longer segment (absent otherwise). */
  split?: RowSplit;
}

/** Document-level metadata, as kept in the manifest and in Redis. */
export interface DocumentMeta {
  id: string;
  /** Title in each language. */
  titles: Record<Lang, string>;
  /** Who published the source text (e.g. "Xinhua"). */
  source: string;
  /** Publication date, ISO 8601 (YYYY-MM-DD). */
  date: string;
  /** Where the source text came from, when known. */
  url?: string;
  /** Sort key among the documents of a TM (lower first). */
  order: number;
}

export interface AlignedDocument {
  meta: DocumentMeta;
  segments: DocumentRow[];
}

/** A translation unit as stored: one aligned row, addressable on its own. */
export interface Unit extends DocumentRow {
  unitId: string;
  tm: string;
  documentId: string;
}

/**
 * Units handed over as bytes (an import's staged records). Unit i's texts are UTF-8 spans of `bytes` — ar
 * [spans[6i], spans[6i + 1]), en [spans[6i + 2], spans[6i + 3]), zh [spans[6i + 4], spans[6i + 5]) —; `rests[i]` is
 * the unit with empty texts, or undefined for a plain unit of `tm` (no document, position and paragraph 0).
 */
export interface EncodedUnits {
  tm: string;
  ids: readonly string[];
  bytes: Buffer;
  spans: Int32Array;
  rests: readonly (Unit | undefined)[];
}
