/**
 * Loads the Lua scripts in ./lua once per connection with defineCommand (EVALSHA with EVAL fallback) and types
 * them by augmenting ioredis. Each script file opens with its contract: KEYS, ARGV, output and error codes.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Cluster, Redis, Result } from 'ioredis';
import { luaFieldList } from './unit-record';

/**
 * How change notifications travel (change-feed.ts): `plain` PUBLISH/SUBSCRIBE on a standalone Redis (and on a
 * cluster older than Redis 7, where a publish is broadcast to every node); `sharded` SPUBLISH/SSUBSCRIBE on a
 * Redis 7 cluster, where a TM's channel lives on the master that holds the TM's slot and nowhere else.
 */
export type PubSubMode = 'plain' | 'sharded';

export const SCRIPT_NAMES = [
  'putDocument',
  'putUnit',
  'deleteUnit',
  'deleteDocument',
  'stageImport',
  'commitImport',
  'jobTransition',
  'jobWrite',
  'ownImport',
  'stageDocument',
  'commitDocument',
  'applyDocument',
  'finishDocument',
  'markReviewed',
  'migrateUnits',
] as const;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    /** See lua/putDocument.lua (keys and arguments as two arrays, never spread: a document's are many). */
    putDocument(numKeys: number, keys: string[], args: (string | number)[]): Result<number, Context>;
    /** See lua/putUnit.lua. */
    putUnit(numKeys: number, ...keysAndArgs: (string | number)[]): Result<number, Context>;
    /** See lua/deleteDocument.lua (keys and arguments as two arrays). */
    deleteDocument(numKeys: number, keys: string[], args: (string | number)[]): Result<number, Context>;
    /** See lua/deleteUnit.lua. */
    deleteUnit(numKeys: number, ...keysAndArgs: (string | number)[]): Result<number, Context>;
    /** See lua/stageImport.lua. */
    stageImport(numKeys: number, ...keysAndArgs: (string | number | Buffer)[]): Result<number, Context>;
    /** See lua/commitImport.lua. */
    commitImport(
      numKeys: number,
      ...keysAndArgs: (string | number)[]
    ): Result<[number, number, number, number, number], Context>;
    /** See lua/jobTransition.lua. */
    jobTransition(numKeys: number, ...keysAndArgs: (string | number)[]): Result<number, Context>;
    /** See lua/jobWrite.lua. */
    jobWrite(numKeys: number, ...keysAndArgs: (string | number)[]): Result<number, Context>;
    /** See lua/ownImport.lua. */
    ownImport(numKeys: number, ...keysAndArgs: (string | number)[]): Result<number, Context>;
    /** See lua/stageDocument.lua (keys and arguments as two arrays: a large document's are too many to spread). */
    stageDocument(numKeys: number, keys: string[], args: (string | number)[]): Result<number, Context>;
    /** See lua/commitDocument.lua (keys and arguments as two arrays). */
    commitDocument(numKeys: number, keys: string[], args: (string | number)[]): Result<number, Context>;
    /** See lua/applyDocument.lua (keys and arguments as two arrays). */
    applyDocument(numKeys: number, keys: string[], args: (string | number)[]): Result<number, Context>;
    /** See lua/finishDocument.lua. */
    finishDocument(numKeys: number, keys: string[], args: (string | number)[]): Result<number, Context>;
    /** See lua/markReviewed.lua (keys and arguments as two arrays). */
    markReviewed(numKeys: number, keys: string[], args: (string | number)[]): Result<number, Context>;
    /** See lua/migrateUnits.lua (schema version 1 to 2). */
    migrateUnits(numKeys: number, ...keys: string[]): Result<[number, number, number], Context>;
  }
}

/**
 * Every code a script returns, named once; each script's header lists those it uses. Besides these, putDocument and
 * deleteDocument return a count (≥ 0) of the units they wrote or deleted, commitImport that count with its merge
 * counts (its header), stageDocument the count of units it staged and applyDocument that of the units of its chunk.
 */
