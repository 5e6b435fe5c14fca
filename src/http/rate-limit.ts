/**
 * Rate limits per key (or per IP for a request without a valid key), one budget for reads and one for writes, each
 * requests per minute in fixed windows, counted in Redis so that every instance sharing the Redis shares the counts
 * (one counter per client and budget: a Redis Cluster spreads them). Most requests are decided from a count kept in
 * the instance and flushed to Redis every ~100 ms; the last part of a budget is counted in Redis request by request
 * (rate-count.ts says exactly when). Past the budget: 429 RATE_LIMITED with `Retry-After` and the IETF draft-8
 * `RateLimit` / `RateLimit-Policy` headers (those two on every counted answer). Health checks, /openapi.json and a
 * web UI's files are not counted. When Redis cannot count, requests pass (they then meet Redis themselves and answer
 * 503 if it is away); that is logged once a minute at most.
 */
import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import type { Config, Logger } from '../config';
import { ErrorCode, MizanError } from '../errors';
import type { Access } from '../service';
import { callerOf } from './access';
import { RateCounter, type RateDecision } from './rate-count';

const WINDOW_MS = 60_000;
const WINDOW_S = WINDOW_MS / 1000;

/** At most one line per minute: an outage would otherwise log once per request. */
function quietLogger(logger: Logger): (error: unknown) => void {
  let last = 0;
  return (error) => {
    const now = Date.now();
    if (now - last < WINDOW_MS) return;
    last = now;
    logger.warn(`rate limit: ${(error as Error)?.message ?? String(error)}`);
  };
}

/** One budget: its counter and its header texts, made once. */
interface Budget {
  counter: RateCounter;
  writes: boolean;
  /** `"1200-in-1min"`: the policy's name in both headers. */
  name: string;
  /** `RateLimit-Policy` by client. */
  policies: Map<string, string>;
}

/** The limits of one app: both budgets' counters (tests flush them to look at Redis). */
export class RateLimits {
  readonly read?: Budget;
  readonly write?: Budget;
  private readonly onError: (error: unknown) => void;
  private readonly trustProxy: boolean;

  constructor(
    access: Access,
    config: Pick<Config, 'rateReadPerMin' | 'rateWritePerMin' | 'trustProxy'>,
    logger: Logger,
  ) {
    this.trustProxy = config.trustProxy > 0;
    const onError = quietLogger(logger);
    this.onError = onError;
    const budget = (b: 'r' | 'w', limit: number): Budget | undefined => {
      if (limit <= 0) return undefined;
      const add = (client: string, n: number, windowMs: number) => access.store.rateLimitAdd(b, client, n, windowMs);
      const name = `"${limit}-in-1min"`;
      return { counter: new RateCounter(limit, WINDOW_MS, add, onError), writes: b === 'w', name, policies: new Map() };
    };
    this.read = budget('r', config.rateReadPerMin);
    this.write = budget('w', config.rateWritePerMin);
  }

  get enabled(): boolean {
    return this.read !== undefined || this.write !== undefined;
  }

  /** Sends every count not yet in Redis; resolves once Redis has them. */
  async flush(): Promise<void> {
    await Promise.all([this.read?.counter.flush(), this.write?.counter.flush()]);
  }

  /** The middleware: counts API requests against their key, or their address without one. */
  middleware(): RequestHandler {
    return (req, res, next) => {
      const caller = callerOf(res);
      const budget = caller.api ? (caller.write ? this.write : this.read) : undefined;
      if (budget === undefined) return next();
      const client = caller.key ? `k:${caller.key.id}` : `ip:${this.address(req)}`;
      let decision: RateDecision | Promise<RateDecision>;
      try {
        decision = budget.counter.take(client);
      } catch (error) {
        return next(error);
      }
      if (!(decision instanceof Promise)) return this.answer(budget, client, decision, res, next);
      decision.then(
        (d) => this.answer(budget, client, d, res, next),
        // Redis cannot count: the request passes (logged once a minute at most).
        (error: unknown) => (this.onError(error), next()),
      );
    };
  }

  private answer(budget: Budget, client: string, d: RateDecision, res: Response, next: (e?: unknown) => void): void {
    const { limit } = budget.counter;
    res.setHeader('RateLimit', `${budget.name}; r=${d.remaining}; t=${d.resetSeconds}`);
    res.setHeader('RateLimit-Policy', this.policy(budget, client));
    if (d.allowed) return next();
    res.setHeader('Retry-After', String(d.resetSeconds));
    const reason = budget.writes ? 'writes' : 'reads';
    next(new MizanError(ErrorCode.RATE_LIMITED, { limit, reason, retryAfter: d.resetSeconds }));
  }

  /**
   * The client's address as req.ip has it (the socket's unless MIZAN_TRUST_PROXY, read without req.ip's parsing of
   * X-Forwarded-For then), an IPv6 address cut to its /56 network (ipKeyGenerator), so one host cannot pass as many.
   */
  private address(req: Request): string {
    const ip = (this.trustProxy ? req.ip : req.socket.remoteAddress) ?? '';
    return ip.includes(':') ? ipKeyGenerator(ip) : ip;
  }

  /**
   * The `RateLimit-Policy` of a client in a budget, made once per client: the policy's name, quota and window, and the
   * client's partition key as express-rate-limit made it (base64 of the first 12 hex digits of SHA-256(client): a
   * digest, never the key id or address).
   */
  private policy(budget: Budget, client: string): string {
    let policy = budget.policies.get(client);
    if (policy === undefined) {
      const pk = Buffer.from(createHash('sha256').update(client).digest('hex').slice(0, 12)).toString('base64');
      policy = `${budget.name}; q=${budget.counter.limit}; w=${WINDOW_S}; pk=:${pk}:`;
      if (budget.policies.size >= 10_000) budget.policies.clear();
      budget.policies.set(client, policy);
    }
    return policy;
  }
}

/** The limiter for the configured budgets (none when both are 0). */
export function rateLimits(limits: RateLimits): RequestHandler[] {
  return limits.enabled ? [limits.middleware()] : [];
}
