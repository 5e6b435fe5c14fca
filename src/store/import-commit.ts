/**
 * The commit of a TMX import job's staged units into its TM (lua/commitImport), chunk by chunk, a few calls in
 * flight; store/import-store.ts stages them before, and deletes what is left staged after.
 */
import type { Keys } from './keys';
import { guard, type RedisClient } from './redis';
import { ScriptCode } from './scripts';

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

/** Staged records gone before the commit took them; `written`: the units committed before it was seen. */
export class StagingLost extends Error {
  constructor(
    message: string,
    readonly written: number,
  ) {
    super(`staged records lost: ${message}`);
  }
}

/**
 * The job has another owner now (DESIGN.md, "Import jobs"): another instance took over its commit, or failed its
 * reading as abandoned, while this process was stalled; its writes are refused, and it stops without an end.
 */
export class Fenced extends Error {
  constructor(job: string) {
    super(`import ${job}: another process owns the job now`);
  }
}

/** Commit calls sent before the first answer is awaited (Redis runs them in order, so Redis never waits for us). */
const COMMITS_IN_FLIGHT = 3;

/** Batches' ids read per round trip (a batch holds up to Imports' stageChunk ids). */
export const BATCH_PAGE = 4;

/** What a commit works with: the client, the key builder, the log's approximate maximum length. */
export interface CommitContext {
  redis: RedisClient;
  keys: Keys;
  logMaxLen: number;
}

/**
 * Makes the staged units the TM's, `chunk` per script call (see ImportStore.commit), and answers what the job's calls
 * did, those of an earlier run of its commit included; the staged keys are left for the caller to delete. Staged
 * records found lost throw {@link StagingLost}; calls refused because `owner` is no longer the job's, {@link Fenced}.
 */
export async function commitStaged(
  { redis, keys, logMaxLen }: CommitContext,
  tm: string,
  job: string,
  chunk: number,
  progress: ((counts: CommitCounts) => Promise<void>) | undefined,
  staged: number | undefined,
  owner: number | undefined,
): Promise<CommitCounts> {
  let counts: CommitCounts = { written: 0, extended: 0, replaced: { en: 0, zh: 0 }, entries: 0 };
  // The TM is registered just before the first call that commits units, and only then: a job that staged nothing
  // does not create it. Not in lua/commitImport: `<p>tms` lies in no TM's slot (DESIGN.md, "Import jobs", (a)).
  let registered = false;
  const inFlight: Promise<[number, number, number, number, number]>[] = [];
  /**
   * Progress is reported one report at a time, each with the latest counts: counts that a later call's answer
   * superseded before their report could be sent are skipped, so the job's progress follows what Redis holds
   * instead of queueing behind the calls. The first failed report ends the commit.
   */
  let unreported: CommitCounts | undefined;
  let reporting: Promise<void> | undefined;
  let reportFailed: { error: unknown } | undefined;
  const report = (now: CommitCounts) => {
    unreported = now;
    if (!progress || reporting) return;
    reporting = (async () => {
      const take = (): CommitCounts | undefined => {
        const next = unreported;
        unreported = undefined;
        return next;
      };
      for (let next = take(); next && !reportFailed; next = take()) {
        await progress(next).catch((error: unknown) => void (reportFailed ??= { error }));
      }
      reporting = undefined;
    })();
  };
  const settle = async () => {
    const [written, extended, en, zh, entries] = await inFlight.shift()!;
    if (written === ScriptCode.LOST) throw new StagingLost(`a staged batch of ${tm}/${job} is gone`, counts.written);
    if (written === ScriptCode.FENCED) throw new Fenced(job);
    // Each answer is the job's totals so far (lua/commitImport keeps them), whichever run of the commit sent it.
    counts = { written, extended, replaced: { en, zh }, entries };
    if (reportFailed) throw reportFailed.error;
    report(counts);
  };
  /** Batches whose units are not all sent yet: each batch's ids, and how many of them were sent. */
  const queue: { ids: string[]; sent: number }[] = [];
  let queued = 0;
  // No patch (no later record of any unit: the usual case): no unit's patch is passed or looked for.
  const patches = (await guard(redis, () => redis.exists(keys.importPatched(tm, job)))) === 1;
  const send = async () => {
    if (!registered) {
      await guard(redis, () => redis.sadd(keys.tms(), tm));
      registered = true;
    }
    const keyList = [keys.units(tm), keys.log(tm), keys.seq(tm), keys.importPatched(tm, job)];
    keyList.push(keys.importApplied(tm, job), keys.importCommitted(tm, job));
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
    const args = [Date.now(), logMaxLen, keys.changes(tm), segments.length, patches ? 1 : 0, owner ?? ''];
    args.push(...segments, ...ids);
    const call = guard(redis, () => redis.commitImport(keyList.length, ...keyList, ...args));
    call.catch(() => undefined); // awaited in turn by settle
    inFlight.push(call);
    if (inFlight.length >= COMMITS_IN_FLIGHT) await settle();
  };
  let listed = 0;
  try {
    for await (const page of batchIds(redis, keys, tm, job)) {
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
    await reporting;
    if (reportFailed) throw reportFailed.error;
  } finally {
    await Promise.allSettled(inFlight);
    await reporting;
  }
  return counts;
}

/**
 * The ids of the job's batches, a page of them at a time, each page asked for before the one before it is handed
 * out: the commit calls sent meanwhile queue behind that read, so Redis always has the next call waiting.
 */
async function* batchIds(redis: RedisClient, keys: Keys, tm: string, job: string): AsyncGenerator<string[][]> {
  const list = keys.importStaged(tm, job);
  const read = (start: number) => {
    const page = guard(redis, () => redis.lrange(list, start, start + BATCH_PAGE - 1));
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
