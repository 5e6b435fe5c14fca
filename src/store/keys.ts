/**
 * Every Redis key mizan uses is built here and nowhere else.
 *
 *   <prefix>schema                    string  version of this layout (store/schema.ts), checked at start
 *   <prefix>epoch                     string  this deployment's data lineage: a random id written once (SET NX);
 *                                             gone or another means the data was replaced (FLUSHALL, a restore)
 *   <prefix>tms                       set     names of the TMs that exist
 *   <prefix>{tm:<tm>}:units           set     ids of the TM's units
 *   <prefix>{tm:<tm>}:unit:<id>       string  the unit's record (unit-record.ts): ar, en, zh, doc, pos, para, conf,
 *                                             review (0, 1 or the reasons "a,b"), split (JSON or ''), src (row hash
 *                                             at import), the TMX fields below, updated
 *   <prefix>{tm:<tm>}:docs            zset    document ids, scored by their order
 *   <prefix>{tm:<tm>}:doc:<id>        hash    hash (content), rev, order, titles (JSON), source, date, url,
 *                                             segments, created, updated
 *   <prefix>{tm:<tm>}:doc:<id>:rows   list    unit ids in document order
 *   <prefix>{tm:<tm>}:doc:<id>:reviewed
 *                                     hash    rows a person marked reviewed: row hash (ar, en, zh) → epoch ms of
 *                                             the mark, and `@doc` → the document's `created` (lua/markReviewed)
 *   <prefix>{tm:<tm>}:log             stream  one entry per unit change: seq, op (put|del), id; or per large
 *                                             document write: seq, op doc, doc (its units are re-read)
 *   <prefix>{tm:<tm>}:seq             string  counter of log entries (gaps tell a reader the log was trimmed)
 *   <prefix>{tm:<tm>}:changed         channel pub/sub: the seq of each change, published by the same Lua call
 *   <prefix>{tm:<tm>}:import:<job>    list    a TMX import's staged unit ids, one element per batch (space-
 *                                             separated), in order of first appearance, until commit
 *                                             (lua/stageImport, lua/commitImport)
 *   <prefix>{tm:<tm>}:import:<job>:batch:<id>
 *                                     string  a batch of staged unit records without `updated`, named after its
 *                                             first unit: their lengths, '|', the records (lua/stageImport); each
 *                                             written to its unit's key at commit when the unit is new, merged
 *                                             into it when not
 *   <prefix>{tm:<tm>}:import:<job>:patched
 *                                     set     ids of the staged units that have a patch
 *   <prefix>{tm:<tm>}:import:<job>:applied
 *                                     set     the batch keys the commit applied in full and deleted
 *                                             (lua/commitImport): a batch gone and not here was lost (evicted)
 *   <prefix>{tm:<tm>}:import:<job>:committed
 *                                     hash    what the job's commit calls wrote so far: written, extended, en, zh,
 *                                             entries (lua/commitImport), so that a reply lost counts all the same;
 *                                             owner: the epoch of the job's owner, whose calls alone are taken
 *                                             (lua/ownImport)
 *   <prefix>{tm:<tm>}:import:<job>:unit:<id>
 *                                     string  a unit's patch: what later records of the unit (a bilingual file's
 *                                             other language) add to its first record, without `updated`
 *   <prefix>{tm:<tm>}:writing         hash    large document writes committed and being applied: token → JSON
 *                                             { doc, mode, logMaxLen } (store/document-writer.ts); readers of the
 *                                             TM's units and documents wait while it exists (store/settled.ts)
 *   <prefix>{tm:<tm>}:stage:<token>:rows      list  a large document's rows being written (lua/stageDocument),
 *   <prefix>{tm:<tm>}:stage:<token>:put       list  the ids of the units it staged (new or changed),
 *   <prefix>{tm:<tm>}:stage:<token>:drop      list  the ids of the units it deletes,
 *   <prefix>{tm:<tm>}:stage:<token>:unit:<id> string  each staged unit record, until lua/applyDocument renames it,
 *   <prefix>{tm:<tm>}:stage:<token>:alive     string  set while the write's applier works (expires when it stops)
 *                                             (staged keys expire after a day if the commit never comes)
 *   <prefix>job:<job>                 hash    an import job: status, counters, error, timestamps (service/imports.ts);
 *                                             owner (epoch), heartbeat and ending: who works on it (lua/jobTransition)
 *   <prefix>jobs:live                 set     ids of the import jobs read or committed now, or whose process
 *                                             stopped doing so: what live instances look through for abandoned jobs
 *   <prefix>apikeys                   hash    API keys by id: JSON { name, role, salt, hash, created } (the secret
 *                                             itself is never stored: hash = sha256(salt ‖ secret))
 *   <prefix>apikey:<id>:tms           set     TMs this API key created (the per-key TM limit counts those that exist)
 *   <prefix>audit                     stream  one entry per authenticated write: time, key, method, path, tm,
 *                                             target, status, ip (capped with XADD MAXLEN ~)
 *   <prefix>rl:<r|w>:<client>         string  requests of a client (k:<key id> or ip:<address>) in the current
 *                                             minute, for reads or writes (http/rate-count.ts, one key per client)
 *   <prefix>{tm:<tm>}:idem:<digest>   string  a write's Idempotency-Key record, JSON { state: pending|done,
 *                                             fingerprint, outcome }; digest = SHA-256(route, key[, API key id]);
 *                                             kept a day
 *
 * Unit records also hold, for units imported from TMX (empty otherwise): codes:<lang> (JSON inline codes of that
 * text's placeables), tuv:<lang> (JSON tag/attrs/props/notes of the tuv), tmx (JSON tuid/attrs/props/notes/placement of
 * the tu), apart (JSON variants kept apart: Traditional Chinese, other languages).
 *
 * All keys of one TM share the hash tag {tm:<tm>}, so a Lua script may touch any of them on a Redis Cluster.
 */

