/**
 * The liveness of import jobs in this process (DESIGN.md, "Import jobs", (c)): the `heartbeat` each job this process
 * owns (reads or commits) refreshes every `heartbeatMs`, as its owner (lua/jobWrite: a process another has taken the
 * job from stops beating), by which any instance tells a job whose process stopped (abandoned: its reading is failed
 * with IMPORT_ABANDONED, its commit taken over); the steps of a commit run again while Redis is away (roll-forward);
 * and the retries, with backoff, of a job's end that could not be recorded while Redis was away.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../config';
import { StoreUnavailableError } from '../errors';
import type { ImportStore } from '../store';
import type { JobStatus } from './import-job';
import type { ImportSettings } from './import-settings';

const now = () => Date.now();

export class JobLiveness {
  /** Jobs whose end could not be recorded (Redis away) and is being tried again: the timer of the next try. */
  private readonly retrying = new Map<string, NodeJS.Timeout>();
  /** Jobs this process owns: its owner epoch, and the timer that refreshes the `heartbeat` every `heartbeatMs`. */
  private readonly beats = new Map<string, { owner: number; timer: NodeJS.Timeout }>();
  /** Aborted when the process stops: a commit waiting for Redis to come back gives up at once. */
  private readonly stopping = new AbortController();

  constructor(
    private readonly store: ImportStore,
    private readonly logger: Logger,
    private readonly settings: Pick<ImportSettings, 'heartbeatMs' | 'abandonedMs' | 'endRetryMs'>,
  ) {}

  /** Whether this process works on the job (its heartbeat is this process's to refresh). */
  beating(id: string): boolean {
    return this.beats.has(id);
  }

  /** The owner epoch under which this process works on the job (lua/jobTransition), if it does. */
  owner(id: string): number | undefined {
    return this.beats.get(id)?.owner;
  }

  /**
   * Whether no process runs the job any more, as far as this one can tell: running or committing, not worked on
   * here, its heartbeat older than `abandonedMs` (lua/jobTransition decides, atomically, before anyone acts on it).
   */
  stale(id: string, h: Record<string, string>): boolean {
    if (h.status !== 'running' && h.status !== 'committing') return false;
    if (this.beats.has(id)) return false;
    return Number(h.heartbeat ?? h.updated ?? 0) < now() - this.settings.abandonedMs;
  }

  /**
   * Refreshes the job's `heartbeat` while this process works on it as `owner` (a job whose heartbeat stops is
   * abandoned); stops when the job has another owner (the process stalled and another took the job over).
   */
  beat(id: string, owner: number): void {
    if (this.beats.has(id)) return;
    const timer = setInterval(() => {
      this.store.writeOwned(id, owner, { heartbeat: now() }).then(
        (written) => {
          if (written || this.beats.get(id)?.timer !== timer) return;
          this.logger.warn(`import ${id}: another process owns the job now; this one stops beating for it`);
          this.unbeat(id);
        },
        () => undefined, // the next beat tries again
      );
    }, this.settings.heartbeatMs);
    timer.unref();
    this.beats.set(id, { owner, timer });
  }

  unbeat(id: string): void {
    clearInterval(this.beats.get(id)?.timer);
    this.beats.delete(id);
  }

  /** Whether the process is closing ({@link stop}): a commit that gave up waiting for Redis is left to the next. */
  get stopped(): boolean {
    return this.stopping.signal.aborted;
  }

  /**
   * What runs the steps of a job's commit (DESIGN.md, "Import jobs", (c)): each step runs until it succeeds, and
   * again while it fails for want of Redis (StoreUnavailableError: unreachable, timed out, loading, busy — a state
   * that passes, and the steps are idempotent), with the backoff of {@link retry}, the job's steps together for at
   * most `endRetryMs` from the first such failure, and not past {@link stop}; then, or for any other error (a
   * script's, staged records lost, Redis out of memory: trying again would only fail again), the step's error is
   * thrown. The job stays `committing` meanwhile, its heartbeat beating.
   */
  rollForward(id: string): <T>(step: () => Promise<T>) => Promise<T> {
    let deadline: number | undefined;
    let delay = 250;
    let waiting = false;
    return async <T>(step: () => Promise<T>): Promise<T> => {
      for (;;) {
        try {
          const done = await step();
          if (waiting) this.logger.info(`import ${id}: Redis is back, the commit goes on`);
          waiting = false;
          return done;
        } catch (err) {
          if (!(err instanceof StoreUnavailableError)) throw err;
          deadline ??= now() + this.settings.endRetryMs;
          if (!waiting)
            this.logger.warn(`import ${id}: Redis unavailable while committing, will retry: ${err.message}`);
          waiting = true;
          if (now() + delay > deadline || this.stopping.signal.aborted) throw err;
          await sleep(delay, undefined, { signal: this.stopping.signal }).catch(() => undefined);
          delay = Math.min(delay * 2, 5000);
        }
      }
    };
  }

  /** Tries `attempt` again, with backoff, until it succeeds, `endRetryMs` has passed, or {@link close}. */
  retry(id: string, status: JobStatus, attempt: () => Promise<void>): void {
    const deadline = now() + this.settings.endRetryMs;
    let delay = 250;
    const next = () => {
      const timer = setTimeout(() => {
        attempt().then(
          () => {
            this.retrying.delete(id);
            this.logger.info(`import ${id}: its end (${status}) recorded after Redis came back`);
          },
          (err: Error) => {
            if (now() + delay > deadline) {
              this.retrying.delete(id);
              this.logger.error(`import ${id}: cannot record its end (${status}), giving up: ${err.message}`);
              return;
            }
            delay = Math.min(delay * 2, 5000);
            next();
          },
        );
      }, delay);
      this.retrying.set(id, timer);
    };
    next();
  }

  /** Makes the commits waiting for Redis give up (the process is closing; those under way go on). */
  stop(): void {
    this.stopping.abort();
  }

  /** Stops every heartbeat and retry (the process is closing). */
  close(): void {
    this.stop();
    for (const id of [...this.beats.keys()]) this.unbeat(id);
    for (const timer of this.retrying.values()) clearTimeout(timer);
    this.retrying.clear();
  }
}
