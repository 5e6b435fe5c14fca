/**
 * The Redis connection and what its failures mean. Commands never queue while disconnected; every store operation
 * runs through `guard`, which gives it `redisTimeoutMs` in all (not per command) and fails it with
 * StoreUnavailableError (HTTP 503) when Redis is not there, at once while an outage is known (health.ts: the breaker,
 * its probe, one log line per outage). The client keeps reconnecting in the background. There is no per-command
 * timeout in ioredis itself: a command given up on by `guard` is left to finish or fail with the connection, so a
 * patient write (health.ts) can learn its true outcome.
 *
 * With `redisClusterNodes` the client is an ioredis Cluster: it follows MOVED and ASK redirections (a slot moving
 * between masters), and retries TRYAGAIN (a multi-key script on a slot half-migrated) a few times before failing.
 * Every key of a TM shares the hash tag {tm:<name>} (keys.ts), so every script and MULTI stays in one slot. The
 * credentials REDIS_CLUSTER_NODES gives (`redisClusterAuth`) go to every node's connection (`redisOptions`), those
 * of nodes discovered later too.
 */
import { Cluster, Redis, ReplyError } from 'ioredis';
import type { Config, Logger } from '../config';
import { ErrorCode, MizanError, StoreUnavailableError } from '../errors';
import { RedisHealth, type Outage } from './health';
import { defineScripts, type PubSubMode } from './scripts';

export type { PubSubMode };

/** A standalone Redis or a Redis Cluster: the store uses only what both offer. */
export type RedisClient = Redis | Cluster;

const modes = new WeakMap<RedisClient, PubSubMode>();
const healths = new WeakMap<RedisClient, RedisHealth>();

/** The client's health (breaker, deadline, outage); clients made by createRedis have one. */
export function healthOf(redis: RedisClient): RedisHealth | undefined {
  return healths.get(redis);
}

export function pubSubMode(redis: RedisClient): PubSubMode {
  return modes.get(redis) ?? 'plain';
}

export function isCluster(redis: RedisClient): redis is Cluster {
  return redis instanceof Cluster;
}

type RedisConfig = Pick<Config, 'redisUrl' | 'redisTimeoutMs'> &
  Partial<Pick<Config, 'redisClusterNodes' | 'redisClusterAuth'>>;

/** `host:port` → ioredis's node. */
export function clusterNode(address: string): { host: string; port: number } {
  const at = address.lastIndexOf(':');
  return { host: address.slice(0, at).replace(/^\[|\]$/g, ''), port: Number(address.slice(at + 1)) };
}

export function createRedis(config: RedisConfig, logger: Logger): RedisClient {
  const timeouts = { maxRetriesPerRequest: 1, connectTimeout: config.redisTimeoutMs };
  const retryStrategy = (attempt: number) => Math.min(100 * attempt, 2000);
  const nodes = config.redisClusterNodes ?? [];
  const redis: RedisClient =
    nodes.length > 0
      ? new Cluster(nodes.map(clusterNode), {
          lazyConnect: true,
          enableOfflineQueue: false,
          clusterRetryStrategy: retryStrategy,
          retryDelayOnTryAgain: 100,
          retryDelayOnMoved: 0,
          maxRedirections: 16,
          redisOptions: { ...timeouts, ...config.redisClusterAuth },
        })
      : new Redis(config.redisUrl, { lazyConnect: true, enableOfflineQueue: false, retryStrategy, ...timeouts });
  const health = new RedisHealth(() => redis.ping(), outageOf, config.redisTimeoutMs, logger);
  healths.set(redis, health);
  // Reported once per outage by the health, not once per reconnection attempt; failing to connect at all is
  // connectRedis's to report (the server may then start a private Redis).
  let connected = false;
  redis.on('error', (err: Error) => {
    if (connected && redis.status !== 'ready') health.fail(outageOf(err) ?? 'redis-unreachable', err.message);
  });
  redis.on('ready', () => {
    connected = true;
    health.ready();
  });
  redis.on('end', () => health.close());
  defineScripts(redis, 'plain');
  return redis;
}

/**
 * Why a client could not connect, worded to follow "Redis at <address> " (the caller names the address: it knows how
 * to show it without a password). `auth`: Redis answered and refused the credentials (no use retrying, nor starting
 * another Redis); `unreachable`: it did not answer. `reason` is what Redis or the socket said (WRONGPASS,
 * ECONNREFUSED…).
 */
export class RedisConnectError extends Error {
  override readonly name = 'RedisConnectError';
  constructor(
    readonly kind: 'auth' | 'unreachable',
    readonly reason: string,
  ) {
    super(
      kind === 'unreachable'
        ? `does not answer (${reason})`
        : /^NOAUTH\b/.test(reason)
          ? 'asks for a password, and none was given (NOAUTH)'
          : `refused the credentials given (${reason})`,
    );
  }
}

/** Replies by which Redis refuses a connection's credentials (Redis 6+ ACLs, and Redis 5's requirepass). */
const AUTH_REFUSED = /^(WRONGPASS|NOAUTH|NOPERM)\b|^ERR invalid (password|username)/;