export class Keys {
  constructor(readonly prefix: string) {
    if (/[{}]/.test(prefix)) throw new Error('key prefix must not contain { or }: it would break hash tags');
  }

  /** The schema version of everything under this prefix. */
  schema(): string {
    return `${this.prefix}schema`;
  }

  /** A random id of the data under this prefix, written once: see TmStore.epoch. */
  epoch(): string {
    return `${this.prefix}epoch`;
  }

  tms(): string {
    return `${this.prefix}tms`;
  }

  private tm(tm: string): string {
    return `${this.prefix}{tm:${tm}}:`;
  }

  units(tm: string): string {
    return `${this.tm(tm)}units`;
  }

  unit(tm: string, unitId: string): string {
    return `${this.tm(tm)}unit:${unitId}`;
  }

  /** The keys of these units (a page of them: the common part made once). */
  unitKeys(tm: string, unitIds: readonly string[]): string[] {
    const start = `${this.tm(tm)}unit:`;
    return unitIds.map((id) => start + id);
  }

  docs(tm: string): string {
    return `${this.tm(tm)}docs`;
  }

  doc(tm: string, documentId: string): string {
    return `${this.tm(tm)}doc:${documentId}`;
  }

  docRows(tm: string, documentId: string): string {
    return `${this.tm(tm)}doc:${documentId}:rows`;
  }

  /** The rows of the document a person marked reviewed, by the hash of their texts (lua/markReviewed.lua). */
  reviewMarks(tm: string, documentId: string): string {
    return `${this.tm(tm)}doc:${documentId}:reviewed`;
  }

  log(tm: string): string {
    return `${this.tm(tm)}log`;
  }

  seq(tm: string): string {
    return `${this.tm(tm)}seq`;
  }

  /**
   * The keys a whole-document script (putDocument, commitDocument, deleteDocument) begins with, in the order of their
   * contract headers: the document, its rows, the TM's documents, units, log and seq.
   */
  documentScript(tm: string, documentId: string): string[] {
    return [
      this.doc(tm, documentId),
      this.docRows(tm, documentId),
      this.docs(tm),
      this.units(tm),
      this.log(tm),
      this.seq(tm),
    ];
  }

  /** The unit ids a TMX import job has staged for this TM (same hash tag as the TM's keys). */
  importStaged(tm: string, job: string): string {
    return `${this.tm(tm)}import:${job}`;
  }

  /** A unit's patch staged by a TMX import job: its later records (same hash tag as the TM's keys). */
  importUnit(tm: string, job: string, unitId: string): string {
    return `${this.tm(tm)}import:${job}:unit:${unitId}`;
  }

  /** A batch of first records staged by a TMX import job, named after its first unit (same hash tag). */
  importBatch(tm: string, job: string, firstId: string): string {
    return `${this.tm(tm)}import:${job}:batch:${firstId}`;
  }

