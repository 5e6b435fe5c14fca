/**
 * Writing and deleting a large document in bounded steps. One putDocument call writes every row of a document in one
 * script, which blocks Redis for its whole length (a 12k-row document held it 242 ms) and cannot even be called for
 * 20k+ rows (the arguments, spread into one JavaScript call, overflow the stack). Above LARGE_DOCUMENT_ROWS units a
 * document is written instead in four kinds of short script calls:
 *
 * 1. stageDocument, once per STAGE_ROWS rows: each row that is new or differs from its unit is written whole into a
 *    staged copy of the unit (`stage:<token>:unit:<id>`, keys.ts), its id to the write's `put` list, every row id to
 *    the staged row list. Readers never look at staged keys: the TM is unchanged, and a write that fails here leaves
 *    it so (the staged keys are deleted, or expire after STAGED_TTL_MS).
 * 2. commitDocument, once, O(1): the commit point. The rev is checked and bumped, the staged row list and the
 *    document hash put in place, and the write registered in the TM's `writing` hash, which makes every reader of
 *    the TM's units and documents wait (settled.ts) until step 4.
 * 3. applyDocument, once per APPLY_UNITS units: staged copies renamed over the units (and added to the units set),
 *    or dropped units deleted. Idempotent, so whoever finds the write's heartbeat gone (its applier died) finishes
 *    it (settled.ts); readers never see a half-applied write, they wait for it.
 * 4. finishDocument, once, O(1): one log entry `op doc` (mirrors re-read the document), the `writing` entry removed.
 *
 * Deleting a large document is steps 2–4 with nothing staged: its row list becomes the `drop` list at the commit.
 * Keys and arguments go to ioredis as arrays (it flattens them), never spread, and each call runs under its own
 * `guard` deadline, so a long write does not count as Redis being away. Trade-off: staging reads each unit once, so
 * a unit edited through the API between staging and commit loses that edit to the import (as before); from the
 * commit on, such an edit waits for the write (putUnit answers WRITING) and a document write conflicts (the rev).
 */
import { createHash, randomBytes } from 'node:crypto';
import { REVIEW_REASONS, type DocumentRow, type ReviewReason } from '../types';
import { changeArgs } from './change-stamp';
import type { Keys } from './keys';
import { guard, type RedisClient } from './redis';
import { ScriptCode } from './scripts';
import { yieldLoop } from '../slices';

/**
 * Writes that touch more units than this (rows plus rows dropped; for a delete, rows) go in chunks (a putDocument call
 * of this size takes ~20 ms).
 */
export const LARGE_DOCUMENT_ROWS = 1000;
/** Rows per stageDocument call. */
export const STAGE_ROWS = 500;
/** Units per applyDocument call. */
export const APPLY_UNITS = 1000;
/** Staged keys expire after this long if their write never commits. */
export const STAGED_TTL_MS = 24 * 3600 * 1000;
/** A committed write whose applier has not been heard of for this long is finished by whoever waits for it. */
export const ALIVE_MS = 5000;
/** Keys per UNLINK when a write cleans up its staged keys, ids per RPUSH of the dropped ones. */
const BATCH = 1000;

/** A row to write, with the id of its unit (the service derives ids: service/ids.ts). */
export type RowToWrite = DocumentRow & { unitId: string };

/** A committed write as the TM's `writing` hash holds it. */
export interface DocumentWrite {
  doc: string;
  mode: 'put' | 'delete';
  logMaxLen: number;
}

/** What a row was imported as: equal hashes mean the file did not change the row. */
export function rowHash(row: { ar: string; en: string; zh: string }): string {
  return createHash('sha256').update(`${row.ar}\u0000${row.en}\u0000${row.zh}`).digest('hex').slice(0, 16);
}

/** The reasons a unit's review field holds ("neighbour,counts"), or undefined for "0", "1" and none. */
export function reviewReasons(field: string | null | undefined): ReviewReason[] | undefined {
  if (!field || field === '0' || field === '1') return undefined;
  return field.split(',').filter((x): x is ReviewReason => (REVIEW_REASONS as readonly string[]).includes(x));
}

