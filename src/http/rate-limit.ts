/**
 * Rate limits per key (or per IP for a request without a valid key), one budget for reads and one for writes, each
 * requests per minute, counted in Redis by rate-limit-redis so that every instance sharing the Redis shares the
 * counts (one key per client and budget: a Redis Cluster spreads them). Past the budget: 429 RATE_LIMITED with
 * `Retry-After` and the IETF draft-8 `RateLimit` / `RateLimit-Policy` headers (those two on every counted answer).
 * Health checks, /openapi.json and a web UI's files are not counted. When Redis cannot count, requests pass (they
 * then meet Redis themselves and answer 503 if it is away); that is logged once a minute at most.
 */
import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { RedisStore } from 'rate-limit-redis';
import type { Config, Logger } from '../config';
import { ErrorCode, MizanError } from '../errors';
import type { Access } from '../service';
import { callerOf } from './access';

const WINDOW_MS = 60_000;

/** At most one line per minute: an outage would otherwise log once per request. */
function quietLogger(logger: Logger) {
  let last = 0;
  const log = (error: unknown, message?: string) => {
    const now = Date.now();
    if (now - last < WINDOW_MS) return;
    last = now;
    logger.warn(`${message ?? 'rate limit'}: ${(error as Error)?.message ?? String(error)}`);
  };
  return { error: log, warn: log };
}

function limiter(
  access: Access,
  budget: 'r' | 'w',
  limit: number,
  logger: ReturnType<typeof quietLogger>,
): RequestHandler {
  const writes = budget === 'w';
  return rateLimit({
    windowMs: WINDOW_MS,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    passOnStoreError: true,
    logger,
    store: new RedisStore({
      prefix: access.store.keys.rateLimit(budget),
      sendCommandCluster: ({ key, command }) => access.store.rateLimitCommand(key, command) as Promise<never>,
    }),
    skip: (_req, res) => {
      const caller = callerOf(res);
      return !caller.api || caller.write !== writes;
    },
    keyGenerator: (req, res) => {
      const key = callerOf(res).key;
      return key ? `k:${key.id}` : `ip:${ipKeyGenerator(req.ip ?? '')}`;
    },
    handler: (_req, res, next) => {
      const retryAfter = Number(res.getHeader('Retry-After')) || 60;
      next(new MizanError(ErrorCode.RATE_LIMITED, { limit, reason: writes ? 'writes' : 'reads', retryAfter }));
    },
  });
}

/** The limiters for the configured budgets (none for a budget of 0). */
export function rateLimits(access: Access, config: Config, logger: Logger): RequestHandler[] {
  const quiet = quietLogger(logger);
  return [
    ...(config.rateReadPerMin > 0 ? [limiter(access, 'r', config.rateReadPerMin, quiet)] : []),
    ...(config.rateWritePerMin > 0 ? [limiter(access, 'w', config.rateWritePerMin, quiet)] : []),
  ];
}
