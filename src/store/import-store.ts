/**
 * What TMX import jobs, TM listings and whole-TM exports need from Redis: staging units beside a TM (a record per unit
 * and the list of their ids, written by lua/stageImport while the file is read), committing them in chunks
 * (lua/commitImport: a new unit's staged record is renamed, nothing travels back to the client), dropping them, the
 * job record (a hash outside every TM's hash tag, moved between statuses by lua/jobTransition); paged reads of a
 * TM's units with every field come from TmReads (tm-reads.ts).
 */
import { ErrorCode, MizanError } from '../errors';
import { tailOf } from './change-log';
import type { Keys } from './keys';
import { guard, type RedisClient } from './redis';
import { ScriptCode } from './scripts';
import { TmReads } from './tm-reads';

export { RECORD_FIELDS, unitRecord } from './unit-record';

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

export type JobTransition = 'done' | 'not-found' | 'refused' | 'abandoned';

/**
 * What a commit did: units created or changed (`written`); of the units already in the TM, those that gained a target
 * language they lacked (`extended`) and, per target, those whose text in it the import replaced (`replaced`).
 */
export interface CommitCounts {
  written: number;
  extended: number;
  replaced: { en: number; zh: number };
  /** Log entries the commit wrote: the TM's seq moved by this much. */
  entries: number;
}

/** How many units a TM holds and its last log entry (id '0-0' and seq 0 when it has none), read together. */
export interface TmState {
  units: number;
  tail: { id: string; seq: number };
}

/** Staged records gone before the commit took them; `written`: the units committed before it was seen. */
class StagingLost extends Error {
  constructor(
    message: string,
    readonly written: number,
  ) {
    super(`staged records lost: ${message}`);
  }
}

const TRANSITION = new Map<number, JobTransition>([
  [ScriptCode.TRANSITIONED, 'done'],
  [ScriptCode.NOT_FOUND, 'not-found'],
  [ScriptCode.REFUSED, 'refused'],
  [ScriptCode.ABANDONED, 'abandoned'],
]);

/** Commit calls sent before the first answer is awaited (Redis runs them in order, so Redis never waits for us). */
const COMMITS_IN_FLIGHT = 3;

/** Patches dropped per round trip. */
const ID_PAGE = 1000;
/** Batches' ids read per round trip (a batch holds up to Imports' stageChunk ids). */
const BATCH_PAGE = 4;

export class ImportStore extends TmReads {
  constructor(
    redis: RedisClient,
    keys: Keys,
    private readonly logMaxLen = 100_000,
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
   * or more, lua/commitImport), up to COMMITS_IN_FLIGHT calls sent ahead; `progress` is told the counts so far
   * after each call, in order, without the next calls waiting for it (a progress write awaited there sat in Redis
   * behind the calls in flight, and the pipeline ran dry at every chunk); its failure fails the commit. Applying a
   * chunk twice changes nothing, so running it again after an interruption finishes the job. The id list and the
   * patches are deleted at the end. Staged records lost meanwhile (evicted or expired: a batch gone that no call
   * applied, or fewer ids listed than the `staged` the job counted) fail it with IMPORT_STAGING_LOST, what is left
   * staged dropped; the chunks committed before the loss stay in the TM (`written` in the error says how many units).
   */
  async commit(
    tm: string,
    job: string,
    chunk: number,
    progress?: (counts: CommitCounts) => Promise<void>,
    staged?: number,
  ): Promise<CommitCounts> {
    try {
      return await this.commitStaged(tm, job, chunk, progress, staged);
    } catch (err) {
      if (err instanceof StagingLost) {
        await this.drop(tm, job);
        throw new MizanError(ErrorCode.IMPORT_STAGING_LOST, { written: err.written }, { message: err.message });
      }
      throw err;
    }
  }