export const ScriptCode = {
  /** putUnit, commitDocument: every field (the document's content) already had that value; nothing was written. */
  UNCHANGED: 0,
  /** putUnit: the unit did not exist and was created. */
  CREATED: 1,
  /** putUnit: the unit existed and at least one field changed. */
  UPDATED: 2,
  /** deleteUnit: the unit was deleted. */
  DELETED: 1,
  /**
   * putDocument, commitDocument, deleteDocument, deleteUnit, markReviewed: the document's rev moved since the caller
   * read it; read again.
   */
  CONFLICT: -1,
  /** deleteDocument, commitDocument (delete), deleteUnit, putUnit (patch), markReviewed: no such document or unit. */
  NOT_FOUND: -2,
  /** jobTransition: the job moved to the asked status (cancel requested, or committing). */
  TRANSITIONED: 1,
  /** jobTransition: not allowed from the job's status (or a cancel was asked before the commit). */
  REFUSED: -3,
  /** putUnit, deleteUnit: the unit's entity tag is not among those of If-Match. */
  PRECONDITION_FAILED: -4,
  /** commitDocument: a large document write is registered (store/document-writer.ts); apply and finish it. */
  COMMITTED: 1,
  /** finishDocument: the write is logged and ended. */
  FINISHED: 1,
  /**
   * putUnit, markReviewed: a large document write is being applied; wait for it (store/settled.ts) and ask
   * again.
   */
  WRITING: -5,
  /** jobTransition: a cancel of a job whose owner stopped beating; it is now failed (IMPORT_ABANDONED). */
  ABANDONED: -7,
  /** applyDocument, finishDocument: the write had ended already (another process finished it). */
  SETTLED: -6,
  /** commitImport: a batch of the chunk is gone and not marked applied (evicted or expired); nothing was written. */
  LOST: -7,
  /** jobWrite: the fields were written (the writer is the job's owner). */
  WRITTEN: 1,
  /** ownImport: the owner's commit calls are taken from now on. */
  OWNED: 1,
  /**
   * jobWrite, jobTransition (commit), ownImport, commitImport: the caller is no longer the job's owner (another
   * took the job over, or failed its reading as abandoned); nothing was written.
   */
  FENCED: -8,
} as const;

/** Helper files (lua/<name>.lua) a script starts with. */
const RECORD = ['unit-record'];
const HISTORY = [...RECORD, 'unit-history'];
const PRELUDES: Partial<Record<string, string[]>> = {
  putUnit: [...HISTORY, 'unit-tag'],
  deleteUnit: [...RECORD, 'unit-tag'],
  putDocument: HISTORY,
  stageDocument: HISTORY,
  stageImport: RECORD,
  commitImport: RECORD,
  markReviewed: RECORD,
  migrateUnits: RECORD,
};

/** A file of ./lua; unit-record.lua starts with its field list, generated from UNIT_RECORD_FIELDS (unit-record.ts). */
const read = (name: string) => {
  const source = fs.readFileSync(path.join(__dirname, 'lua', `${name}.lua`), 'utf8');
  return name === 'unit-record' ? `${luaFieldList()}\n${source}` : source;
};

/**
 * A script's source. The scripts are written with `redis.call('PUBLISH', ...)`; for the sharded pub/sub of a Redis 7
 * cluster (redis.ts, PubSubMode) that call becomes SPUBLISH, whose channel carries the TM's hash tag, so the script
 * still touches one slot. The two variants differ in that word only.
 */
export function scriptSource(name: string, mode: PubSubMode = 'plain'): string {
  const source = [...(PRELUDES[name] ?? []), name].map(read).join('\n');
  return mode === 'sharded' ? source.replace(/redis\.call\('PUBLISH'/g, "redis.call('SPUBLISH'") : source;
}

export function defineScripts(redis: Redis | Cluster, mode: PubSubMode): void {
  for (const name of SCRIPT_NAMES) {
    redis.defineCommand(name, { lua: scriptSource(name, mode) });
  }
}
