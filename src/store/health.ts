/**
 * Whether Redis is there, and how long anything waits for it. One RedisHealth per client (redis.ts makes it).
 *
 * Contract: a store operation (one `guard` call: one or several commands, a script and its retries) waits at most
 * `timeoutMs` for Redis, then fails with StoreUnavailableError (HTTP 503). The first failure that means "Redis is not
 * there" (no answer in time, connection refused or closed, LOADING, BUSY) opens the breaker: every operation still
 * waiting fails at once, and every new one fails before sending anything, until a probe (PING, one outstanding at a
 * time, every `probeMs`) is answered again. So a request that meets an outage answers within `timeoutMs` of the
 * outage reaching it, whatever number of commands it would have sent, and requests during the outage answer at once;
 * the ioredis queue holds at most the commands sent before the breaker opened and one probe.
 *
 * Logging: one warning when an outage starts, one line when it ends (with how long it lasted and how many operations
 * were refused); none per request.
 *
 * Patient operations (`patiently`, used by writes that carry an Idempotency-Key): instead of being abandoned at the
 * deadline, they keep waiting for Redis's real answer, and `overdue` is called once, when the deadline passes or the
 * breaker opens, so the caller can answer 503 now and record the true outcome when Redis answers.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from '../config';
import { StoreUnavailableError } from '../errors';

/** Why Redis is not usable: a stable code (readiness reports it) and a message for operators. */
export interface Outage {
  reason: 'redis-unreachable' | 'redis-timeout' | 'redis-loading' | 'redis-busy' | 'redis-auth';
  message: string;
  /** Epoch ms when it started. */
  since: number;
}

/** An operation that is told when it has waited too long, rather than abandoned. */
interface Patience {
  overdue(): void;
}

/** How the failure `err` describes Redis, if it means that Redis is not there; undefined for other errors. */
export type OutageOf = (err: unknown) => Outage['reason'] | undefined;

export class RedisHealth {
  private outage: Outage | undefined;
  private refused = 0;
  private probe: Promise<unknown> | undefined;
  private probing = false;
  private closed = false;
  /** Operations waiting for Redis: told when the breaker opens. */
  private readonly waiting = new Set<(outage: Outage) => void>();
  private readonly patience = new AsyncLocalStorage<Patience>();

  constructor(
    private readonly ping: () => Promise<unknown>,
    private readonly outageOf: OutageOf,
    readonly timeoutMs: number,
    private readonly logger: Logger,
    private readonly probeMs = 250,
  ) {}

  /** The current outage, or undefined while Redis answers. */
  get current(): Outage | undefined {
    return this.outage;
  }

  /** Runs a store operation under the contract above; errors other than unavailability pass unchanged. */
  async run<T>(operation: () => Promise<T>): Promise<T> {
    const patient = this.patience.getStore();
    // During an outage an operation is refused before sending anything, unless it is patient: then it is overdue.
    if (this.outage && !patient) throw this.refuse(this.outage);
    if (this.outage) patient!.overdue();
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    let onOutage: ((outage: Outage) => void) | undefined;
    const work = operation();
    const cutoff = new Promise<never>((_, reject) => {
      const give = (outage: Outage) => {
        if (settled) return;
        settled = true; // given up on: once
        if (patient) patient.overdue();
        else reject(this.refuse(outage));
      };
      onOutage = give;
      this.waiting.add(give);
      timer = setTimeout(
        () =>
          afterPendingIo(() => {
            if (settled) return;
            const outage = this.fail('redis-timeout', `no answer from Redis within ${this.timeoutMs} ms`);
            give(outage);
          }),
        this.timeoutMs,
      );
    });
    try {
      return await Promise.race([work, cutoff]);
    } catch (err) {
      const reason = this.outageOf(err);
      if (reason === undefined) throw err;
      throw this.refuse(this.fail(reason, (err as Error).message));
    } finally {
      settled = true;
      clearTimeout(timer);
      this.waiting.delete(onOutage!);
      work.catch(() => undefined); // an abandoned operation's late failure is not news
    }
  }

  /** Runs `fn`; store operations inside it wait for Redis's answer and call `overdue` (once) when they are late. */
  patiently<T>(fn: () => Promise<T>, overdue: () => void): Promise<T> {
    let told = false;
    return this.patience.run(
      {
        overdue: () => {
          if (!told) overdue();
          told = true;
        },
      },
      fn,
    );
  }

  /** Redis failed in a way that means it is not there (also reported by the client's own `error` events). */
  fail(reason: Outage['reason'], message: string): Outage {
    if (this.outage && !this.closed && reason === 'redis-auth' && this.outage.reason !== reason)
      return this.refusedAuth(message);
    if (this.outage || this.closed) return this.outage ?? { reason, message, since: Date.now() };
    const outage: Outage = { reason, message, since: Date.now() };
    this.outage = outage;
    this.refused = 0;
    this.logger.warn(`redis: unavailable (${reason}: ${message}); answering 503 until it answers again`);
    for (const give of [...this.waiting]) give(outage);
    void this.probeUntilBack();
    return outage;
  }

  /**
   * An outage that began as a dropped connection turns out to be Redis refusing the credentials on reconnection (its
   * password changed): the reason /readyz gives becomes that, as it needs an operator, not patience; `since` stays.
   */
  private refusedAuth(message: string): Outage {
    this.outage = { ...this.outage!, reason: 'redis-auth', message };
    this.logger.warn(`redis: refuses mizan's credentials (${message}); answering 503 until it takes them`);
    return this.outage;
  }

  /** The client is connected again and its ready check (INFO, which waits out LOADING) was answered: Redis is back. */
  ready(): void {
    if (this.outage) this.recover();
  }

  private recover(): void {
    if (!this.outage) return;
    const lasted = ((Date.now() - this.outage.since) / 1000).toFixed(1);
    this.logger.info(`redis: available again after ${lasted} s (${this.refused} operations refused meanwhile)`);
    this.outage = undefined;
  }

  close(): void {
    this.closed = true;
  }

  private refuse(outage: Outage): StoreUnavailableError {
    this.refused++;
    return new StoreUnavailableError(new Error(`${outage.reason}: ${outage.message}`));
  }

  private async probeUntilBack(): Promise<void> {
    if (this.probing) return;
    this.probing = true;
    try {
      while (this.outage && !this.closed) {
        if (await this.answers()) return this.recover();
        await new Promise((resolve) => setTimeout(resolve, this.probeMs).unref());
      }
    } finally {
      this.probing = false;
    }
  }

  /** One PING at a time: a probe still unanswered (a stopped Redis) is waited for again, not sent again. */
  private async answers(): Promise<boolean> {
    this.probe ??= this.ping().finally(() => (this.probe = undefined));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>(
      (resolve) => (timer = setTimeout(() => afterPendingIo(() => resolve(false)), this.timeoutMs)),
    );
    try {
      return await Promise.race([
        this.probe.then(
          () => true,
          () => false,
        ),
        late,
      ]);
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * Runs `fn` once the replies that have already arrived are read. A deadline's timer runs before the loop polls the
 * sockets, so when this process held its own loop past the deadline (a long synchronous step, a GC pause) the
 * answer may be waiting unread: it would be Redis's timeout only if it is still missing after the poll
 * (`setImmediate` runs after it).
 */
function afterPendingIo(fn: () => void): void {
  setImmediate(fn);
}
