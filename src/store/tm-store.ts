/**
 * The store of record: units and documents of every TM, in Redis. Multi-key writes go through Lua scripts; reads
 * of a whole document are optimistic snapshots (document-read.ts: retried if the document's revision moved under
 * them). Every read of units or documents waits while a large document write is being applied (settled.ts), so it
 * sees each whole.
 */
import { createHash } from 'node:crypto';
import {
  deleteLargeDocument,
  LARGE_DOCUMENT_ROWS,
  rowArgs,
  writeLargeDocument,
  type RowToWrite,
} from './document-writer';
import type { AlignedDocument, EncodedUnits, Unit } from '../types';
import { allDocuments, documentCount, documentPage, type DocumentCursor, type DocumentSummary } from './document-list';
import { readDocument, readDocumentRowIds, type StoredDocument } from './document-read';
import { guard, healthOf, type RedisClient } from './redis';
import type { Outage } from './health';
import { ChangeLog } from './change-log';
import { changeArgs } from './change-stamp';
import type { Keys } from './keys';
import { readRevision, withRevision, type DocumentRevision } from './revision';
import { ScriptCode } from './scripts';
import { ErrorCode, MizanError } from '../errors';
import { readEncodedUnits, readTaggedUnit, readUnit, readUnits, scanUnitIds } from './unit-read';

export type { DocumentCursor, DocumentSummary, RowToWrite, StoredDocument };

export interface DocumentToWrite extends AlignedDocument {
  segments: RowToWrite[];
}

export interface PutResult {
  documentId: string;
  /** Units written or deleted; 0 when the document was already stored exactly so. */
  changed: number;
  units: number;
}

export interface TmStoreOptions {
  /** Approximate length the change log of each TM is trimmed to. */
  logMaxLen: number;
}

function contentHash(doc: DocumentToWrite): string {
  const { meta, segments } = doc;
  const payload = JSON.stringify([
    meta.titles,
    meta.source,
    meta.date,
    meta.url ?? '',
    meta.order,
    segments.map((s) => [s.paragraph, s.ar, s.en, s.zh]),
  ]);
  return createHash('sha256').update(payload).digest('hex');
}

export class TmStore {
  /** The TMs' change logs and the deployment's epoch, which the mirrors follow. */
  readonly log: ChangeLog;

  constructor(
    readonly redis: RedisClient,
    readonly keys: Keys,
    private readonly options: TmStoreOptions = { logMaxLen: 100_000 },
  ) {
    this.log = new ChangeLog(redis, keys);
  }

  /** The current Redis outage (why operations are refused), or undefined while Redis answers. */
  outage(): Outage | undefined {
    return healthOf(this.redis)?.current;
  }

  async ping(): Promise<boolean> {
    return guard(this.redis, async () => (await this.redis.ping()) === 'PONG');
  }

  async tmExists(tm: string): Promise<boolean> {
    return guard(this.redis, async () => (await this.redis.sismember(this.keys.tms(), tm)) === 1);
  }

  async listTms(): Promise<string[]> {
    return guard(this.redis, async () => (await this.redis.smembers(this.keys.tms())).sort());
  }

  /**
   * Writes the document and its units atomically; a no-op when nothing changed. With `expectedRev`, fails with
   * DOCUMENT_CHANGED unless the document is still at that revision (a correction based on what the client saw), or,
   * with 'absent', unless it does not exist yet (an import racing the same import). `by` names who writes (the API
   * key's name; none: mizan), the author a unit a TMX brought keeps of a change of its text (lua/unit-history.lua).
   */
  async putDocument(
    tm: string,
    doc: DocumentToWrite,
    expectedRev?: number | 'absent',
    by?: string,
  ): Promise<PutResult> {
    const { keys } = this;
    const docId = doc.meta.id;
    const hash = contentHash(doc);
    const rows = doc.segments;
    const newIds = new Set(rows.map((r) => r.unitId));
    const meta = JSON.stringify({
      titles: JSON.stringify(doc.meta.titles),
      source: doc.meta.source,
      date: doc.meta.date,
      url: doc.meta.url ?? '',
    });
    const changedError = () => new MizanError(ErrorCode.DOCUMENT_CHANGED, { id: docId, tm });
    // Each Redis call under its own guard (a large document is many calls; readRevision may wait for another write).
    await guard(this.redis, () => this.redis.sadd(keys.tms(), tm));
    const changed = await withRevision(
      `document ${docId}`,
      () => readRevision(this.redis, keys, tm, docId),
      async ({ rev, rows: oldIds }) => {
        if (expectedRev !== undefined && (expectedRev === 'absent' ? '' : String(expectedRev)) !== (rev ?? ''))
          throw changedError();
        const dropped = oldIds.filter((id) => !newIds.has(id));
        const code =
          rows.length + dropped.length > LARGE_DOCUMENT_ROWS
            ? await writeLargeDocument(this.redis, keys, {
                tm,
                docId,
                hash,
                rev: rev ?? '',
                order: doc.meta.order,
                meta,
                rows,
                dropped,
                logMaxLen: this.options.logMaxLen,
                by,
              })
            : await guard(this.redis, () => this.putSmall(tm, docId, hash, rev ?? '', doc, meta, dropped, by));
        // A correction made against a stated rev is refused, not retried: the client saw another document.
        if (code === ScriptCode.CONFLICT && expectedRev !== undefined) throw changedError();
        return code;
      },
    );
    return { documentId: docId, changed, units: rows.length };
  }

