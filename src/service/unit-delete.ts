/**
 * Deleting a unit of a large document. deleteUnit.lua deletes a unit and moves every row after it up one position
 * in one script: for the first row of a 50,000-row document that held Redis 259 ms. When more than
 * LARGE_DOCUMENT_ROWS rows follow the unit, the document is written again without it instead (the rows after it keep
 * their unit ids, one position up) through the staged large-document write (store/document-writer.ts): each call
 * short, the document whole or unchanged for readers, one `doc` entry in the change log.
 */
import { ErrorCode, MizanError } from '../errors';
import { LARGE_DOCUMENT_ROWS, type TmStore } from '../store';

const ATTEMPTS = 8;

export type DeleteOutcome = 'deleted' | 'not-found' | 'precondition-failed';

/**
 * Deletes the unit when more than LARGE_DOCUMENT_ROWS rows of its document follow it; undefined otherwise (the
 * caller deletes it with one script). If-Match (`ifMatch`, tags without quotes, or '*') is checked against the unit
 * as the document was read, and the document's rev at the write: an edit of any of its units meanwhile moves the rev.
 */
export async function deleteFromLargeDocument(
  store: TmStore,
  tm: string,
  unitId: string,
  ifMatch?: readonly string[],
): Promise<DeleteOutcome | undefined> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const before = await store.getTaggedUnit(tm, unitId);
    if (!before?.unit.documentId) return undefined;
    const ids = await store.documentRowIds(tm, before.unit.documentId);
    const at = ids.indexOf(unitId);
    if (at < 0 || ids.length - at - 1 <= LARGE_DOCUMENT_ROWS) return undefined;
    if (ifMatch && !ifMatch.includes('*') && !ifMatch.includes(before.tag)) return 'precondition-failed';
    const doc = await store.getDocument(tm, before.unit.documentId);
    // The unit as the document was read: an edit between the two reads is looked at again.
    if (!doc || (await store.getTaggedUnit(tm, unitId))?.tag !== before.tag) continue;
    const rows = doc.rows.filter((r) => r.unitId !== unitId);
    if (rows.length === doc.rows.length) continue;
    const segments = rows.map((r, position) => ({ ...r, position }));
    try {
      await store.putDocument(tm, { meta: doc.summary, segments }, doc.summary.rev);
      return 'deleted';
    } catch (err) {
      if (!(err instanceof MizanError && err.code === ErrorCode.DOCUMENT_CHANGED)) throw err;
    }
  }
  throw new Error(`the document of unit ${unitId} kept changing during ${ATTEMPTS} attempts`);
}
