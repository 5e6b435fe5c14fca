/**
 * If-Match on the writes of a document. Its tag names the document's rev and the TM's seq the rows were read at
 * (http/etag.ts): the rev moves with every write of the document, but an import rewrites a row's unit without writing
 * the document, and the seq moves with every write anywhere in the TM. A tag is the document as it is when it names
 * its rev and no unit of its rows was written after its seq, which the TM's change log tells (ChangeLog.touchedSince).
 */
import { ErrorCode, MizanError } from '../errors';
import type { StoredDocument, TmStore } from '../store';

/** An If-Match tag as a document write reads it: `*`, or a rev and the TM's seq (none in earlier versions' tags). */
export type DocumentIfMatch = '*' | { rev: number; seq?: number };

/** What a write with If-Match is made against: the document's rev, and the seq since which its units are unchanged. */
export interface MatchedTag {
  rev: number;
  /** The newest seq of the tags naming the rev (none for a tag of earlier versions): see requireUnchangedSince. */
  since?: number;
}

/**
 * What a write with these If-Match tags is to be made against: '*' for `*`, the document's current rev when a tag
 * names it as it is, undefined when none does (412). A tag without a seq (`"rev-4"`, `"rev-4.json"` of earlier
 * versions) is compared by its rev alone, as it was. DOCUMENT_NOT_FOUND when the document does not exist. The write
 * itself checks the rev again, atomically, and the row writes the units once more after their own read of the rows
 * (requireUnchangedSince); an import that commits after that read is not seen (DESIGN.md, "ETag and If-Match").
 */
export async function matchedRev(
  store: TmStore,
  tm: string,
  id: string,
  tags: readonly DocumentIfMatch[],
): Promise<MatchedTag | '*' | undefined> {
  const { rev, rows } = await store.documentRevision(tm, id);
  if (rev === null) throw new MizanError(ErrorCode.DOCUMENT_NOT_FOUND, { id, tm });
  if (tags.includes('*')) return '*';
  const current = Number(rev);
  const named = tags.filter((t): t is Exclude<DocumentIfMatch, '*'> => t !== '*' && t.rev === current);
  if (named.length === 0) return undefined;
  if (named.some((t) => t.seq === undefined)) return { rev: current };
  // Unchanged since the newest seq named is all it takes (unchanged since an older one implies it).
  const since = Math.max(...named.map((t) => t.seq!));
  return (await store.log.touchedSince(tm, since, new Set(rows), id)) ? undefined : { rev: current, since };
}

/**
 * DOCUMENT_CHANGED when a unit of the document's rows, as a write has just read them, was written after `since` (the
 * seq of the If-Match tag it is made against; nothing to check without one). The write then works from rows the client
 * saw, up to what its own script checks.
 */
export async function requireUnchangedSince(store: TmStore, doc: StoredDocument, since: number | undefined) {
  if (since === undefined) return;
  const { tm, id } = doc.summary;
  if (await store.log.touchedSince(tm, since, new Set(doc.rows.map((r) => r.unitId)), id))
    throw new MizanError(ErrorCode.DOCUMENT_CHANGED, { id, tm });
}
