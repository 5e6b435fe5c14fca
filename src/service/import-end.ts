/**
 * How an import job ends: `done`, `failed` (with its error) or `cancelled`. What it staged is deleted and its end
 * recorded where any instance reads it, by its owner only (lua/jobWrite: a process another took the job from ends
 * nothing); when Redis is away (often the very error that ended the job), both are tried again in the background
 * (import-liveness.ts, retry).
 */
import type { Logger } from '../config';
import { ErrorCode } from '../errors';
import type { ImportStore } from '../store';
import { jobError, type JobStatus } from './import-job';
import type { JobLiveness } from './import-liveness';
import type { ImportSettings } from './import-settings';
import type { JobEvent } from './observers';

/** A job stopped by a cancel (a DELETE here or on another instance, or the server closing). */
export class Cancelled extends Error {}

/** Whose job it is: its TM (whose staged keys are dropped), its owner, and whether its commit had begun. */
export interface JobOwner {
  tm?: string;
  owner?: number;
  committing?: boolean;
}

export class JobEnds {
  constructor(
    private readonly store: ImportStore,
    private readonly logger: Logger,
    private readonly liveness: JobLiveness,
    private readonly settings: Pick<ImportSettings, 'jobTtlSeconds'>,
    private readonly onJob: (event: JobEvent) => void,
  ) {}

  /** Drops what the job staged and records why it ended. */
  async fail(id: string, tm: string, err: unknown, fields: Record<string, string | number>, owner?: number) {
    await this.record(id, err instanceof Cancelled ? 'cancelled' : 'failed', err, fields, { tm, owner });
  }

  /**
   * Records how the job ended and, given its TM, drops what it staged. When Redis is away (the very error that ended
   * the job, often) neither can be done now: both are tried again in the background, with backoff, until they are
   * done or `endRetryMs` has passed (Imports.close stops trying), so that a job whose Redis came back is not left
   * `running` or `committing` forever, its staging kept. A job that has another owner now is left to it.
   */
  async record(
    id: string,
    status: JobStatus,
    err: unknown,
    fields: Record<string, string | number>,
    { tm, owner, committing = false }: JobOwner = {},
  ): Promise<void> {
    this.onJob({ kind: status === 'cancelled' ? 'cancelled' : 'failed' });
    this.liveness.unbeat(id);
    const error = status === 'cancelled' ? undefined : jobError(err, id);
    if (error?.code === ErrorCode.INTERNAL) this.logger.error(`import ${id}: ${(err as Error)?.stack ?? String(err)}`);
    const end = { ...fields, status, ...(error ? { error: JSON.stringify(error) } : {}) };
    let dropped = tm === undefined;
    const taken = () => this.logger.warn(`import ${id}: another process owns the job now; its end is not written`);
    const attempt = async (): Promise<void> => {
      // A commit's staging may be another owner's now: it is dropped only once the end is this owner's (`ending`).
      if (committing) return void ((await this.end(id, tm!, owner!, end, 'drop')) || taken());
      // Nobody else ever commits what a job staged while reading: it is dropped whoever owns the job now.
      if (!dropped) {
        await this.store.drop(tm!, id);
        dropped = true;
      }
      const t = Date.now();
      const ttlSeconds = this.settings.jobTtlSeconds;
      if (await this.store.writeOwned(id, owner, { ...end, updated: t, finished: t }, { ttlSeconds })) {
        await this.store.unlistLive(id);
      } else taken();
    };
    try {
      await attempt();
    } catch (first) {
      this.logger.warn(`import ${id}: cannot record its end (${status}) yet, will retry: ${(first as Error).message}`);
      this.liveness.retry(id, status, attempt);
    }
  }

  /**
   * Ends a job that reached its commit, as its owner: `ending` (the end to come) is written first, then what is left
   * staged is deleted (`finish` after a whole commit, `drop` otherwise), then the end, and the job leaves the live
   * list. Until the end is written the job reads `committing`, so a job seen ended has nothing staged left; one whose
   * owner stops in between is taken over, and its new owner ends it as `ending` says ({@link complete}), never runs
   * its commit again. Each step may be run again. False, doing nothing, when the job has another owner now.
   */
  async end(
    id: string,
    tm: string,
    owner: number,
    fields: Record<string, string | number>,
    cleanup: 'finish' | 'drop',
  ): Promise<boolean> {
    if (!(await this.store.writeOwned(id, owner, { ending: JSON.stringify(fields) }))) return false;
    await (cleanup === 'finish' ? this.store.finish(tm, id) : this.store.drop(tm, id));
    const t = Date.now();
    const end = { ...fields, updated: t, finished: t };
    if (await this.store.writeOwned(id, owner, end, { ttlSeconds: this.settings.jobTtlSeconds, unset: ['ending'] })) {
      await this.store.unlistLive(id);
    }
    return true;
  }

  /** Ends, as its new `owner`, a job taken over after its owner had begun to end it (`ending`, {@link end}). */
  async complete(id: string, tm: string, owner: number, ending: string): Promise<boolean> {
    const fields = JSON.parse(ending) as Record<string, string | number>;
    const ended = await this.end(id, tm, owner, fields, fields.status === 'done' ? 'finish' : 'drop');
    if (ended)
      this.onJob(fields.status === 'done' ? { kind: 'succeeded', units: Number(fields.written) } : { kind: 'failed' });
    return ended;
  }
}
