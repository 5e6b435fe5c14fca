/**
 * Typed configuration, read from the environment once at start-up and passed down; nothing reads process.env
 * anywhere else. Invalid values stop the process with every problem listed (fail fast).
 */
import os from 'node:os';
import path from 'node:path';
import { corsOrigin } from './cors-origin';
import { EnvReader, writableDir, type Env } from './env-reader';
import { isRedisUrl, readNodeList, shownUrl, shownUrls, type RedisAuth } from './redis-url';

export interface Config {
  /** HTTP port (`PORT`). @default 8080 */
  port: number;
  /** Interface to listen on (`HOST`). @default "0.0.0.0" */
  host: string;
  /** Redis to use (`REDIS_URL`). @default "redis://127.0.0.1:6379" */
  redisUrl: string;
  /**
   * Masters of a Redis Cluster to use instead of `redisUrl`, as `host:port` (`REDIS_CLUSTER_NODES`, entries `host:port`
   * or `redis://[user:password@]host:port` separated by commas; any few of them: the rest are discovered). Empty: a
   * standalone Redis. @default []
   */
  redisClusterNodes: string[];
  /** The credentials REDIS_CLUSTER_NODES gives, used for every node of the cluster. @default undefined (none) */
  redisClusterAuth?: RedisAuth;
  /** Prefix of every Redis key (`MIZAN_KEY_PREFIX`); lets several deployments share one Redis. @default "mizan:" */
  keyPrefix: string;
  /**
   * When nothing answers at `redisUrl` and `redis-server` is on PATH, start a private one with its data under
   * `dataDir` (`MIZAN_EMBEDDED_REDIS`, 0 to refuse). @default true
   */
  embeddedRedis: boolean;
  /** Where the embedded Redis keeps its AOF files (`MIZAN_DATA_DIR`). @default "./data" */
  dataDir: string;
  /**
   * When the embedded Redis fsyncs its AOF (`MIZAN_REDIS_FSYNC`): `everysec` (a host crash loses at most the last
   * second of writes; a crash of Redis alone loses nothing) or `always` (before each write is acknowledged, slower).
   * @default "everysec"
   */
  redisFsync: 'everysec' | 'always';
  /** Folder of seed TMX files and their manifest (`MIZAN_TM_DIR`). @default "./tm" */
  tmDir: string;
  /** The built web UI served at `/` (`MIZAN_WEB_DIR`; `npm run build` writes it). @default "./dist/web" */
  webDir: string;
  /** Load the seed folder at start (`MIZAN_SEED`, 0 to skip). @default true */
  seed: boolean;
  /** The TM that queries use when they name none (`MIZAN_DEFAULT_TM`). @default "main" */
  defaultTm: string;
  /** Longest accepted query, in characters (`MIZAN_MAX_QUERY_CHARS`). @default 2000 */
  maxQueryChars: number;
  /** Longest text per language in an imported document, in characters (`MIZAN_MAX_DOCUMENT_CHARS`). @default 500000 */
  maxDocumentChars: number;
  /** Largest TMX file an import accepts, in MB (`MIZAN_MAX_IMPORT_MB`); larger is 413 FILE_TOO_LARGE. @default 1024 */
  maxImportMb: number;
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
  /**
   * Bytes of serialized match answers kept per process at the HTTP edge, keyed by the parsed request and checked
   * against the TM revisions (`MIZAN_ANSWER_CACHE_MB` in MiB; 0, or `MIZAN_ANSWER_CACHE=0`, turns it off).
   * @default 67108864 (64 MiB)
   */
  answerCacheBytes: number;
  /**
   * Browser origins allowed to call the API (`MIZAN_CORS_ORIGINS`, comma-separated, e.g.
   * `https://cat.example.org,http://localhost:3000`; `*` for any). @default [] (no CORS headers)
   */
  corsOrigins: readonly string[];
  /**
   * Whether the amaGama routes answer `?jsoncallback=` as JSONP (`MIZAN_AMAGAMA_JSONP`), as Pootle's editor loads
   * them: a script any page may load, so a TM read through it is readable by every site a user visits (CORS does not
   * apply to scripts). Off: the parameter is ignored and the answer is JSON. @default false
   */
  amagamaJsonp: boolean;
  /**
   * Lowest `min` a match request may ask for (`MIZAN_MIN_FLOOR`): below it a query compares with most of the TM, so
   * such a request is refused (400 MIN_OUT_OF_RANGE naming the floor). @default 30
   */
  minFloor: number;
  /**
   * Milliseconds of matching one batch may spend (`MIZAN_BATCH_BUDGET_MS`); the queries left when it is spent are
   * answered with BATCH_BUDGET_EXCEEDED in their slots. @default 10000
   */
  batchBudgetMs: number;
  /** Time to receive a request's headers (`MIZAN_HEADERS_TIMEOUT_MS`), then 408. @default 20000 */
  headersTimeoutMs: number;
  /** Time to receive a whole request, body included (`MIZAN_REQUEST_TIMEOUT_MS`), then 408. @default 120000 */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open (`MIZAN_KEEP_ALIVE_TIMEOUT_MS`). @default 5000 */
  keepAliveTimeoutMs: number;
  /** Most open connections (`MIZAN_MAX_CONNECTIONS`); more are closed at once (0: no cap). @default 1024 */
  maxConnections: number;
  /** V8 heap growth over the live heap, percent (`MIZAN_HEAP_GROWTH_PERCENT`; 0: V8's own, up to 300). @default 50 */
  heapGrowthPercent: number;
  /** `Retry-After` sent with 503 (`MIZAN_RETRY_AFTER_S`). @default 5 */
  retryAfterSeconds: number;
  /** `debug`, `info`, `warn` or `error` (`LOG_LEVEL`). @default "info" */
  logLevel: LogLevel;
  /**
   * Prometheus metrics at GET /metrics (`MIZAN_METRICS`): `off`; `open` to anyone; `key` with
   * `Authorization: Bearer <metricsToken>`; `port` on a listener of their own at `metricsPort`. @default "off"
   */
  metrics: MetricsMode;
  /** Port of the metrics listener when `metrics` is `port` (`MIZAN_METRICS_PORT`). @default 9464 */
  metricsPort: number;
  /** The bearer token /metrics asks for when `metrics` is `key` (`MIZAN_METRICS_TOKEN`, 16+ characters). */
  metricsToken?: string;
  /** Whether reads need an API key with the role `read` (`MIZAN_READ`: `open` or `key`). @default "open" */
  readAccess: 'open' | 'key';
  /**
   * An admin API key (`MIZAN_ADMIN_KEY`, `mzn_<id>_<secret>` as `npm run keys -- generate` prints one), stored at
   * start as a salted hash (idempotent). @default undefined (create the first admin key with the keys CLI)
   */
  adminKey: string | undefined;
  /** Requests per minute per key (or per IP without one) that read (`MIZAN_RATE_READ_PER_MIN`, 0 = no limit).
   * @default 1200 */
  rateReadPerMin: number;
  /** Requests per minute per key (or per IP) that write (`MIZAN_RATE_WRITE_PER_MIN`, 0 = no limit). @default 120 */
  rateWritePerMin: number;
  /** TMs one API key may create (`MIZAN_MAX_TMS_PER_KEY`, 0 = no limit). @default 20 */
  maxTmsPerKey: number;
  /** TMs the deployment may hold (`MIZAN_MAX_TMS`, 0 = no limit). @default 200 */
  maxTms: number;
  /** Approximate number of audit entries kept (`MIZAN_AUDIT_MAX`). @default 100000 */
  auditMaxLen: number;
  /** Where a TM index keeps its texts past `indexTextsMemoryMb` (`MIZAN_INDEX_TEXTS_DIR`). @default os.tmpdir() */
  indexTextsDir: string;
  /** Megabytes of a TM index's texts kept in memory, the rest in a file (`MIZAN_INDEX_TEXTS_MEMORY_MB`). @default 16 */
  indexTextsMemoryMb: number;
  /**
   * Proxies in front of mizan whose X-Forwarded-For is believed (`MIZAN_TRUST_PROXY`, a hop count; 0 = the socket's
   * address is the client's). Per-IP rate limits and the audit use the address found. @default 0
   */
  trustProxy: number;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type MetricsMode = 'off' | 'open' | 'key' | 'port';

const MIB = 1024 * 1024;

export const DEFAULT_CONFIG: Readonly<Config> = Object.freeze({
  port: 8080,
  host: '0.0.0.0',
  redisUrl: 'redis://127.0.0.1:6379',
  redisClusterNodes: [],
  keyPrefix: 'mizan:',
  embeddedRedis: true,
  dataDir: path.resolve('data'),
  redisFsync: 'everysec',
  tmDir: path.resolve('tm'),
  webDir: path.resolve('dist/web'),
  seed: true,
  defaultTm: 'main',
  maxQueryChars: 2000,
  maxDocumentChars: 500_000,
  maxBody: '8mb',
  maxImportMb: 1024,
  maxLimit: 50,
  redisTimeoutMs: 2000,
  retryAfterSeconds: 5,
  minFloor: 30,
  batchBudgetMs: 10_000,
  headersTimeoutMs: 20_000,
  requestTimeoutMs: 120_000,
  keepAliveTimeoutMs: 5000,
  maxConnections: 1024,
  heapGrowthPercent: 50,
  freshness: 'notify',
  answerCacheBytes: 64 * MIB,
  corsOrigins: [],
  amagamaJsonp: false,
  logLevel: 'info',
  metrics: 'off',
  metricsPort: 9464,
  readAccess: 'open',
  adminKey: undefined,
  rateReadPerMin: 1200,
  rateWritePerMin: 120,
  maxTmsPerKey: 20,
  maxTms: 200,
  auditMaxLen: 100_000,
  indexTextsDir: os.tmpdir(),
  indexTextsMemoryMb: 16,
  trustProxy: 0,
});

/** An API key as mizan hands it out: `mzn_`, the key's id (`k` + 16 hex digits), `_`, 32 random bytes base64url. */
export const API_KEY = /^mzn_(k[0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

/** TM names and key prefixes end up inside Redis keys: keep them to a safe alphabet. */
export const TM_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** The metrics settings hold together: a token to ask for, a port of their own. */
function checkMetrics(config: Config, problems: string[]): void {
  if (config.metrics === 'key' && (config.metricsToken ?? '').length < 16)
    problems.push('MIZAN_METRICS=key needs MIZAN_METRICS_TOKEN, at least 16 characters');
  if (config.metrics === 'port' && config.metricsPort === config.port)
    problems.push(`MIZAN_METRICS_PORT must differ from PORT (both ${config.port})`);
}

export function loadConfig(env: Env, overrides: Partial<Config> = {}): Config {
  const read = new EnvReader(env);
  const D = DEFAULT_CONFIG;
  const cluster = read.parsed('REDIS_CLUSTER_NODES', { nodes: [] }, readNodeList, shownUrls);
  const config: Config = {
    port: read.int('PORT', D.port, 0, 65535),
    host: read.str('HOST', D.host),
    redisUrl: read.checked(
      'REDIS_URL',
      D.redisUrl,
      isRedisUrl,
      'must be a URL starting with redis:// or rediss://, with a host, and a database number as its only path',
      shownUrl,
    ),
    redisClusterNodes: cluster.nodes,
    ...(cluster.auth && { redisClusterAuth: cluster.auth }),
    keyPrefix: read.checked(
      'MIZAN_KEY_PREFIX',
      D.keyPrefix,
      (v) => /^[A-Za-z0-9:_.-]{1,64}$/.test(v),
      'may hold only letters, digits and : _ . - (1 to 64 of them)',
    ),
    embeddedRedis: read.bool('MIZAN_EMBEDDED_REDIS', D.embeddedRedis),
    dataDir: path.resolve(read.str('MIZAN_DATA_DIR', D.dataDir)),
    redisFsync: read.oneOf('MIZAN_REDIS_FSYNC', D.redisFsync, ['everysec', 'always']),
    tmDir: path.resolve(read.str('MIZAN_TM_DIR', D.tmDir)),
    webDir: path.resolve(read.str('MIZAN_WEB_DIR', D.webDir)),
    seed: read.bool('MIZAN_SEED', D.seed),
    defaultTm: read.checked('MIZAN_DEFAULT_TM', D.defaultTm, (v) => TM_NAME.test(v), `must match ${TM_NAME}`),
    maxQueryChars: read.int('MIZAN_MAX_QUERY_CHARS', D.maxQueryChars, 1, 100_000),
    maxDocumentChars: read.int('MIZAN_MAX_DOCUMENT_CHARS', D.maxDocumentChars, 1000, 10_000_000),
    maxBody: read.checked(
      'MIZAN_MAX_BODY',
      D.maxBody,
      (v) => /^\d+(b|kb|mb)$/i.test(v),
      'must be a size like 512kb or 4mb',
    ),
    maxImportMb: read.int('MIZAN_MAX_IMPORT_MB', D.maxImportMb, 1, 1_000_000),
    maxLimit: read.int('MIZAN_MAX_LIMIT', D.maxLimit, 1, 1000),
    redisTimeoutMs: read.int('MIZAN_REDIS_TIMEOUT_MS', D.redisTimeoutMs, 50, 60_000),
    retryAfterSeconds: read.int('MIZAN_RETRY_AFTER_S', D.retryAfterSeconds, 1, 3600),
    minFloor: read.int('MIZAN_MIN_FLOOR', D.minFloor, 0, 100),
    batchBudgetMs: read.int('MIZAN_BATCH_BUDGET_MS', D.batchBudgetMs, 1, 3_600_000),
    headersTimeoutMs: read.int('MIZAN_HEADERS_TIMEOUT_MS', D.headersTimeoutMs, 1000, 600_000),
    requestTimeoutMs: read.int('MIZAN_REQUEST_TIMEOUT_MS', D.requestTimeoutMs, 1000, 3_600_000),
    keepAliveTimeoutMs: read.int('MIZAN_KEEP_ALIVE_TIMEOUT_MS', D.keepAliveTimeoutMs, 100, 600_000),
    maxConnections: read.int('MIZAN_MAX_CONNECTIONS', D.maxConnections, 0, 1_000_000),
    heapGrowthPercent: read.int('MIZAN_HEAP_GROWTH_PERCENT', D.heapGrowthPercent, 0, 300),
    freshness: read.oneOf('MIZAN_FRESHNESS', D.freshness, ['notify', 'strict']),
    // MIZAN_ANSWER_CACHE was a count of entries; 0 still turns the cache off, other values are ignored.
    answerCacheBytes:
      read.int('MIZAN_ANSWER_CACHE', 1, 0, 1_000_000) === 0
        ? 0
        : read.int('MIZAN_ANSWER_CACHE_MB', D.answerCacheBytes / MIB, 0, 64 * 1024) * MIB,
    corsOrigins: read.list('MIZAN_CORS_ORIGINS', corsOrigin, 'must list origins like https://example.org (or *)'),
    amagamaJsonp: read.bool('MIZAN_AMAGAMA_JSONP', D.amagamaJsonp),
    logLevel: read.oneOf('LOG_LEVEL', D.logLevel, ['debug', 'info', 'warn', 'error']),
    metrics: read.oneOf('MIZAN_METRICS', D.metrics, ['off', 'open', 'key', 'port']),
    metricsPort: read.int('MIZAN_METRICS_PORT', D.metricsPort, 1, 65535),
    ...(env.MIZAN_METRICS_TOKEN ? { metricsToken: env.MIZAN_METRICS_TOKEN } : {}),
    readAccess: read.oneOf('MIZAN_READ', D.readAccess, ['open', 'key']),
    adminKey: read.secret(
      'MIZAN_ADMIN_KEY',
      API_KEY,
      'must look like mzn_k<16 hex digits>_<43 base64url characters> (npm run keys -- generate prints one)',
    ),
    rateReadPerMin: read.int('MIZAN_RATE_READ_PER_MIN', D.rateReadPerMin, 0, 1_000_000),
    rateWritePerMin: read.int('MIZAN_RATE_WRITE_PER_MIN', D.rateWritePerMin, 0, 1_000_000),
    maxTmsPerKey: read.int('MIZAN_MAX_TMS_PER_KEY', D.maxTmsPerKey, 0, 1_000_000),
    maxTms: read.int('MIZAN_MAX_TMS', D.maxTms, 0, 1_000_000),
    auditMaxLen: read.int('MIZAN_AUDIT_MAX', D.auditMaxLen, 100, 100_000_000),
    indexTextsDir: path.resolve(
      read.checked('MIZAN_INDEX_TEXTS_DIR', D.indexTextsDir, writableDir, 'must be a directory mizan can write to'),
    ),
    indexTextsMemoryMb: read.int('MIZAN_INDEX_TEXTS_MEMORY_MB', D.indexTextsMemoryMb, 0, 1_000_000),
    trustProxy: read.int('MIZAN_TRUST_PROXY', D.trustProxy, 0, 10),
    ...overrides,
  };
  checkMetrics(config, read.problems);
  if (config.headersTimeoutMs > config.requestTimeoutMs)
    read.problems.push('MIZAN_HEADERS_TIMEOUT_MS must not exceed MIZAN_REQUEST_TIMEOUT_MS');
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return Object.freeze(config);
}
