/**
 * What TMX import jobs, TM listings and whole-TM exports need from Redis: staging units beside a TM (a record per unit
 * and the list of their ids, written by lua/stageImport while the file is read), committing them in chunks
 * (import-commit.ts, lua/commitImport: nothing travels back to the client but counts), dropping them, the
 * job record (a hash outside every TM's hash tag, moved between statuses by lua/jobTransition); paged reads of a
 * TM's units with every field come from TmReads (tm-reads.ts).
 */
import { ErrorCode, MizanError } from '../errors';
import { tailOf } from './change-log';
import { BATCH_PAGE, commitStaged, StagingLost, type CommitCounts } from './import-commit';
import type { Keys } from './keys';
import { guard, type RedisClient } from './redis';
import { ScriptCode } from './scripts';
import { TmReads } from './tm-reads';

export { RECORD_FIELDS, unitRecord } from './unit-record';
export { Fenced, type CommitCounts } from './import-commit';

/**
 * Staged records, in one order: each record's unit id; whether it is the first record of its unit in this import
 * (a later one, from a merged bilingual file, adds languages); and the records, encoded (unit-record.ts) one after
 * another, record i ending at byte ends[i]. They go to Redis as they are, one argument for all.
 */
export interface StagedRecords {
  ids: readonly string[];
  first: readonly boolean[];
  records: Uint8Array;
  ends: readonly number[];
}

export type JobTransition = 'done' | 'not-found' | 'refused' | 'abandoned' | 'fenced';

/** How many units a TM holds and its last log entry (id '0-0' and seq 0 when it has none), read together. */
export interface TmState {
  units: number;
  tail: { id: string; seq: number };
}

const TRANSITION = new Map<number, JobTransition>([
  [ScriptCode.TRANSITIONED, 'done'],
  [ScriptCode.NOT_FOUND, 'not-found'],
  [ScriptCode.REFUSED, 'refused'],
  [ScriptCode.ABANDONED, 'abandoned'],
  [ScriptCode.FENCED, 'fenced'],
]);

/** Patches dropped per round trip; live jobs read per round trip. */
const ID_PAGE = 1000;

export class ImportStore extends TmReads {
  constructor(
    redis: RedisClient,
    keys: Keys,
    readonly logMaxLen = 100_000,
  ) {
    super(redis, keys);
  }

  /**
   * Stages a chunk of records (lua/stageImport: the first records of their units as one batch, later ones into their
   * units' patches); staged keys expire after `ttlMs`, refreshed on the id list here.
   */
  async stage(tm: string, job: string, records: StagedRecords, ttlMs: number): Promise<void> {
    const { ids, first, ends } = records;
    if (ids.length === 0) return;
    const bytes = Buffer.from(records.records.buffer, records.records.byteOffset, records.records.byteLength);
    const firsts = { ids: '', lengths: '', parts: [] as Buffer[] };
    const laters = { ids: '', lengths: '', parts: [] as Buffer[], keys: [] as string[] };
    for (let i = 0; i < ids.length; i++) {
      const from = i === 0 ? 0 : ends[i - 1]!;
      const into = first[i] ? firsts : laters;
      into.ids += `${ids[i]!} `;
      into.lengths += `${ends[i]! - from} `;
      into.parts.push(bytes.subarray(from, ends[i]));
      if (!first[i]) laters.keys.push(this.keys.importUnit(tm, job, ids[i]!));
    }
    const firstId = firsts.ids.slice(0, firsts.ids.indexOf(' '));
    // Every record a first one (the usual case): the batch is the chunk's bytes as they came, behind its lengths.
    const batch = laters.parts.length === 0 ? [bytes.subarray(0, ends[ids.length - 1])] : firsts.parts;
    const keyList = [this.keys.importStaged(tm, job), this.keys.importPatched(tm, job)];
    keyList.push(this.keys.importBatch(tm, job, firstId), ...laters.keys);
    const args = [ttlMs, firsts.ids, Buffer.concat([Buffer.from(`${firsts.lengths}|`), ...batch])];
    args.push(laters.ids, laters.lengths, Buffer.concat(laters.parts));
    await guard(this.redis, () => this.redis.stageImport(keyList.length, ...keyList, ...args));
  }