  private async commitStaged(
    tm: string,
    job: string,
    chunk: number,
    progress: ((counts: CommitCounts) => Promise<void>) | undefined,
    staged: number | undefined,
  ): Promise<CommitCounts> {
    const { keys } = this;
    const counts: CommitCounts = { written: 0, extended: 0, replaced: { en: 0, zh: 0 }, entries: 0 };
    // The TM is registered just before the first call that commits units, and only then: a job that staged nothing
    // does not create it. Not in lua/commitImport: `<p>tms` lies in no TM's slot (DESIGN.md, "Import jobs", (a)).
    let registered = false;
    const inFlight: Promise<[number, number, number, number, number]>[] = [];
    /** The progress reports so far, one after the other; the first failure, which ends the commit. */
    let reported = Promise.resolve();
    let reportFailed: { error: unknown } | undefined;
    const settle = async () => {
      const [written, extended, en, zh, entries] = await inFlight.shift()!;
      if (written === ScriptCode.LOST) throw new StagingLost(`a staged batch of ${tm}/${job} is gone`, counts.written);
      counts.entries += entries;
      counts.written += written;
      counts.extended += extended;
      counts.replaced.en += en;
      counts.replaced.zh += zh;
      if (reportFailed) throw reportFailed.error;
      const now = { ...counts, replaced: { ...counts.replaced } };
      if (progress) reported = reported.then(() => progress(now)).catch((error) => void (reportFailed ??= { error }));
    };
    /** Batches whose units are not all sent yet: each batch's ids, and how many of them were sent. */
    const queue: { ids: string[]; sent: number }[] = [];
    let queued = 0;
    // No patch (no later record of any unit: the usual case): no unit's patch is passed or looked for.
    const patches = (await guard(this.redis, () => this.redis.exists(keys.importPatched(tm, job)))) === 1;
    const send = async () => {
      if (!registered) {
        await guard(this.redis, () => this.redis.sadd(keys.tms(), tm));
        registered = true;
      }
      const keyList = [keys.units(tm), keys.log(tm), keys.seq(tm), keys.importPatched(tm, job)];
      keyList.push(keys.importApplied(tm, job));
      const segments: string[] = [];
      const ids: string[] = [];
      while (ids.length < chunk && queue.length > 0) {
        const batch = queue[0]!;
        const count = Math.min(chunk - ids.length, batch.ids.length - batch.sent);
        const last = batch.sent + count === batch.ids.length;
        keyList.push(keys.importBatch(tm, job, batch.ids[0]!));
        segments.push(`${batch.sent} ${count} ${last ? 1 : 0}`);
        for (let i = batch.sent; i < batch.sent + count; i++) ids.push(batch.ids[i]!);
        batch.sent += count;
        if (last) queue.shift();
      }
      queued -= ids.length;
      if (patches) for (const id of ids) keyList.push(keys.importUnit(tm, job, id), keys.unit(tm, id));
      else for (const id of ids) keyList.push(keys.unit(tm, id));
      const args = [Date.now(), this.logMaxLen, keys.changes(tm), segments.length, patches ? 1 : 0];
      args.push(...segments, ...ids);
      const call = guard(this.redis, () => this.redis.commitImport(keyList.length, ...keyList, ...args));
      call.catch(() => undefined); // awaited in turn by settle
      inFlight.push(call);
      if (inFlight.length >= COMMITS_IN_FLIGHT) await settle();
    };
    let listed = 0;
    try {
      for await (const page of this.batchIds(tm, job)) {
        for (const ids of page) queue.push({ ids, sent: 0 });
        queued += page.reduce((n, ids) => n + ids.length, 0);
        listed += page.reduce((n, ids) => n + ids.length, 0);
        if (staged !== undefined && listed > staged) throw new StagingLost(`${tm}/${job} lists more ids`, 0);
        while (queued >= chunk) await send();
      }
      if (staged !== undefined && listed !== staged) {
        throw new StagingLost(`${tm}/${job} lists ${listed} of its ${staged} staged ids`, counts.written);
      }
      while (queued > 0) await send();
      while (inFlight.length > 0) await settle();
      await reported;
      if (reportFailed) throw reportFailed.error;
    } finally {
      await Promise.allSettled(inFlight);
      await reported;
    }
    await this.dropPatches(tm, job);
    await guard(this.redis, () => this.redis.unlink(keys.importStaged(tm, job), keys.importApplied(tm, job)));
    return counts;
  }

  /**
   * The ids of the job's batches, a page of them at a time, each page asked for before the one before it is handed
   * out: the commit calls sent meanwhile queue behind that read, so Redis always has the next call waiting.
   */
  private async *batchIds(tm: string, job: string): AsyncGenerator<string[][]> {
    const list = this.keys.importStaged(tm, job);
    const read = (start: number) => {
      const page = guard(this.redis, () => this.redis.lrange(list, start, start + BATCH_PAGE - 1));
      page.catch(() => undefined); // awaited when its turn comes
      return page;
    };
    let next = read(0);
    for (let start = 0; ; start += BATCH_PAGE) {
      const page = await next;
      if (page.length === BATCH_PAGE) next = read(start + BATCH_PAGE);
      if (page.length > 0) yield page.map((ids) => ids.split(' ').filter((id) => id !== ''));
      if (page.length < BATCH_PAGE) return;
    }
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

  /** Deletes everything the job staged (cancel, failure); the TM itself is never touched. */
  async drop(tm: string, job: string): Promise<void> {
    const list = this.keys.importStaged(tm, job);
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
   * Asks a job to stop, or moves it to committing (lua/jobTransition.lua); a cancel given `abandoned` (a heartbeat
   * older than `before`) fails such a job with `error` instead.
   */
  async transition(
    job: string,
    action: 'cancel' | 'commit',
    abandoned?: { before: number; error: string },
  ): Promise<JobTransition> {
    const args: (string | number)[] = [action, Date.now()];
    if (abandoned) args.push(abandoned.before, abandoned.error);
    const code = await guard(this.redis, () => this.redis.jobTransition(1, this.keys.job(job), ...args));
    const result = TRANSITION.get(code);
    if (!result) throw new Error(`jobTransition answered ${code}, which it never should`);
    return result;
  }
}
