/**
 * What TMX import jobs, TM listings and whole-TM exports need from Redis: staging units beside a TM (lua/stageUnits),
 * committing them in chunks (lua/commitImport), dropping them, the job record (a hash outside every TM's hash tag,
 * moved between statuses by lua/jobTransition), and paged reads of a TM's units with every field.
 */
import type { Redis } from 'ioredis';
import type { Keys } from './keys';
import { guard } from './redis';
import { ScriptCode } from './scripts';

/** A unit to stage: its id, whether the job sees it for the first time, and its fields ('' = remove at commit). */
export interface StagedUnit {
  unitId: string;
  isNew: boolean;
  fields: string[];
}

export type JobTransition = 'done' | 'not-found' | 'refused';

const TRANSITION = new Map<number, JobTransition>([
  [ScriptCode.TRANSITIONED, 'done'],
  [ScriptCode.NOT_FOUND, 'not-found'],
  [ScriptCode.REFUSED, 'refused'],
]);

export class ImportStore {
  constructor(
    readonly redis: Redis,
    readonly keys: Keys,
    private readonly logMaxLen = 100_000,
  ) {}

  /** Stages one chunk of units (one short script call). */
  async stage(tm: string, job: string, units: readonly StagedUnit[], ttlMs: number): Promise<void> {
    if (units.length === 0) return;
    const { keys } = this;
    const keyList = [keys.importStaged(tm, job), ...units.map((u) => keys.importUnit(tm, job, u.unitId))];
    const args: (string | number)[] = [ttlMs];
    for (const u of units) args.push(u.isNew ? 1 : 0, u.unitId, u.fields.length / 2, ...u.fields);
    await guard(() => this.redis.stageUnits(keyList.length, ...keyList, ...args));
  }

  /** How many distinct units the job has staged. */
  stagedCount(tm: string, job: string): Promise<number> {
    return guard(() => this.redis.llen(this.keys.importStaged(tm, job)));
  }

  /**
   * Moves the staged units into the TM, `chunk` units per script call, in staging order; `progress` is told the
   * units written so far after each call. Idempotent: running it again after an interruption finishes the job.
   */
  async commit(tm: string, job: string, chunk: number, progress?: (written: number) => Promise<void>): Promise<number> {
    const { keys } = this;
    const list = keys.importStaged(tm, job);
    let written = 0;
    await guard(() => this.redis.sadd(keys.tms(), tm));
    for (let start = 0; ; start += chunk) {
      const ids = await guard(() => this.redis.lrange(list, start, start + chunk - 1));
      if (ids.length === 0) break;
      const keyList = [keys.units(tm), keys.log(tm), keys.seq(tm)];
      for (const id of ids) keyList.push(keys.importUnit(tm, job, id), keys.unit(tm, id));
      written += await guard(() =>
        this.redis.commitImport(keyList.length, ...keyList, Date.now(), this.logMaxLen, keys.changes(tm), ...ids),
      );
      await progress?.(written);
      if (ids.length < chunk) break;
    }
    await guard(() => this.redis.del(list));
    return written;
  }

  /** Deletes everything the job staged (cancel, failure); the TM itself is never touched. */
  async drop(tm: string, job: string, chunk = 1000): Promise<void> {
    const { keys } = this;
    const list = keys.importStaged(tm, job);
    for (let start = 0; ; start += chunk) {
      const ids = await guard(() => this.redis.lrange(list, start, start + chunk - 1));
      if (ids.length > 0) await guard(() => this.redis.unlink(...ids.map((id) => keys.importUnit(tm, job, id))));
      if (ids.length < chunk) break;
    }
    await guard(() => this.redis.unlink(list));
  }

  async writeJob(job: string, fields: Record<string, string | number>, ttlSeconds?: number): Promise<void> {
    const key = this.keys.job(job);
    await guard(async () => {
      const multi = this.redis.multi().hset(key, fields);
      if (ttlSeconds !== undefined) multi.expire(key, ttlSeconds);
      await multi.exec();
    });
  }

  async readJob(job: string): Promise<Record<string, string> | undefined> {
    const h = await guard(() => this.redis.hgetall(this.keys.job(job)));
    return h.status ? h : undefined;
  }

  /** Asks a job to stop, or moves it to committing (lua/jobTransition.lua). */
  async transition(job: string, action: 'cancel' | 'commit'): Promise<JobTransition> {
    const code = await guard(() => this.redis.jobTransition(1, this.keys.job(job), action, Date.now()));
    const result = TRANSITION.get(code);
    if (!result) throw new Error(`jobTransition answered ${code}, which it never should`);
    return result;
  }

  /** Units and documents of a TM. */
  async counts(tm: string): Promise<{ units: number; documents: number }> {
    return guard(async () => {
      const [[, units], [, documents]] = (await this.redis
        .multi()
        .scard(this.keys.units(tm))
        .zcard(this.keys.docs(tm))
        .exec()) as [[null, number], [null, number]];
      return { units, documents };
    });
  }

  /**
   * One page of the TM's unit ids (SSCAN: every unit present for the whole walk is returned at least once; one
   * added or removed meanwhile may or may not be). `cursor` '0' starts; the answer's '0' means the walk is over.
   */
  async unitPage(tm: string, cursor: string, count: number): Promise<{ cursor: string; ids: string[] }> {
    const [next, ids] = await guard(() => this.redis.sscan(this.keys.units(tm), cursor, 'COUNT', count));
    return { cursor: next, ids };
  }

  /** Every field of these units, in one round trip (undefined for a unit gone meanwhile). */
  async unitRecords(tm: string, ids: readonly string[]): Promise<(Record<string, string> | undefined)[]> {
    if (ids.length === 0) return [];
    return guard(async () => {
      const pipe = this.redis.pipeline();
      for (const id of ids) pipe.hgetall(this.keys.unit(tm, id));
      const replies = (await pipe.exec()) ?? [];
      return replies.map(([err, h]) => {
        if (err) throw err;
        const record = h as Record<string, string>;
        return record.ar === undefined ? undefined : record;
      });
    });
  }
}