/** A unit's review field: 0, or the reasons joined with "," (1 for a flag without reasons). */
const reviewField = (r: RowToWrite): string | number => (r.review ? r.reasons?.join(',') || 1 : 0);

/** A row's arguments to putDocument.lua and stageDocument.lua, in their order. */
export function rowArgs(r: RowToWrite): (string | number)[] {
  const split = r.split ? JSON.stringify(r.split) : '';
  return [r.unitId, r.ar, r.en, r.zh, r.position, r.paragraph, rowHash(r), r.confidence ?? 1, reviewField(r), split];
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
  /** Who writes (the API key's name; none: mizan), for units a TMX brought (lua/unit-history.lua). */
  by?: string;
}

/** commitDocument's keys for a write (the same for a put and a delete). */
function commitKeys(keys: Keys, tm: string, docId: string, token: string): string[] {
  return [
    keys.doc(tm, docId),
    keys.docRows(tm, docId),
    keys.docs(tm),
    keys.documentWrites(tm),
    keys.stagedRows(tm, token),
    keys.stagedDrop(tm, token),
    keys.stagedAlive(tm, token),
  ];
}

/**
 * Stages the rows, commits, applies and finishes: the number of units written or deleted, 0 when the document
 * already had this content, or CONFLICT (the rev moved: the caller reads again).
 */
export async function writeLargeDocument(redis: RedisClient, keys: Keys, w: LargeWrite): Promise<number> {
  const { tm, docId } = w;
  if ((await guard(redis, () => redis.hget(keys.doc(tm, docId), 'hash'))) === w.hash) return 0;
  const token = randomBytes(8).toString('hex');
  let ours = true;
  try {
    const staged = await stageLargeDocument(redis, keys, w, token);
    // A commit whose answer is lost may have happened: from here on the staged keys may be the write's.
    ours = false;
    const code = await commitLargeDocument(redis, keys, w, token);
    if (code !== ScriptCode.COMMITTED) {
      ours = true;
      return code;
    }
    await applyWrite(redis, keys, tm, token, { doc: docId, mode: 'put', logMaxLen: w.logMaxLen });
    return staged + w.dropped.length;
  } finally {
    // Before the commit (a failure, a conflict, a no-op), everything staged is ours to delete. After it (or after a
    // commit call that failed), the staged keys belong to the write, which whoever waits for it finishes if this
    // process could not; if it never committed they expire.
    if (ours) await unstage(redis, keys, w, token);
  }
}

/** Step 1: the rows into staged copies (and the dropped ids into the write's drop list); the number staged. */
export async function stageLargeDocument(redis: RedisClient, keys: Keys, w: LargeWrite, token: string) {
  const { tm, docId } = w;
  const stagedRows = keys.stagedRows(tm, token);
  const stagedPut = keys.stagedPut(tm, token);
  const stagedDrop = keys.stagedDrop(tm, token);
  const now = Date.now();
  let staged = 0;
  for (let i = 0; i < w.rows.length; i += STAGE_ROWS) {
    await yieldLoop(); // one chunk per turn of the event loop, whatever else is writing (see slices.ts)
    const chunk = w.rows.slice(i, i + STAGE_ROWS);
    const keyList = [stagedRows, stagedPut];
    for (const r of chunk) keyList.push(keys.unit(tm, r.unitId));
    for (const r of chunk) keyList.push(keys.stagedUnit(tm, token, r.unitId));
    const args: (string | number)[] = [docId, now, STAGED_TTL_MS, chunk.length, ...changeArgs(now, w.by)];
    for (const r of chunk) for (const value of rowArgs(r)) args.push(value);
    staged += await guard(redis, () => redis.stageDocument(keyList.length, keyList, args));
  }
  for (let i = 0; i < w.dropped.length; i += BATCH) {
    const ids = w.dropped.slice(i, i + BATCH);
    await guard(redis, () =>
      redis
        .multi()
        .rpush(stagedDrop, ...ids)
        .pexpire(stagedDrop, STAGED_TTL_MS)
        .exec(),
    );
  }
  return staged;
}

