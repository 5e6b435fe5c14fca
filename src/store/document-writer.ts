/**
 * Writing a large document in bounded steps. One putDocument call writes every row of a document in one script,
 * which blocks Redis for its whole length (a 12k-row document held it 242 ms) and cannot even be called for 20k+ rows
 * (the arguments, spread into one JavaScript call, overflow the stack). Above LARGE_DOCUMENT_ROWS rows a document is
 * written instead as:
 *
 * 1. stageDocument, once per STAGE_ROWS (500) rows: each row that differs from its existing unit is written whole into
 *    a staged copy of the unit (`stage:<token>:unit:<id>`, keys.ts); a unit that does not exist yet is written in
 *    place, referred to by nothing (units set, log, rows) until the commit; the row ids go to a staged row list.
 *    Readers never look at staged keys, so the TM is unchanged meanwhile.
 * 2. commitDocument, once: staged copies renamed over the units (RENAME is O(1); a new document has none), the
 *    new units added to the units set, the staged row list over the
 *    document's rows, the document hash written, the change log told (one entry per 1,000 units). Readers see the
 *    document whole before or after this call, as with putDocument.
 *
 * Keys and arguments go to ioredis as arrays (it flattens them), never spread. Trade-off: staging reads each unit
 * once, so a unit edited through the API between staging and commit (seconds) loses that edit to the import; a new
 * document's units, the common case, cannot be edited before they exist. Staged keys of a write that never commits
 * (the process died) expire after STAGED_TTL_MS; the writer deletes its own in any case. New units written in place
 * by a write that never commits stay, unreferenced, until the same import is made again (same ids, same content):
 * deleting them could delete those of a concurrent identical import that did commit.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { DocumentRow } from '../types';
import type { Keys } from './keys';
import type { RedisClient } from './redis';

/** Documents with more rows than this are staged in chunks (a putDocument call of this size takes ~20 ms). */
export const LARGE_DOCUMENT_ROWS = 1000;
/** Rows per stageDocument call. */
export const STAGE_ROWS = 500;
/** Staged keys expire after this long if their write never commits. */
export const STAGED_TTL_MS = 24 * 3600 * 1000;
/** Keys per UNLINK when a write cleans up its staged keys. */
const UNLINK_BATCH = 1000;

/** A row to write, with the id of its unit (the service derives ids: service/ids.ts). */
export type RowToWrite = DocumentRow & { unitId: string };

/** What a row was imported as: equal hashes mean the file did not change the row. */
export function rowHash(row: { ar: string; en: string; zh: string }): string {
  return createHash('sha256').update(`${row.ar}\u0000${row.en}\u0000${row.zh}`).digest('hex').slice(0, 16);
}

/** A row's arguments to putDocument.lua and stageDocument.lua, in their order. */
export function rowArgs(r: RowToWrite): (string | number)[] {
  const split = r.split ? JSON.stringify(r.split) : '';
  return [r.unitId, r.ar, r.en, r.zh, r.position, r.paragraph, rowHash(r), r.confidence ?? 1, r.review ? 1 : 0, split];
}

export interface LargeWrite {
  tm: string;
  docId: string;
  /** Content hash of the new document. */
  hash: string;
  /** The rev the caller read ('' when the document did not exist). */
  rev: string;
  order: number;
  /** Meta fields as putDocument takes them (JSON). */
  meta: string;
  rows: readonly RowToWrite[];
  /** Units of the old document that the new one drops. */
  dropped: readonly string[];
  logMaxLen: number;
}

/** Stages the rows, then commits: the script's answer (a count of units written, or CONFLICT). */
export async function writeLargeDocument(redis: RedisClient, keys: Keys, w: LargeWrite): Promise<number> {
  const { tm, docId } = w;
  const token = randomBytes(8).toString('hex');
  const stagedRows = keys.stagedRows(tm, token);
  const stagedChanged = keys.stagedChanged(tm, token);
  const stagedNew = keys.stagedNew(tm, token);
  const now = Date.now();
  let changed: string[] = [];
  try {
    for (let i = 0; i < w.rows.length; i += STAGE_ROWS) {
      const chunk = w.rows.slice(i, i + STAGE_ROWS);
      const keyList = [stagedRows, stagedChanged, stagedNew];
      for (const r of chunk) keyList.push(keys.unit(tm, r.unitId));
      for (const r of chunk) keyList.push(keys.stagedUnit(tm, token, r.unitId));
      const args: (string | number)[] = [docId, now, STAGED_TTL_MS, chunk.length];
      for (const r of chunk) for (const value of rowArgs(r)) args.push(value);
      await redis.stageDocument(keyList.length, keyList, args);
    }
    changed = await redis.lrange(stagedChanged, 0, -1);
    const created = await redis.lrange(stagedNew, 0, -1);
    const keyList = [...keys.documentScript(tm, docId), stagedRows];
    for (const id of changed) keyList.push(keys.unit(tm, id));
    for (const id of changed) keyList.push(keys.stagedUnit(tm, token, id));
    for (const id of w.dropped) keyList.push(keys.unit(tm, id));
    const args: (string | number)[] = [docId, w.hash, w.rev, w.order, w.meta, now, w.logMaxLen];
    args.push(w.rows.length, changed.length, created.length, keys.changes(tm));
    for (const id of changed) args.push(id);
    for (const id of created) args.push(id);
    for (const id of w.dropped) args.push(id);
    return await redis.commitDocument(keyList.length, keyList, args);
  } finally {
    // After a commit only the lists of a no-op or a conflict remain; after a failure, everything staged so far.
    const leftovers = [stagedRows, stagedChanged, stagedNew, ...changed.map((id) => keys.stagedUnit(tm, token, id))];
    if (changed.length === 0) for (const r of w.rows) leftovers.push(keys.stagedUnit(tm, token, r.unitId));
    for (let i = 0; i < leftovers.length; i += UNLINK_BATCH)
      await redis.unlink(leftovers.slice(i, i + UNLINK_BATCH)).catch(() => undefined);
  }
}
