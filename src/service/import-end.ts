/**
 * How an import job that does not succeed ends: `failed` (with its error) or `cancelled`. What it staged is dropped
 * and its end recorded where any instance reads it; when Redis is away (often the very error that ended the job),
 * both are tried again in the background (import-liveness.ts, retry).
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

export class JobEnds {
  constructor(
    private readonly store: ImportStore,
    private readonly logger: Logger,
    private readonly liveness: JobLiveness,
    private readonly settings: Pick<ImportSettings, 'jobTtlSeconds'>,
    private readonly onJob: (event: JobEvent) => void,
  ) {}

  /** Drops what the job staged and records why it ended. */
  async fail(id: string, tm: string, err: unknown, fields: Record<string, string | number>): Promise<void> {
    await this.record(id, err instanceof Cancelled ? 'cancelled' : 'failed', err, fields, tm);
  }

  /**
   * Records how the job ended and, given its TM, drops what it staged. When Redis is away (the very error that ended
   * the job, often) neither can be done now: both are tried again in the background, with backoff, until they are
   * done or `endRetryMs` has passed (Imports.close stops trying), so that a job whose Redis came back is not left
   * `running` or `committing` forever, its staging kept.
   */
  async record(
    id: string,
    status: JobStatus,
    err: unknown,
    fields: Record<string, string | number>,
    tm?: string,
  ): Promise<void> {
    this.onJob({ kind: status === 'cancelled' ? 'cancelled' : 'failed' });
    this.liveness.unbeat(id);
    const t = Date.now();
    const error = status === 'cancelled' ? undefined : jobError(err, id);
    if (error?.code === ErrorCode.INTERNAL) this.logger.error(`import ${id}: ${(err as Error)?.stack ?? String(err)}`);
    const end = { ...fields, status, updated: t, finished: t, ...(error ? { error: JSON.stringify(error) } : {}) };
    let dropped = tm === undefined;
    const attempt = async (): Promise<void> => {
      if (!dropped) {
        await this.store.drop(tm!, id);
        dropped = true;
      }
      await this.store.writeJob(id, end, this.settings.jobTtlSeconds);
    };
    try {
      await attempt();
    } catch (first) {
      this.logger.warn(`import ${id}: cannot record its end (${status}) yet, will retry: ${(first as Error).message}`);
      this.liveness.retry(id, status, attempt);
    }
  }
}