  /**
   * Makes the staged units the TM's, `chunk` per script call in staging order (a call takes its units from one batch
   * or more, lua/commitImport), up to three calls sent ahead; `progress` is told the latest counts so far, one report
   * at a time, without the next calls waiting for it (a progress write awaited there sat in Redis behind the calls in
   * flight, and the pipeline ran dry at every chunk), counts superseded before their report was sent skipped; a
   * failed report fails the commit. Applying a chunk twice changes nothing, and the counts are those Redis keeps for
   * the job, so running the commit again after an interruption (Redis gone, or its process: another takes it over)
   * finishes the job with the counts of one run; {@link finish} deletes what is left staged once it has run whole.
   * Staged records lost meanwhile (evicted or expired: a batch gone that no call applied, or fewer ids listed than the
   * `staged` the job counted) fail it with IMPORT_STAGING_LOST; the chunks committed before the loss stay in the TM
   * (`written` in the error says how many units), and what is left staged is the caller's to drop. `owner`: the job's
   * owner, made the committer by {@link own}; calls of an owner the job no longer has write nothing and throw Fenced.
   * Without one (a tool or a test staging and committing on its own) the calls are not fenced.
   */
  async commit(
    tm: string,
    job: string,
    chunk: number,
    progress?: (counts: CommitCounts) => Promise<void>,
    staged?: number,
    owner?: number,
  ): Promise<CommitCounts> {
    try {
      return await commitStaged(this, tm, job, chunk, progress, staged, owner);
    } catch (err) {
      if (!(err instanceof StagingLost)) throw err;
      throw new MizanError(ErrorCode.IMPORT_STAGING_LOST, { written: err.written }, { message: err.message });
    }
  }

  /**
   * Makes `owner` the job's committer in the TM's slot (lua/ownImport): its commit calls are taken from now on, and
   * those of an earlier owner refused. False: a later owner holds the commit.
   */
  async own(tm: string, job: string, owner: number, ttlMs: number): Promise<boolean> {
    const key = this.keys.importCommitted(tm, job);
    return (await guard(this.redis, () => this.redis.ownImport(1, key, owner, ttlMs))) === ScriptCode.OWNED;
  }

  /**
   * Deletes what a commit that ran whole leaves staged: the counts and the owner first (a late call of a process
   * that stalled writes nothing from then on), then the patches, the id list, the applied set.
   */
  async finish(tm: string, job: string): Promise<void> {
    await guard(this.redis, () => this.redis.unlink(this.keys.importCommitted(tm, job)));
    await this.dropPatches(tm, job);
    const staged = [this.keys.importStaged(tm, job), this.keys.importApplied(tm, job)];
    await guard(this.redis, () => this.redis.unlink(...staged));
  }

  /** Deletes the job's patches and its patched set. */
  private async dropPatches(tm: string, job: string): Promise<void> {
    const set = this.keys.importPatched(tm, job);
    await guard(this.redis, async () => {
      let cursor = '0';
      do {
        const [next, ids] = await this.redis.sscan(set, cursor, 'COUNT', ID_PAGE);
        cursor = next;
        if (ids.length > 0) await this.redis.unlink(...ids.map((id) => this.keys.importUnit(tm, job, id)));
      } while (cursor !== '0');
      await this.redis.unlink(set);
    });
  }

  /** The TM's unit count and last log entry, in one MULTI (an import's index is taken only if nothing else wrote). */
  async tmState(tm: string): Promise<TmState> {
    return guard(this.redis, async () => {
      const replies = (await this.redis
        .multi()
        .scard(this.keys.units(tm))
        .xrevrange(this.keys.log(tm), '+', '-', 'COUNT', 1)
        .exec()) as [[Error | null, number], [Error | null, [string, string[]][]]];
      for (const [err] of replies) if (err) throw err;
      return { units: replies[0][1], tail: tailOf(replies[1][1][0]) };
    });
  }

