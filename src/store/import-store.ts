/**
 * What TMX import jobs, TM listings and whole-TM exports need from Redis: staging units beside a TM (a record per unit
 * and the list of their ids, written by lua/stageImport while the file is read), committing them in chunks
 * (lua/commitImport: a new unit's staged record is renamed, nothing travels back to the client), dropping them, the
 * job record (a hash outside every TM's hash tag, moved between statuses by lua/jobTransition), and paged reads of a
 * TM's units with every field.
 */
import type { Keys } from './keys';
import { guard, type RedisClient } from './redis';
import { ScriptCode } from './scripts';
import { readRecordsSettled } from './settled';
import { recordValues, UNIT_RECORD_FIELDS, type UnitField } from './unit-record';

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

export type JobTransition = 'done' | 'not-found' | 'refused';

/**
 * What a commit did: units created or changed (`written`); of the units already in the TM, those that gained a target
 * language they lacked (`extended`) and, per target, those whose text in it the import replaced (`replaced`).
 */
export interface CommitCounts {
  written: number;
  extended: number;
  replaced: { en: number; zh: number };
}

const TRANSITION = new Map<number, JobTransition>([
  [ScriptCode.TRANSITIONED, 'done'],
  [ScriptCode.NOT_FOUND, 'not-found'],
  [ScriptCode.REFUSED, 'refused'],
]);

/** The fields of a unit an export or a unit listing reads (service/unit-fields.ts): all but these, in record order. */
const UNREAD = ['split', 'src', 'updated'] as const;
export const RECORD_FIELDS: readonly Exclude<UnitField, (typeof UNREAD)[number]>[] = UNIT_RECORD_FIELDS.filter(
  (name): name is Exclude<UnitField, (typeof UNREAD)[number]> => !(UNREAD as readonly string[]).includes(name),
);

/** Commit calls sent before the first answer is awaited (Redis runs them in order, so Redis never waits for us). */
const COMMITS_IN_FLIGHT = 3;

/** Staged ids read (or dropped) per round trip. */
const ID_PAGE = 1000;

export class ImportStore {
  constructor(
    readonly redis: RedisClient,
    readonly keys: Keys,
    private readonly logMaxLen = 100_000,
  ) {}

  /** Stages a chunk of records (staged keys expire after `ttlMs`, refreshed on the id list here). */
  async stage(tm: string, job: string, records: StagedRecords, ttlMs: number): Promise<void> {
    const { ids, first, ends } = records;
    if (ids.length === 0) return;
    const bytes = Buffer.from(records.records.buffer, records.records.byteOffset, records.records.byteLength);
    const keyList = [this.keys.importStaged(tm, job)];
    let flags = '';
    let lengths = '';
    for (let i = 0; i < ids.length; i++) {
      keyList.push(this.keys.importUnit(tm, job, ids[i]!));
      flags += first[i] ? 'n' : 'x';
      lengths += `${ends[i]! - (i === 0 ? 0 : ends[i - 1]!)} `;
    }
    const args = [ttlMs, flags, `${ids.join(' ')} `, lengths, bytes];
    await guard(this.redis, () => this.redis.stageImport(keyList.length, ...keyList, ...args));
  }

