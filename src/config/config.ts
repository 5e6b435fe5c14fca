/**
 * Typed configuration, read from the environment once at start-up and passed down; nothing reads process.env
 * anywhere else. Invalid values stop the process with every problem listed (fail fast).
 */
import path from 'node:path';

export interface Config {
  /** HTTP port (`PORT`). @default 8080 */
  port: number;
  /** Interface to listen on (`HOST`). @default "0.0.0.0" */
  host: string;
  /** Redis to use (`REDIS_URL`). @default "redis://127.0.0.1:6379" */
  redisUrl: string;
  /** Prefix of every Redis key (`MIZAN_KEY_PREFIX`); lets several deployments share one Redis. @default "mizan:" */
  keyPrefix: string;
  /**
   * When nothing answers at `redisUrl` and `redis-server` is on PATH, start a private one with its data under
   * `dataDir` (`MIZAN_EMBEDDED_REDIS`, 0 to refuse). @default true
   */
  embeddedRedis: boolean;
  /** Where the embedded Redis keeps its AOF files (`MIZAN_DATA_DIR`). @default "./data" */
  dataDir: string;
  /** Folder of seed TMX files and their manifest (`MIZAN_TM_DIR`). @default "./tm" */
  tmDir: string;
  /** Load the seed folder at start (`MIZAN_SEED`, 0 to skip). @default true */
  seed: boolean;
  /** The TM that queries use when they name none (`MIZAN_DEFAULT_TM`). @default "main" */
  defaultTm: string;
  /** Longest accepted query, in characters (`MIZAN_MAX_QUERY_CHARS`). @default 2000 */
  maxQueryChars: number;
  /** Longest text per language in an imported document, in characters (`MIZAN_MAX_DOCUMENT_CHARS`). @default 500000 */
  maxDocumentChars: number;
  /** Largest JSON request body (`MIZAN_MAX_BODY`), in body-parser syntax. @default "8mb" */
  maxBody: string;
  /** Most matches one query may ask for (`MIZAN_MAX_LIMIT`). @default 50 */
  maxLimit: number;
  /** A Redis command that takes longer fails with 503 (`MIZAN_REDIS_TIMEOUT_MS`). @default 2000 */
  redisTimeoutMs: number;
  /**
   * How a query makes sure it sees every earlier write (`MIZAN_FRESHNESS`): `notify` asks Redis only after a change
   * notification (or when the notification channel is not live); `strict` asks Redis before every query.
   * @default "notify"
   */
  freshness: 'notify' | 'strict';
  /** Serialized match answers kept per process, keyed by request and TM revision (`MIZAN_ANSWER_CACHE`, 0 = off). @default 10000 */
  answerCache: number;
  /** `Retry-After` sent with 503 (`MIZAN_RETRY_AFTER_S`). @default 5 */
  retryAfterSeconds: number;
  /** `debug`, `info`, `warn` or `error` (`LOG_LEVEL`). @default "info" */
  logLevel: LogLevel;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export const DEFAULT_CONFIG: Readonly<Config> = Object.freeze({
  port: 8080,
  host: '0.0.0.0',
  redisUrl: 'redis://127.0.0.1:6379',
  keyPrefix: 'mizan:',
  embeddedRedis: true,
  dataDir: path.resolve('data'),
  tmDir: path.resolve('tm'),
  seed: true,
  defaultTm: 'main',
  maxQueryChars: 2000,
  maxDocumentChars: 500_000,
  maxBody: '8mb',
  maxLimit: 50,
  redisTimeoutMs: 2000,
  retryAfterSeconds: 5,
  freshness: 'notify',
  answerCache: 10_000,
  logLevel: 'info',
});

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

/** TM names and key prefixes end up inside Redis keys: keep them to a safe alphabet. */
export const TM_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env, overrides: Partial<Config> = {}): Config {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name]?.toLowerCase();
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    problems.push(`${name} must be 1/0, true/false, yes/no or on/off (got "${env[name]}")`);
    return fallback;
  };
  const str = (name: string, fallback: string): string => env[name] || fallback;

  const redisUrl = str('REDIS_URL', DEFAULT_CONFIG.redisUrl);
  try {
    const url = new URL(redisUrl);
    if (url.protocol !== 'redis:' && url.protocol !== 'rediss:')
      problems.push(`REDIS_URL must start with redis:// or rediss:// (got "${redisUrl}")`);
  } catch {
    problems.push(`REDIS_URL is not a URL (got "${redisUrl}")`);
  }
  const keyPrefix = str('MIZAN_KEY_PREFIX', DEFAULT_CONFIG.keyPrefix);
  if (!/^[A-Za-z0-9:_.-]{1,64}$/.test(keyPrefix))
    problems.push(`MIZAN_KEY_PREFIX may hold only letters, digits and : _ . - (got "${keyPrefix}")`);
  const defaultTm = str('MIZAN_DEFAULT_TM', DEFAULT_CONFIG.defaultTm);
  if (!TM_NAME.test(defaultTm)) problems.push(`MIZAN_DEFAULT_TM must match ${TM_NAME} (got "${defaultTm}")`);
  const freshness = str('MIZAN_FRESHNESS', DEFAULT_CONFIG.freshness) as Config['freshness'];
  if (!['notify', 'strict'].includes(freshness))
    problems.push(`MIZAN_FRESHNESS must be notify or strict (got "${freshness}")`);
  const maxBody = str('MIZAN_MAX_BODY', DEFAULT_CONFIG.maxBody);
  if (!/^\d+(b|kb|mb)$/i.test(maxBody))
    problems.push(`MIZAN_MAX_BODY must be a size like 512kb or 4mb (got "${maxBody}")`);
  const logLevel = str('LOG_LEVEL', DEFAULT_CONFIG.logLevel) as LogLevel;
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel))
    problems.push(`LOG_LEVEL must be debug, info, warn or error (got "${logLevel}")`);

  const config: Config = {
    port: int('PORT', DEFAULT_CONFIG.port, 0, 65535),
    host: str('HOST', DEFAULT_CONFIG.host),
    redisUrl,
    keyPrefix,
    embeddedRedis: bool('MIZAN_EMBEDDED_REDIS', DEFAULT_CONFIG.embeddedRedis),
    dataDir: path.resolve(str('MIZAN_DATA_DIR', DEFAULT_CONFIG.dataDir)),
    tmDir: path.resolve(str('MIZAN_TM_DIR', DEFAULT_CONFIG.tmDir)),
    seed: bool('MIZAN_SEED', DEFAULT_CONFIG.seed),
    defaultTm,
    maxQueryChars: int('MIZAN_MAX_QUERY_CHARS', DEFAULT_CONFIG.maxQueryChars, 1, 100_000),
    maxDocumentChars: int('MIZAN_MAX_DOCUMENT_CHARS', DEFAULT_CONFIG.maxDocumentChars, 1000, 10_000_000),
    maxBody,
    maxLimit: int('MIZAN_MAX_LIMIT', DEFAULT_CONFIG.maxLimit, 1, 1000),
    redisTimeoutMs: int('MIZAN_REDIS_TIMEOUT_MS', DEFAULT_CONFIG.redisTimeoutMs, 50, 60_000),
    retryAfterSeconds: int('MIZAN_RETRY_AFTER_S', DEFAULT_CONFIG.retryAfterSeconds, 1, 3600),
    freshness,
    answerCache: int('MIZAN_ANSWER_CACHE', DEFAULT_CONFIG.answerCache, 0, 1_000_000),
    logLevel,
    ...overrides,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}
