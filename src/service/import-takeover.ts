/**
 * Abandoned import jobs, taken over by a live instance (DESIGN.md, "Import jobs", (c)): a job whose owner stopped
 * beating for `abandonedMs` — its process died, or stalls — is found in the jobs listed live (at start, then every
 * `heartbeatMs`, and when a job is read) and claimed atomically by a new owner (lua/jobTransition), which fences the
 * old one out of every write. A commit is resumed from the staged batches and ends `done`; a reading cannot be (its
 * file was a temporary file of the process that stopped), so the job is failed with IMPORT_ABANDONED and what it
 * staged dropped, the TM as it was.
 */
import type { Logger } from '../config';
import { StoreUnavailableError } from '../errors';
import type { ImportStore } from '../store';
import type { JobCommitter } from './import-committer';
import type { JobEnds } from './import-end';
import { abandonedError } from './import-job';
import type { JobLiveness } from './import-liveness';
import type { ImportSettings } from './import-settings';
import type { JobEvent } from './observers';

const ENDED = new Set(['done', 'failed', 'cancelled']);

export interface TakeoverParts {
  store: ImportStore;
  liveness: JobLiveness;
  ends: JobEnds;
  commits: JobCommitter;
  logger: Logger;
  onJob: (event: JobEvent) => void;
}

export class JobTakeovers {
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<string[]> | undefined;
  /** The jobs this process took over and runs: the end of each. */
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly parts: TakeoverParts,
    private readonly settings: Pick<ImportSettings, 'heartbeatMs' | 'abandonedMs'>,
  ) {}

  private get store(): ImportStore {
    return this.parts.store;
  }

  /** Whether this process takes abandoned jobs over ({@link watch}): a server does, a command-line import not. */
  get watching(): boolean {
    return this.timer !== undefined;
  }

  /** Looks for abandoned jobs now and every `heartbeatMs` until {@link close}. */
  watch(): void {
    if (this.timer) return;
    // Redis away: the sweep fails quietly every heartbeatMs until it is back (the store reports the outage itself).
    const sweep = () => {
      this.sweep().catch((err: Error) => {
        if (!(err instanceof StoreUnavailableError)) {
          this.parts.logger.warn(`import jobs: cannot look for abandoned ones: ${err.message}`);
        }
      });
    };
    this.timer = setInterval(sweep, this.settings.heartbeatMs);
    this.timer.unref();
    sweep();
  }

  /**
   * Takes over every abandoned job listed live, and unlists the jobs that have ended (or expired); the ids taken
   * over. One sweep at a time: a call while one runs waits for it.
   */
  sweep(): Promise<string[]> {
    this.sweeping ??= this.sweepAll().finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  private async sweepAll(): Promise<string[]> {
    const taken: string[] = [];
    for await (const page of this.store.liveJobs()) {
      for (const id of page) {
        const h = await this.store.readJob(id);
        if (!h || ENDED.has(h.status!)) await this.store.unlistLive(id);
        else if (await this.check(id, h)) taken.push(id);
      }
    }
    return taken;
  }

  /**
   * Takes the job over if its owner stopped beating (`h`, its record as read): true when this process did. The claim
   * decides atomically, so among instances that find the job together one takes it, and an owner that beat again
   * meanwhile keeps it.
   */
  async check(id: string, h: Record<string, string>): Promise<boolean> {
    if (!this.parts.liveness.stale(id, h) || !h.tm) return false;
    const before = Date.now() - this.settings.abandonedMs;
    if (h.status === 'running') {
      const result = await this.store.transition(id, 'abandon', { before, error: abandonedError(id) });
      if (result !== 'abandoned') return false;
      this.parts.logger.warn(`import ${id} into ${h.tm}: its process stopped while reading; failed (IMPORT_ABANDONED)`);
      await this.dropAbandoned(id, h.tm);
      return true;
    }
    const owner = await this.store.claim(id, 'take', { before });
    if (owner === undefined) return false;
    const ending = (await this.store.readJob(id))?.ending;
    this.parts.logger.warn(
      `import ${id} into ${h.tm}: its process stopped while committing; ` +
        (ending ? 'ending it as that process meant' : 'resuming the commit'),
    );
    this.resume(id, h.tm, owner, ending);
    return true;
  }

  /**
   * Runs a job taken over, in the background, as this process's own: its commit resumed, or (`ending` given) its end
   * completed as the old owner meant. Whatever stops it leaves it as it stands, its heartbeat stopped: taken over
   * again later.
   */
  private resume(id: string, tm: string, owner: number, ending?: string): void {
    const { liveness, ends, commits, logger } = this.parts;
    liveness.beat(id, owner);
    const ended = (async () => {
      try {
        if (!ending) return await commits.run(id, tm, owner, undefined);
        const done = await liveness.rollForward(id)(() => ends.complete(id, tm, owner, ending));
        if (!done) logger.warn(`import ${id}: another process owns the job now`);
      } catch (err) {
        logger.error(`import ${id}: cannot end it: ${(err as Error).message}`);
      } finally {
        this.running.delete(id);
        liveness.unbeat(id);
      }
    })();
    this.running.set(id, ended);
  }

  /** Drops what a job failed as abandoned while reading staged (nothing of it reached the TM), and unlists it. */
  async dropAbandoned(id: string, tm: string): Promise<void> {
    this.parts.onJob({ kind: 'failed' });
    await this.store.drop(tm, id);
    await this.store.unlistLive(id);
  }

  /**
   * Stops looking (the process is closing), and waits for the jobs taken over: a commit under way is let finish, one
   * waiting for Redis to come back stops (Imports.close stops the liveness first).
   */
  async close(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.sweeping?.catch(() => undefined);
    await Promise.allSettled([...this.running.values()]);
  }
}
