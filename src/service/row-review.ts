/**
 * Rows a person marked reviewed. The aligner flags rows to check (`review`, `reasons`); a translator who checked
 * one marks it reviewed, and it leaves the list of rows to review. A mark belongs to the row's texts as they were
 * marked (store/review-marks.ts): a correction that only moves the row (a merge above it) keeps it, one that changes
 * its texts — a merge, split or move that touches it, an edit of its unit, a re-import that rewrites it — leaves the
 * row without it, so a row never stays marked reviewed over texts nobody reviewed. Such a row then reads as any row
 * would: a correction's row as checked (it was made by a person), an edited unit with the aligner's flag it had.
 */
import { ErrorCode, MizanError } from '../errors';
import { rowHash, type ReviewMarks, type StoredDocument, type TmStore } from '../store';
import type { Unit } from '../types';
import { mapInSlices } from '../slices';
import type { Mirrors } from './mirrors';
import { requireUnchangedSince } from './document-if-match';

/** A document row, with when a person marked it reviewed (ISO 8601) while that mark holds. */
export type ReviewedUnit = Unit & { reviewed?: string };

/** A stored document as clients see it: its rows with their review marks. */
export interface ReviewedDocument extends StoredDocument {
  rows: ReviewedUnit[];
}

/** Most rows marked (or unmarked) by one request. */
export const MAX_REVIEW_ROWS = 1000;

const MAX_ATTEMPTS = 8;

/** The rows with their marks: a marked row is no longer up for review, and keeps the reasons it was flagged for. */
async function withMarks(doc: StoredDocument, marks: ReadonlyMap<string, number>): Promise<ReviewedDocument> {
  if (marks.size === 0) return doc;
  const rows = await mapInSlices(doc.rows, (row): ReviewedUnit => {
    const at = marks.get(rowHash(row));
    return at === undefined ? row : { ...row, review: false, reviewed: new Date(at).toISOString() };
  });
  return { ...doc, rows };
}

/** The document with its review marks, both at one rev; undefined when it does not exist. */
export async function reviewedDocument(
  store: TmStore,
  marks: ReviewMarks,
  tm: string,
  id: string,
): Promise<ReviewedDocument | undefined> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const doc = await store.getDocument(tm, id);
    if (!doc) return undefined;
    const read = await marks.read(tm, id);
    if (read.rev === String(doc.summary.rev)) return withMarks(doc, read.marks);
  }
  throw new Error(`document ${id} kept changing during ${MAX_ATTEMPTS} reads`);
}

/** A document just read or written, with its marks (read again, marks and all, if it was written since). */
export async function withReviewMarks(
  store: TmStore,
  marks: ReviewMarks,
  doc: StoredDocument,
): Promise<ReviewedDocument> {
  const { tm, id } = doc.summary;
  const read = await marks.read(tm, id);
  if (read.rev === String(doc.summary.rev)) return withMarks(doc, read.marks);
  return (await reviewedDocument(store, marks, tm, id)) ?? doc;
}

export interface ReviewRequest {
  tm: string;
  id: string;
  /** Positions of the rows (from 0, as `position` and the corrections' `row`). */
  rows: readonly number[];
  /** true marks the rows reviewed, false takes their marks back. */
  reviewed: boolean;
  /** The rev the client saw: DOCUMENT_CHANGED unless the document is still at it. */
  rev?: number;
  /** The seq of the If-Match tag the client sent: DOCUMENT_CHANGED if a unit of the rows was written after it. */
  since?: number | undefined;
}

/**
 * Marks rows reviewed (or takes the marks back), atomically, against the rev the rows were read at; rows already so
 * are left as they are (the same request again changes nothing, and the rev stays). Without `rev`, a document written
 * meanwhile is read again.
 */
export async function markReviewed(
  store: TmStore,
  marks: ReviewMarks,
  mirrors: Mirrors,
  request: ReviewRequest,
): Promise<ReviewedDocument> {
  const { tm, id, rev } = request;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const doc = await store.getDocument(tm, id);
    if (!doc) throw new MizanError(ErrorCode.DOCUMENT_NOT_FOUND, { id, tm });
    if (rev !== undefined && rev !== doc.summary.rev) throw new MizanError(ErrorCode.DOCUMENT_CHANGED, { id, tm });
    await requireUnchangedSince(store, doc, request.since);
    const hashes = new Set(
      request.rows.map((position, k) => {
        const row = doc.rows[position];
        if (!row) {
          const last = doc.rows.length - 1;
          throw new MizanError(ErrorCode.ROW_OUT_OF_RANGE, { param: `rows[${k}]`, id, row: position, last });
        }
        return rowHash(row);
      }),
    );
    // Every row with the same texts shares the mark: each of their units is logged.
    const named = doc.rows.flatMap((row) => {
      const hash = rowHash(row);
      return hashes.has(hash) ? [{ unitId: row.unitId, hash }] : [];
    });
    const outcome = await marks.write(tm, id, doc.summary.rev, request.reviewed ? 'mark' : 'unmark', named);
    if (outcome === 'not-found') throw new MizanError(ErrorCode.DOCUMENT_NOT_FOUND, { id, tm });
    if (outcome === 'conflict') {
      if (rev !== undefined) throw new MizanError(ErrorCode.DOCUMENT_CHANGED, { id, tm });
      continue;
    }
    if (outcome.changed > 0) mirrors.touch(tm);
    const updated = await reviewedDocument(store, marks, tm, id);
    if (!updated) throw new MizanError(ErrorCode.DOCUMENT_NOT_FOUND, { id, tm });
    return updated;
  }
  throw new Error(`document ${id} kept changing during ${MAX_ATTEMPTS} write attempts`);
}
