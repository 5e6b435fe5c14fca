/**
 * The Redis connection and what its failures mean. Commands never queue while disconnected and time out after
 * `redisTimeoutMs`, so a request against an unreachable Redis fails fast with StoreUnavailableError (HTTP 503)
 * instead of hanging; the client keeps reconnecting in the background.
 */
import { Redis, ReplyError } from 'ioredis';
import type { Config, Logger } from '../config';
import { StoreUnavailableError } from '../errors';
import { defineScripts } from './scripts';

export function createRedis(config: Pick<Config, 'redisUrl' | 'redisTimeoutMs'>, logger: Logger): Redis {
  const redis = new Redis(config.redisUrl, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: config.redisTimeoutMs,
    connectTimeout: config.redisTimeoutMs,
    retryStrategy: (attempt) => Math.min(100 * attempt, 2000),
  });
  let down = false;
  redis.on('error', (err: Error) => {
    if (!down) logger.warn(`redis: ${err.message}`);
    down = true;
  });
  redis.on('ready', () => {
    if (down) logger.info('redis: connection restored');
    down = false;
  });
  defineScripts(redis);
  return redis;
}

/** Connects, waiting at most `timeoutMs` for the first `ready`. */
export async function connectRedis(redis: Redis, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.connect(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

const UNREACHABLE = new RegExp(
  [
    ...['Connection is closed', "Stream isn't writeable", 'Command timed out', 'no answer within'],
    ...['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'max retries per request'],
  ].join('|'),
  'i',
);
/** Replies that mean "not now" rather than "no": Redis loading its data, busy with a script, a cluster re-shard. */
const TRANSIENT_REPLY = /^(LOADING|BUSY|MASTERDOWN|CLUSTERDOWN|TRYAGAIN)\b/;

/** True when the error means Redis could not be reached or cannot answer now (HTTP 503, retry later). */
export function isUnavailable(err: unknown): boolean {
  if (err instanceof StoreUnavailableError) return true;
  if (!(err instanceof Error)) return false;
  if (err instanceof ReplyError) return TRANSIENT_REPLY.test(err.message);
  return err.name === 'MaxRetriesPerRequestError' || UNREACHABLE.test(err.message);
}

/** Runs a store operation, turning unreachability into StoreUnavailableError; other errors pass unchanged. */
export async function guard<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (err) {
    if (isUnavailable(err) && !(err instanceof StoreUnavailableError)) throw new StoreUnavailableError(err);
    throw err;
  }
}
