/**
 * Audit entries Redis did not take. An entry is written once its write is answered; when Redis goes away in
 * between (a write it committed just before an outage, or one whose answer the outage delayed), the entry waits here,
 * in order, and is written once Redis answers again: an outage delays the audit trail instead of leaving holes in it,
 * and costs two log lines (one when entries start waiting, one when they are written), not one per write. At most
 * `limit` entries wait; past that the oldest are dropped, and the closing line says how many.
 */
import type { Logger } from '../config';
import type { AuditFields } from '../store';

export interface AuditQueueOptions {
  /** Most entries kept while Redis is away. @default 10000 */
  limit?: number;
  /** Pause between two attempts to write the waiting entries. @default 1000 */
  retryMs?: number;
  /** Runs `fn` after `ms` (tests run it when they choose). @default an unref'd setTimeout */
  schedule?: (fn: () => void, ms: number) => void;
}

export class AuditQueue {
  private readonly waiting: AuditFields[] = [];
  private readonly limit: number;
  private readonly retryMs: number;
  private readonly schedule: (fn: () => void, ms: number) => void;
  private scheduled = false;
  private flushing: Promise<void> | undefined;
  private dropped = 0;
  private kept = 0;

  constructor(
    private readonly write: (fields: AuditFields) => Promise<unknown>,
    private readonly logger: Logger,
    options: AuditQueueOptions = {},
  ) {
    this.limit = options.limit ?? 10_000;
    this.retryMs = options.retryMs ?? 1000;
    this.schedule = options.schedule ?? ((fn, ms) => setTimeout(fn, ms).unref());
  }

  /** Entries waiting for Redis. */
  get size(): number {
    return this.waiting.length;
  }

  /** Writes the entry, or keeps it until Redis answers. Never rejects (it runs when an answer has been sent). */
  async record(fields: AuditFields): Promise<void> {
    if (this.waiting.length > 0) return this.keep(fields); // behind the ones waiting: the trail stays in order
    try {
      await this.write(fields);
    } catch (err) {
      this.keep(fields, err);
    }
  }

  private keep(fields: AuditFields, err?: unknown): void {
    if (this.waiting.length === 0 && this.kept === 0) {
      const why = err instanceof Error ? err.message : 'Redis unavailable';
      this.logger.warn(
        `audit: Redis did not take an entry (${why}); entries wait (up to ${this.limit}) until it answers`,
      );
    }
    if (this.waiting.length >= this.limit) {
      this.waiting.shift();
      this.dropped++;
    }
    this.waiting.push(fields);
    this.kept++;
    this.later();
  }

  private later(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      void this.flush();
    }, this.retryMs);
  }

  /**
   * Writes the waiting entries in order; stops at the first failure and tries again later. Resolves when this pass is
   * over (a call during a pass joins it).
   */
  flush(): Promise<void> {
    this.flushing ??= this.pass().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private async pass(): Promise<void> {
    while (this.waiting.length > 0) {
      try {
        await this.write(this.waiting[0]!);
      } catch {
        this.later();
        return;
      }
      this.waiting.shift();
    }
    if (this.kept > 0) {
      const written = `audit: ${this.kept - this.dropped} entries kept while Redis was away now written`;
      if (this.dropped) this.logger.warn(`${written}; ${this.dropped} dropped, over the limit of ${this.limit}`);
      else this.logger.info(written);
      this.kept = 0;
      this.dropped = 0;
    }
  }
}