  /** Deletes everything the job staged (cancel, failure), its committer first; the TM itself is never touched. */
  async drop(tm: string, job: string): Promise<void> {
    const list = this.keys.importStaged(tm, job);
    await guard(this.redis, () => this.redis.unlink(this.keys.importCommitted(tm, job)));
    await guard(this.redis, async () => {
      for (let start = 0; ; start += BATCH_PAGE) {
        const page = await this.redis.lrange(list, start, start + BATCH_PAGE - 1);
        const batches = page.map((ids) => this.keys.importBatch(tm, job, ids.slice(0, ids.indexOf(' '))));
        if (batches.length > 0) await this.redis.unlink(...batches);
        if (page.length < BATCH_PAGE) break;
      }
    });
    await this.dropPatches(tm, job);
    await guard(this.redis, () => this.redis.unlink(list, this.keys.importApplied(tm, job)));
  }

  /** A new job's record (or fields of one no process owns yet); the owner's writes go through {@link writeOwned}. */
  async writeJob(job: string, fields: Record<string, string | number>, ttlSeconds?: number): Promise<void> {
    const key = this.keys.job(job);
    await guard(this.redis, async () => {
      const multi = this.redis.multi().hset(key, fields);
      if (ttlSeconds !== undefined) multi.expire(key, ttlSeconds);
      await multi.exec();
    });
  }

  async readJob(job: string): Promise<Record<string, string> | undefined> {
    const h = await guard(this.redis, () => this.redis.hgetall(this.keys.job(job)));
    return h.status ? h : undefined;
  }

  /**
   * Writes fields of the job's record if `owner` is still its owner (lua/jobWrite; undefined: a job never claimed),
   * deleting `unset` and setting the record's time to live when given; false, writing nothing, when it is not.
   */
  async writeOwned(
    job: string,
    owner: number | undefined,
    fields: Record<string, string | number>,
    options: { ttlSeconds?: number; unset?: string[] } = {},
  ): Promise<boolean> {
    const unset = options.unset ?? [];
    const args = [owner ?? '', options.ttlSeconds ?? '', unset.length, ...unset, ...Object.entries(fields).flat()];
    return (await guard(this.redis, () => this.redis.jobWrite(1, this.keys.job(job), ...args))) === ScriptCode.WRITTEN;
  }

  /**
   * Asks a job to stop, moves it to committing (for its `owner`), or fails it as abandoned (lua/jobTransition.lua); a
   * cancel or an abandon given `before` (a heartbeat older than that) fails such a job, running, with `error`.
   */
  async transition(
    job: string,
    action: 'cancel' | 'commit' | 'abandon',
    options: { owner?: number; before?: number; error?: string } = {},
  ): Promise<JobTransition> {
    const args = [action, Date.now(), options.owner ?? '', options.before ?? '', options.error ?? ''];
    const code = await guard(this.redis, () => this.redis.jobTransition(1, this.keys.job(job), ...args));
    const result = TRANSITION.get(code);
    if (!result) throw new Error(`jobTransition answered ${code}, which it never should`);
    return result;
  }

  /**
   * Claims the job for a new owner (lua/jobTransition): `read`, a queued job, with `fields`; `take`, a committing one
   * whose heartbeat is older than `before`. The owner's epoch, or undefined when the claim was refused.
   */
  async claim(
    job: string,
    action: 'read' | 'take',
    options: { before?: number; fields?: Record<string, string | number> } = {},
  ): Promise<number | undefined> {
    const args = [action, Date.now(), '', options.before ?? '', '', ...Object.entries(options.fields ?? {}).flat()];
    const code = await guard(this.redis, () => this.redis.jobTransition(1, this.keys.job(job), ...args));
    return code >= 1 ? code : undefined;
  }

  /** Lists the job among those live instances look through for abandoned ones (read or committed now). */
  async listLive(job: string): Promise<void> {
    await guard(this.redis, () => this.redis.sadd(this.keys.liveJobs(), job));
  }

  async unlistLive(job: string): Promise<void> {
    await guard(this.redis, () => this.redis.srem(this.keys.liveJobs(), job));
  }

  /** The jobs listed live, a page at a time (SSCAN: a job listed or unlisted meanwhile may come or not). */
  async *liveJobs(): AsyncGenerator<string[]> {
    let cursor = '0';
    do {
      const [next, ids] = await guard(this.redis, () =>
        this.redis.sscan(this.keys.liveJobs(), cursor, 'COUNT', ID_PAGE),
      );
      cursor = next;
      if (ids.length > 0) yield ids;
    } while (cursor !== '0');
  }
}