/** True when `err` is Redis refusing the credentials (a connection's AUTH or HELLO, or a command after it). */
export function isAuthRefused(err: unknown): boolean {
  return err instanceof Error && err.name === 'ReplyError' && AUTH_REFUSED.test(err.message);
}

/** The error a failed connection reported (an ioredis cluster wraps its last node's), as a RedisConnectError. */
function connectFailure(err: Error): RedisConnectError {
  const cause = (err as Error & { lastNodeError?: Error }).lastNodeError ?? err;
  if (isAuthRefused(cause)) return new RedisConnectError('auth', cause.message.split('\n')[0]!.slice(0, 200));
  const code = (cause as NodeJS.ErrnoException).code;
  return new RedisConnectError('unreachable', code ?? cause.message.split('\n')[0]!.slice(0, 200));
}

/**
 * Connects, waiting at most `timeoutMs` for the first `ready`; a failure is a RedisConnectError saying what Redis or
 * the socket said (ioredis itself rejects with a bare "Connection is closed."), and leaves the client disconnected. On
 * a cluster, also picks the pub/sub mode from the Redis version (sharded from 7.0) and loads the scripts that publish
 * that way.
 */
export async function connectRedis(redis: RedisClient, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let heard: Error | undefined;
  const onError = (err: Error) => (heard = isAuthRefused(heard) ? heard : err);
  redis.on('error', onError);
  try {
    await Promise.race([
      redis.connect(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (err) {
    redis.disconnect();
    throw connectFailure(heard ?? (err as Error));
  } finally {
    clearTimeout(timer);
    redis.off('error', onError);
  }
  if (isCluster(redis)) {
    const version = /^redis_version:(\d+)/m.exec(await redis.info('server'))?.[1];
    const mode: PubSubMode = Number(version) >= 7 ? 'sharded' : 'plain';
    modes.set(redis, mode);
    defineScripts(redis, mode);
  }
}

const UNREACHABLE = new RegExp(
  [
    ...['Connection is closed', "Stream isn't writeable", 'Command timed out', 'no answer within', 'Socket closed'],
    ...['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'max retries per request'],
  ].join('|'),
  'i',
);
/** Replies that mean "not now" rather than "no": Redis loading its data, busy with a script, a cluster re-shard. */
const TRANSIENT_REPLY = /^(LOADING|BUSY|MASTERDOWN|CLUSTERDOWN|TRYAGAIN)\b/;

/** Redis at its maxmemory under noeviction: a write refused (in a script's error too; Redis 6 wraps it in ERR). */
const OUT_OF_MEMORY = /^OOM\b|-OOM\b|\bOOM command not allowed/;

/** True when Redis refused a write for want of memory (a MULTI's EXECABORT: one of its commands was refused so). */
export function isOutOfMemory(err: unknown): boolean {
  if (!(err instanceof Error) || err.name !== 'ReplyError') return false;
  if (OUT_OF_MEMORY.test(err.message)) return true;
  const previous = (err as Error & { previousErrors?: unknown[] }).previousErrors;
  return Array.isArray(previous) && previous.some((e) => e instanceof Error && OUT_OF_MEMORY.test(e.message));
}

/** True when the error means Redis could not be reached or cannot answer now (HTTP 503, retry later). */
export function isUnavailable(err: unknown): boolean {
  if (err instanceof StoreUnavailableError) return true;
  if (!(err instanceof Error)) return false;
  if (err instanceof ReplyError) return TRANSIENT_REPLY.test(err.message);
  return err.name === 'MaxRetriesPerRequestError' || UNREACHABLE.test(err.message);
}

/**
 * What a failure says about Redis for the breaker: not there (unreachable, loading its data, busy with a script,
 * refusing mizan's credentials on reconnection), or undefined. A cluster re-shard (TRYAGAIN, CLUSTERDOWN) fails the
 * operation with a 503 but says nothing about the other slots, so it does not open the breaker.
 */
export function outageOf(err: unknown): Outage['reason'] | undefined {
  if (!(err instanceof Error) || err instanceof StoreUnavailableError) return undefined;
  if (err instanceof ReplyError) {
    if (isAuthRefused(err)) return 'redis-auth';
    if (/^LOADING\b/.test(err.message)) return 'redis-loading';
    if (/^(BUSY|MASTERDOWN)\b/.test(err.message)) return 'redis-busy';
    return undefined;
  }
  if (/Command timed out|no answer within/i.test(err.message)) return 'redis-timeout';
  return err.name === 'MaxRetriesPerRequestError' || UNREACHABLE.test(err.message) ? 'redis-unreachable' : undefined;
}

/**
 * Runs a store operation within the client's deadline and breaker (health.ts), turning unreachability into
 * StoreUnavailableError; other errors pass unchanged.
 */
export async function guard<T>(redis: RedisClient, operation: () => Promise<T>): Promise<T> {
  const health = healths.get(redis);
  try {
    return await (health ? health.run(operation) : operation());
  } catch (err) {
    if (isUnavailable(err) && !(err instanceof StoreUnavailableError)) throw new StoreUnavailableError(err);
    if (isOutOfMemory(err)) {
      throw new MizanError(
        ErrorCode.STORE_OUT_OF_MEMORY,
        {},
        { cause: err, message: `Redis out of memory: ${(err as Error).message}` },
      );
    }
    throw err;
  }
}