  /**
   * Makes the staged units the TM's, `chunk` per script call in staging order, up to COMMITS_IN_FLIGHT calls sent
   * ahead; `progress` is told the counts so far after each call. Applying a chunk twice changes nothing, so running
   * it again after an interruption finishes the job. The id list is deleted at the end.
   */
  async commit(
    tm: string,
    job: string,
    chunk: number,
    progress?: (counts: CommitCounts) => Promise<void>,
  ): Promise<CommitCounts> {
    const { keys } = this;
    const list = keys.importStaged(tm, job);
    const counts: CommitCounts = { written: 0, extended: 0, replaced: { en: 0, zh: 0 } };
    await guard(this.redis, () => this.redis.sadd(keys.tms(), tm));
    const inFlight: Promise<[number, number, number, number]>[] = [];
    const settle = async () => {
      const [written, extended, en, zh] = await inFlight.shift()!;
      counts.written += written;
      counts.extended += extended;
      counts.replaced.en += en;
      counts.replaced.zh += zh;
      await progress?.(counts);
    };
    try {
      for (let start = 0; ; start += chunk) {
        const ids = await guard(this.redis, () => this.redis.lrange(list, start, start + chunk - 1));
        if (ids.length === 0) break;
        const keyList = [keys.units(tm), keys.log(tm), keys.seq(tm)];
        for (const id of ids) keyList.push(keys.importUnit(tm, job, id), keys.unit(tm, id));
        const args = [Date.now(), this.logMaxLen, keys.changes(tm), ...ids];
        const call = guard(this.redis, () => this.redis.commitImport(keyList.length, ...keyList, ...args));
        call.catch(() => undefined); // awaited in turn by settle
        inFlight.push(call);
        if (inFlight.length >= COMMITS_IN_FLIGHT) await settle();
        if (ids.length < chunk) break;
      }
      while (inFlight.length > 0) await settle();
    } finally {
      await Promise.allSettled(inFlight);
    }
    await guard(this.redis, () => this.redis.unlink(list));
    return counts;
  }

  /** Deletes everything the job staged (cancel, failure); the TM itself is never touched. */
  async drop(tm: string, job: string): Promise<void> {
    const list = this.keys.importStaged(tm, job);
    await guard(this.redis, async () => {
      for (let start = 0; ; start += ID_PAGE) {
        const ids = await this.redis.lrange(list, start, start + ID_PAGE - 1);
        if (ids.length > 0) await this.redis.unlink(...ids.map((id) => this.keys.importUnit(tm, job, id)));
        if (ids.length < ID_PAGE) break;
      }
      await this.redis.unlink(list);
    });
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

  /** Asks a job to stop, or moves it to committing (lua/jobTransition.lua). */
  async transition(job: string, action: 'cancel' | 'commit'): Promise<JobTransition> {
    const code = await guard(this.redis, () => this.redis.jobTransition(1, this.keys.job(job), action, Date.now()));
    const result = TRANSITION.get(code);
    if (!result) throw new Error(`jobTransition answered ${code}, which it never should`);
    return result;
  }

  /** Units and documents of a TM. */
  async counts(tm: string): Promise<{ units: number; documents: number }> {
    return guard(this.redis, async () => {
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
    const [next, ids] = await guard(this.redis, () => this.redis.sscan(this.keys.units(tm), cursor, 'COUNT', count));
    return { cursor: next, ids };
  }

  /**
   * The stored fields of these units (RECORD_FIELDS; empty ones left out), in one round trip (settled.ts: one
   * MGET of their records). Undefined for a unit gone meanwhile.
   */
  async unitRecords(tm: string, ids: readonly string[]): Promise<(Record<string, string> | undefined)[]> {
    const records = await this.unitBytes(tm, ids);
    // A plain loop, not a promise a unit: a page is thousands of units.
    const out = new Array<Record<string, string> | undefined>(ids.length).fill(undefined);
    for (let i = 0; i < records.length; i++) {
      const record = records[i];
      if (record) out[i] = unitRecord(recordValues(record, RECORD_FIELDS));
    }
    return out;
  }

  /**
   * The same read as {@link unitRecords}, answered as Redis holds it: per unit, its record (unit-record.ts) as bytes,
   * or null for a unit gone meanwhile.
   */
  async unitBytes(tm: string, ids: readonly string[]): Promise<(Buffer | null)[]> {
    if (ids.length === 0) return [];
    const keyList = this.keys.unitKeys(tm, ids);
    // Never while a large document write is being applied (settled.ts): a page sees each document whole.
    return readRecordsSettled(this.redis, this.keys, tm, keyList);
  }
}

/** A unit's record from its RECORD_FIELDS values (empty ones left out). */
export function unitRecord(values: readonly (string | null)[]): Record<string, string> {
  const record: Record<string, string> = { ar: values[0]! };
  for (let f = 1; f < RECORD_FIELDS.length; f++) if (values[f]) record[RECORD_FIELDS[f]!] = values[f]!;
  return record;
}
