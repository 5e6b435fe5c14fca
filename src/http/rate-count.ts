/**
 * The counting behind the rate limits (rate-limit.ts): one RateCounter per budget and instance, one fixed window per
 * client shared by every instance through one Redis counter (`rateLimitAdd`: counter made with the window's expiry if
 * absent, then incremented by n, its total and what is left of the window answered).
 *
 * Most requests are decided here without a round trip. The instance keeps, per client, the total Redis last answered
 * (every instance's counts as flushed so far) and the requests it admitted since, and sends those every FLUSH_MS, one
 * MULTI per client. A request is decided from that reckoning while it leaves at least the last part of the budget
 * untouched: half of it, and at least EXACT_FLOOR requests (so small budgets are always counted exactly). A client's
 * first request in a window on this instance, and every request in that last part, is counted in Redis at once and
 * decided from its answer (which then carries what the instance counted since its last flush too), as one shared
 * counter would. A client known to be past its budget is refused here, without Redis and without being counted. So
 * instances share a budget up to what they admit alone in the ~FLUSH_MS before they flush: an instance's own count
 * is always in the total it decides from, and a client can pass its budget only by requests other instances admitted
 * alone and had not flushed yet: what it gets through them in ~FLUSH_MS, never more than half a budget per other
 * instance, once per window.
 */

/** Adds `n` to a client's counter; answers its total in the window and the milliseconds left of the window. */
export type AddToCounter = (client: string, n: number, windowMs: number) => Promise<{ total: number; ttlMs: number }>;

export const FLUSH_MS = 100;
/** The last part of a budget counted in Redis request by request is at least this many requests. */
export const EXACT_FLOOR = 100;
/** Clients remembered per budget; beyond, a new client is counted in Redis request by request until some expire. */
const MAX_CLIENTS = 100_000;

/** What a request was told: admitted or not, what is left of the budget, and seconds until the window ends. */
export interface RateDecision {
  allowed: boolean;
  remaining: number;
  resetSeconds: number;
}

interface Client {
  /** The total Redis last answered: every instance's requests flushed so far in this window. */
  shared: number;
  /** Admitted here and sent, no answer yet. */
  sending: number;
  /** Admitted here, not sent yet. */
  pending: number;
  /** Epoch ms at which the window ends (as Redis last told, on this clock). */
  resetAt: number;
}

export class RateCounter {
  private readonly clients = new Map<string, Client>();
  private readonly dirty = new Set<string>();
  /** Requests a client may reach on this instance's reckoning alone. */
  private readonly localUpTo: number;
  private timer: NodeJS.Timeout | undefined;
  private lastSweep = Date.now();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly add: AddToCounter,
    /** A flush that failed (the counts are kept and sent with the next one). */
    private readonly onError: (error: unknown) => void,
  ) {
    this.localUpTo = limit - Math.max(Math.ceil(limit / 2), EXACT_FLOOR);
  }

  /** Counts one request of `client`: decided at once when the reckoning allows, else after one round trip. */
  take(client: string, now = Date.now()): RateDecision | Promise<RateDecision> {
    const c = this.clients.get(client);
    if (c !== undefined && now < c.resetAt) {
      const used = c.shared + c.sending + c.pending;
      if (used >= this.limit) return { allowed: false, remaining: 0, resetSeconds: seconds(c.resetAt - now) };
      if (used < this.localUpTo) {
        c.pending++;
        this.markDirty(client);
        return { allowed: true, remaining: this.limit - used - 1, resetSeconds: seconds(c.resetAt - now) };
      }
    }
    return this.exact(client);
  }

  /** Sends every client's pending count (one MULTI each); resolves once Redis answered them all. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const now = Date.now();
    const sends: Promise<void>[] = [];
    for (const client of this.dirty) {
      const c = this.clients.get(client);
      if (c === undefined || c.pending === 0) continue;
      // Counts of a window that has ended belong to no window now.
      if (now >= c.resetAt) {
        c.pending = 0;
        continue;
      }
      sends.push(this.send(client, c));
    }
    this.dirty.clear();
    await Promise.all(sends);
  }

  /** Clients remembered (for tests and the sweep). */
  get size(): number {
    return this.clients.size;
  }

  private async send(client: string, c: Client): Promise<void> {
    const n = c.pending;
    c.pending = 0;
    c.sending += n;
    try {
      const answer = await this.add(client, n, this.windowMs);
      c.sending -= n;
      this.learn(c, answer.total, Date.now() + answer.ttlMs);
    } catch (error) {
      c.sending -= n;
      c.pending += n;
      this.markDirty(client);
      this.onError(error);
    }
  }

  /**
   * Counts the request in Redis with what this instance counted of the client since its last flush (so the answer
   * holds every request this instance admitted: one connection keeps commands in order), and decides from that.
   */
  private async exact(client: string): Promise<RateDecision> {
    const known = this.clients.get(client);
    // Counts of a window that has ended belong to no window now.
    if (known !== undefined && Date.now() >= known.resetAt) known.pending = 0;
    const carried = known?.pending ?? 0;
    if (known !== undefined) {
      known.pending = 0;
      known.sending += carried;
    }
    let answer: { total: number; ttlMs: number };
    try {
      answer = await this.add(client, 1 + carried, this.windowMs);
    } catch (error) {
      if (known !== undefined) {
        known.sending -= carried;
        known.pending += carried;
        this.markDirty(client);
      }
      throw error;
    }
    if (known !== undefined) known.sending -= carried;
    const now = Date.now();
    const resetAt = now + answer.ttlMs;
    const c = this.clients.get(client) ?? this.remember(client, now);
    const used = c ? this.learn(c, answer.total, resetAt) : answer.total;
    const remaining = Math.max(0, this.limit - used);
    return { allowed: answer.total <= this.limit, remaining, resetSeconds: seconds(resetAt - now) };
  }

  /** Takes in what Redis answered; a later window than the one known starts the client afresh. Answers the use. */
  private learn(c: Client, total: number, resetAt: number): number {
    if (resetAt - c.resetAt > this.windowMs / 2) {
      // A new window: what was counted here for the old one is dropped (a send under way still subtracts its own).
      c.pending = 0;
      c.shared = total;
      c.resetAt = resetAt;
    } else c.shared = Math.max(c.shared, total);
    return c.shared + c.sending + c.pending;
  }

  /** A new client's record, unless too many are remembered (expired ones are dropped first). */
  private remember(client: string, now: number): Client | undefined {
    if (this.clients.size >= MAX_CLIENTS || now - this.lastSweep > this.windowMs) this.sweep(now);
    if (this.clients.size >= MAX_CLIENTS) return undefined;
    const c: Client = { shared: 0, sending: 0, pending: 0, resetAt: 0 };
    this.clients.set(client, c);
    return c;
  }

  private sweep(now: number): void {
    this.lastSweep = now;
    for (const [client, c] of this.clients)
      if (now >= c.resetAt && c.sending === 0) {
        this.clients.delete(client);
        this.dirty.delete(client);
      }
  }

  private markDirty(client: string): void {
    this.dirty.add(client);
    if (this.timer === undefined) {
      this.timer = setTimeout(() => void this.flush(), FLUSH_MS);
      this.timer.unref();
    }
  }
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
