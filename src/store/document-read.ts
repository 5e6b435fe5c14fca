/**
 * Reads of one document: the whole document as one consistent snapshot (its rows' units read in batches, checked
 * against its rev; retried when it moved), and its row list alone. Both wait while a large document write is being
 * applied (settled.ts), so they see each document whole.
 */
import type { Unit } from '../types';
import { toSummary, type DocumentSummary } from './document-list';
import type { Keys } from './keys';
import type { RedisClient } from './redis';
import { yieldLoop } from '../slices';
import { readSettled } from './settled';
import { documentRow, type RowTmx } from './unit-read';

export interface StoredDocument {
  summary: DocumentSummary;
  rows: Unit[];
  /** By row index, what a TMX said of the row's unit besides its texts (unit-read.ts, RowTmx), for the exports. */
  tmx?: ReadonlyMap<number, RowTmx>;
  /**
   * The TM's change counter (its log's seq, moved by every write of a unit; 0 before any) as it stood before the rows
   * were read: an import rewrites a row's unit without writing its document, so the rev alone does not date the rows.
   */
  seq: number;
}

const MAX_READ_ATTEMPTS = 8;
/** Units of a document read per MULTI: a 50k-row document in one MULTI held Redis for tens of ms, and 2,000 rows a
 * call held the event loop for ~10 ms each to build and decode (several requests reading at once add up). */
const READ_BATCH = 500;

/**
 * The document with its rows in order, as one consistent snapshot; undefined when it does not exist. The units are
 * read READ_BATCH at a time, each batch with the document's rev: every write of a document's units moves its rev
 * (putDocument, commitDocument, putUnit, deleteUnit), so batches that all see the rev first read saw one version
 * of the document. An import's commit rewrites units without writing their documents: `seq`, read first, moves.
 */
export async function readDocument(
  redis: RedisClient,
  keys: Keys,
  tm: string,
  documentId: string,
): Promise<StoredDocument | undefined> {
  for (let attempt = 0; attempt < MAX_READ_ATTEMPTS; attempt++) {
    const [h, ids, seq] = (await readSettled(redis, keys, tm, (m) =>
      m.hgetall(keys.doc(tm, documentId)).lrange(keys.docRows(tm, documentId), 0, -1).get(keys.seq(tm)),
    )) as [Record<string, string>, string[], string | null];
    if (!h.hash) return undefined;
    const rows: Unit[] = [];
    const tmx = new Map<number, RowTmx>();
    for (let i = 0; i < ids.length && rows.length === i; i += READ_BATCH) {
      if (i > 0) await yieldLoop(); // one batch per turn of the event loop (see slices.ts)
      const slice = ids.slice(i, i + READ_BATCH);
      const replies = await readSettled(redis, keys, tm, (m) => {
        for (const id of slice) m.getBuffer(keys.unit(tm, id));
        m.hget(keys.doc(tm, documentId), 'rev');
      });
      if (replies.pop() !== h.rev) break; // written meanwhile: read again
      for (let k = 0; k < slice.length; k++) {
        const row = documentRow(tm, slice[k]!, replies[k] as Buffer | null);
        if (!row) break;
        if (row.tmx) tmx.set(rows.length, row.tmx);
        rows.push(row.unit);
      }
    }
    if (rows.length === ids.length) {
      const summary = toSummary(tm, documentId, h);
      return { summary, rows, ...(tmx.size > 0 && { tmx }), seq: Number(seq ?? 0) };
    }
  }
  throw new Error(`document ${documentId} kept changing during ${MAX_READ_ATTEMPTS} reads`);
}

/** The unit ids of the document's rows, in order (none when it does not exist). */
export async function readDocumentRowIds(
  redis: RedisClient,
  keys: Keys,
  tm: string,
  documentId: string,
): Promise<string[]> {
  const [ids] = await readSettled(redis, keys, tm, (m) => m.lrange(keys.docRows(tm, documentId), 0, -1));
  return ids as string[];
}