/** Step 2, the commit point: commitDocument's answer (COMMITTED, UNCHANGED or CONFLICT). */
export async function commitLargeDocument(redis: RedisClient, keys: Keys, w: LargeWrite, token: string) {
  const keyList = commitKeys(keys, w.tm, w.docId, token);
  const args = ['put', token, w.docId, w.rev, ALIVE_MS, w.logMaxLen, w.hash, w.order, w.meta, Date.now()];
  args.push(w.rows.length);
  return guard(redis, () => redis.commitDocument(keyList.length, keyList, args));
}

/** Deletes what a write that did not commit staged (best effort: staged keys expire anyway). */
async function unstage(redis: RedisClient, keys: Keys, w: LargeWrite, token: string): Promise<void> {
  const { tm } = w;
  const leftovers = [keys.stagedRows(tm, token), keys.stagedPut(tm, token), keys.stagedDrop(tm, token)];
  for (const r of w.rows) leftovers.push(keys.stagedUnit(tm, token, r.unitId));
  for (let i = 0; i < leftovers.length; i += BATCH)
    await redis.unlink(leftovers.slice(i, i + BATCH)).catch(() => undefined);
}

/**
 * Deletes a document of many rows: commit (its row list becomes the write's drop list), then apply and finish. The
 * number of units deleted, or CONFLICT / NOT_FOUND as commitDocument answers.
 */
export async function deleteLargeDocument(
  redis: RedisClient,
  keys: Keys,
  w: { tm: string; docId: string; rev: string; rows: number; logMaxLen: number },
): Promise<number> {
  const token = randomBytes(8).toString('hex');
  const keyList = commitKeys(keys, w.tm, w.docId, token);
  const args = ['delete', token, w.docId, w.rev, ALIVE_MS, w.logMaxLen];
  const code = await guard(redis, () => redis.commitDocument(keyList.length, keyList, args));
  if (code !== ScriptCode.COMMITTED) return code;
  await applyWrite(redis, keys, w.tm, token, { doc: w.docId, mode: 'delete', logMaxLen: w.logMaxLen });
  return w.rows;
}

/**
 * Applies a committed write chunk by chunk and finishes it. Safe to run twice at once (each chunk is idempotent and
 * finishDocument ends the write once): the writer runs it, and so does a reader that finds the writer gone.
 */
export async function applyWrite(
  redis: RedisClient,
  keys: Keys,
  tm: string,
  token: string,
  write: DocumentWrite,
): Promise<void> {
  const head = [keys.documentWrites(tm), keys.stagedAlive(tm, token), keys.units(tm)];
  const lists = [
    ...(write.mode === 'put' ? [['put', keys.stagedPut(tm, token)] as const] : []),
    ['drop', keys.stagedDrop(tm, token)] as const,
  ];
  for (const [kind, list] of lists) {
    for (let i = 0; ; i += APPLY_UNITS) {
      await yieldLoop();
      const ids = await guard(redis, () => redis.lrange(list, i, i + APPLY_UNITS - 1));
      if (ids.length === 0) break;
      const keyList = [...head];
      for (const id of ids) keyList.push(keys.unit(tm, id));
      if (kind === 'put') for (const id of ids) keyList.push(keys.stagedUnit(tm, token, id));
      const args: (string | number)[] = [token, kind, ALIVE_MS];
      for (const id of ids) args.push(id);
      const code = await guard(redis, () => redis.applyDocument(keyList.length, keyList, args));
      if (code === ScriptCode.SETTLED) return;
      if (ids.length < APPLY_UNITS) break;
    }
  }
  const keyList = [
    keys.doc(tm, write.doc),
    keys.documentWrites(tm),
    keys.log(tm),
    keys.seq(tm),
    keys.stagedPut(tm, token),
    keys.stagedDrop(tm, token),
    keys.stagedAlive(tm, token),
  ];
  await guard(redis, () => redis.finishDocument(keyList.length, keyList, [token, keys.changes(tm)]));
}