  /** A document of at most LARGE_DOCUMENT_ROWS rows in one putDocument call. */
  private async putSmall(
    tm: string,
    docId: string,
    hash: string,
    rev: string,
    doc: DocumentToWrite,
    meta: string,
    dropped: readonly string[],
    by: string | undefined,
  ): Promise<number> {
    const { keys } = this;
    const rows = doc.segments;
    const keyList = [
      ...keys.documentScript(tm, docId),
      ...rows.map((r) => keys.unit(tm, r.unitId)),
      ...dropped.map((id) => keys.unit(tm, id)),
    ];
    const now = Date.now();
    const args = [docId, hash, rev, doc.meta.order, meta, now, this.options.logMaxLen, rows.length];
    args.push(...changeArgs(now, by));
    for (const r of rows) args.push(...rowArgs(r));
    for (const id of dropped) args.push(id);
    args.push(keys.changes(tm));
    return this.redis.putDocument(keyList.length, keyList, args);
  }

  /**
   * Deletes the document and its units atomically: 'not-found' when it does not exist. With `ifMatch` (the revs an
   * If-Match names, or '*'), only while the document's rev is one of them: 'precondition-failed' otherwise. The rev is
   * checked by the script, so a write in between makes it read again and check again. A document of more than
   * LARGE_DOCUMENT_ROWS rows is deleted in chunks behind one commit (document-writer.ts).
   */
  async deleteDocument(
    tm: string,
    documentId: string,
    ifMatch?: readonly (number | '*')[],
  ): Promise<'deleted' | 'not-found' | 'precondition-failed'> {
    const { keys } = this;
    const accepted = (rev: string) => !ifMatch || ifMatch.includes('*') || ifMatch.includes(Number(rev));
    const code = await withRevision(
      `document ${documentId}`,
      () => readRevision(this.redis, keys, tm, documentId),
      async ({ rev, rows }) => {
        if (rev === null) return ScriptCode.NOT_FOUND;
        if (!accepted(rev)) return ScriptCode.PRECONDITION_FAILED;
        const logMaxLen = this.options.logMaxLen;
        if (rows.length > LARGE_DOCUMENT_ROWS)
          return deleteLargeDocument(this.redis, keys, { tm, docId: documentId, rev, rows: rows.length, logMaxLen });
        const keyList = [...keys.documentScript(tm, documentId), ...rows.map((id) => keys.unit(tm, id))];
        const args = [documentId, rev, logMaxLen, keys.changes(tm), ...rows];
        return guard(this.redis, () => this.redis.deleteDocument(keyList.length, keyList, args));
      },
    );
    if (code === ScriptCode.NOT_FOUND) return 'not-found';
    return code === ScriptCode.PRECONDITION_FAILED ? 'precondition-failed' : 'deleted';
  }

  async listDocuments(tm: string): Promise<DocumentSummary[]> {
    return allDocuments(this.redis, this.keys, tm);
  }

  /** A page of the TM's documents in document order (document-list.ts). */
  async documentPage(tm: string, after: DocumentCursor | undefined, limit: number) {
    return documentPage(this.redis, this.keys, tm, after, limit);
  }

  async documentCount(tm: string): Promise<number> {
    return documentCount(this.redis, this.keys, tm);
  }

  /** The document's rev (null when it does not exist) and its rows' unit ids, read together. */
  documentRevision(tm: string, documentId: string): Promise<DocumentRevision> {
    return readRevision(this.redis, this.keys, tm, documentId);
  }

  /** The document with its rows in order, as one consistent snapshot; undefined when it does not exist. */
  async getDocument(tm: string, documentId: string): Promise<StoredDocument | undefined> {
    return readDocument(this.redis, this.keys, tm, documentId);
  }

  /** The unit ids of the document's rows, in order (none when it does not exist). */
  async documentRowIds(tm: string, documentId: string): Promise<string[]> {
    return readDocumentRowIds(this.redis, this.keys, tm, documentId);
  }

  async getUnit(tm: string, unitId: string): Promise<Unit | undefined> {
    return readUnit(this.redis, this.keys, tm, unitId);
  }

  /** The unit and its entity tag (unit-tag.ts), read together; undefined when it does not exist. */
  async getTaggedUnit(tm: string, unitId: string): Promise<{ unit: Unit; tag: string } | undefined> {
    return readTaggedUnit(this.redis, this.keys, tm, unitId);
  }

  /** Units by id in one round trip; undefined for ids that no longer exist (unit-read.ts). */
  async getUnits(tm: string, unitIds: readonly string[]): Promise<(Unit | undefined)[]> {
    return readUnits(this.redis, this.keys, tm, unitIds);
  }

  /** The same as bytes, for an index's unit table (unit-read.ts, readEncodedUnits): ids gone are left out. */
  async getEncodedUnits(tm: string, unitIds: readonly string[]): Promise<EncodedUnits> {
    return readEncodedUnits(this.redis, this.keys, tm, unitIds);
  }

  /** Every unit id of the TM, in batches. */
  unitIds(tm: string, batch = 1000): AsyncGenerator<string[]> {
    return scanUnitIds(this.redis, this.keys, tm, batch);
  }

  /** How many units the TM holds. */
  async unitCount(tm: string): Promise<number> {
    return guard(this.redis, () => this.redis.scard(this.keys.units(tm)));
  }
}