  /** The batches a TMX import job's commit applied and deleted (same hash tag as the TM's keys). */
  importApplied(tm: string, job: string): string {
    return `${this.tm(tm)}import:${job}:applied`;
  }

  /** The counts of what a TMX import job's commit calls wrote so far (same hash tag as the TM's keys). */
  importCommitted(tm: string, job: string): string {
    return `${this.tm(tm)}import:${job}:committed`;
  }

  /** The ids of the units a TMX import job staged a patch for (same hash tag as the TM's keys). */
  importPatched(tm: string, job: string): string {
    return `${this.tm(tm)}import:${job}:patched`;
  }

  /** A large document's rows as they are staged (store/document-writer.ts), `token` naming one write. */
  stagedRows(tm: string, token: string): string {
    return `${this.tm(tm)}stage:${token}:rows`;
  }

  /** The ids of the units one staged write has staged (new or changed), which applyDocument renames into place. */
  stagedPut(tm: string, token: string): string {
    return `${this.tm(tm)}stage:${token}:put`;
  }

  /** The ids of the units one staged write deletes. */
  stagedDrop(tm: string, token: string): string {
    return `${this.tm(tm)}stage:${token}:drop`;
  }

  /** Exists while the applier of one committed write is working (a heartbeat: it expires when the applier stops). */
  stagedAlive(tm: string, token: string): string {
    return `${this.tm(tm)}stage:${token}:alive`;
  }

  /**
   * The TM's large document writes that are committed and being applied (token → JSON { doc, mode, logMaxLen }):
   * while it exists, readers of the TM's units and documents wait (store/settled.ts).
   */
  documentWrites(tm: string): string {
    return `${this.tm(tm)}writing`;
  }

  /** A unit as one staged write will put it in place. */
  stagedUnit(tm: string, token: string, unitId: string): string {
    return `${this.tm(tm)}stage:${token}:unit:${unitId}`;
  }

  /** The record of an Idempotency-Key on a route of the TM (`digest`: a hash of route and key, service side). */
  idempotency(tm: string, digest: string): string {
    return `${this.tm(tm)}idem:${digest}`;
  }

  /** An import job's record (outside every TM's hash tag: a TM's keys stay untouched by a rejected import). */
  job(job: string): string {
    return `${this.prefix}job:${job}`;
  }

  /** The import jobs being read or committed (or abandoned so), which live instances take over (service/imports.ts). */
  liveJobs(): string {
    return `${this.prefix}jobs:live`;
  }

  /** API keys by id (one hash: a handful of keys, read with one HGET per request). */
  apiKeys(): string {
    return `${this.prefix}apikeys`;
  }

  /** The TMs an API key created. */
  keyTms(keyId: string): string {
    return `${this.prefix}apikey:${keyId}:tms`;
  }

  /** The audit stream of writes. */
  audit(): string {
    return `${this.prefix}audit`;
  }

  /** Prefix of the rate-limit counters of one budget (`r` reads, `w` writes); the client's name follows. */
  rateLimit(budget: 'r' | 'w'): string {
    return `${this.prefix}rl:${budget}:`;
  }

  /** Pub/sub channel on which every write to the TM publishes its log seq. */
  changes(tm: string): string {
    return `${this.tm(tm)}changed`;
  }

  /** The TM name in a `changes` channel name, if it is one. */
  tmOfChanges(channel: string): string | undefined {
    const m = /^\{tm:([^}]+)\}:changed$/.exec(channel.startsWith(this.prefix) ? channel.slice(this.prefix.length) : '');
    return m?.[1];
  }

  /** A SCAN pattern matching every key of one TM (all in its hash tag, so in one slot of a cluster). */
  tmEverything(tm: string): string {
    return `${this.tm(tm).replace(/[*?[\]\\]/g, '\\$&')}*`;
  }

  /** The part of a TM's key after its TM (`units`, `unit:<id>`, …); undefined for a key of another TM or prefix. */
  tmKeyRest(tm: string, key: string): string | undefined {
    return key.startsWith(this.tm(tm)) ? key.slice(this.tm(tm).length) : undefined;
  }

  /** A TM's key from its rest (`tmKeyRest`): moves a key to another TM or prefix. */
  tmKey(tm: string, rest: string): string {
    return `${this.tm(tm)}${rest}`;
  }

  /** A SCAN pattern matching every key under this prefix (for tests and tools that wipe a deployment). */
  everything(): string {
    return `${this.prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  }
}
