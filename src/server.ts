/**
 * Entry point: configuration, Redis (the Redis Cluster at REDIS_CLUSTER_NODES, else the one at REDIS_URL, else a
 * private embedded one), the seed TM, then listen. Everything is created here and passed down; nothing is global.
 *
 * `--workers N` (N > 1) uses both (all) cores: this process becomes a node:cluster primary that starts the embedded
 * Redis if needed, checks the schema and loads the seed once, then forks N workers, each with its own index, all on
 * the same Redis and sharing the port; a worker that dies is started again, SIGTERM/SIGINT are passed on to them.
 *
 * SIGTERM or SIGINT at any moment, during the start too, closes what was opened and exits with code 0 (shutdown.ts).
 */
import cluster from 'node:cluster';
import http, { type Server } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import type { RedisClient } from './store';
import pkg from '../package.json';
import { ConfigError, createLogger, loadConfig, missingStartSettings, shownNodes, shownUrl } from './config';
import type { Config, Logger } from './config';
import { createApp } from './http/app';
import { createHttpServer } from './http/server';
import { Metrics } from './http/metrics';
import { metricsApp } from './http/routes/metrics';
import { alignTexts } from './align';
import { cedict } from './align/lexicon';
import { arEnLexicon } from './align/ar-lexicon';
import { createTranslator } from './i18n';
import { prepareTables } from './normalize';
import { Access, indexTexts, loadSeed, TranslationMemory } from './service';
import {
  checkSchema,
  connectRedis,
  createRedis,
  Keys,
  memoryPolicy,
  memoryPolicyWarning,
  RedisConnectError,
  SchemaError,
  TmStore,
} from './store';
import { findOnPath, isLocalRedisUrl, startEmbeddedRedis } from './store/embedded-redis';
import { reclaimOrphan } from './store/redis-owner';
import { Shutdown } from './shutdown';

const NO_REDIS_HELP = `  Get Redis in one of these ways, then run npm start again:
    - Debian/Ubuntu: sudo apt-get install redis-server      (mizan then starts its own, data in ./data)
    - macOS:         brew install redis
    - Docker:        docker compose up                       (Redis and mizan together)
    - or point REDIS_URL at a running Redis, e.g. REDIS_URL=redis://host:6379`;

/** Redis answered and refused mizan's credentials: the start stops (exit code 2, as for a configuration error). */
class RedisRefusedError extends Error {
  override readonly name = 'RedisRefusedError';
}

/** Why no private Redis is started when none answers at REDIS_URL. */
function noPrivateRedis(config: Config, binary: string | undefined): string {
  if (!config.embeddedRedis) return 'MIZAN_EMBEDDED_REDIS=0: no private one is started';
  if (!isLocalRedisUrl(config.redisUrl)) return 'REDIS_URL is not on this machine: no private one is started';
  return binary ? '' : 'no redis-server is on PATH to start a private one';
}

/**
 * The Redis at REDIS_URL, or, when none answers there and it is on this machine, a private one. A private one that
 * outlived the mizan that started it (redis-owner.ts) is stopped first, so that it is never used unowned. A Redis
 * that answers and refuses the credentials is a RedisRefusedError: no private one is started in its place. Messages
 * name REDIS_URL with its password as *** (shownUrl). Each client, and the private Redis, is closed at the stop.
 */
async function openRedis(config: Config, logger: Logger, shutdown: Shutdown): Promise<RedisClient> {
  const open = () => {
    const redis = createRedis(config, logger);
    shutdown.onStop(() => redis.disconnect());
    return redis;
  };
  if (config.redisClusterNodes.length > 0) {
    const redis = open();
    const where = `the Redis Cluster at ${shownNodes(config.redisClusterNodes, config.redisClusterAuth)}`;
    // A password is given as in REDIS_URL, in an entry: say so when none was (REDIS_URL is not read then).
    const hint = config.redisClusterAuth ? '' : ' (give it in REDIS_CLUSTER_NODES: redis://:password@host:port)';
    await connectRedis(redis, config.redisTimeoutMs).catch((err: unknown) => {
      if (!(err instanceof RedisConnectError)) throw err;
      throw err.kind === 'auth'
        ? new RedisRefusedError(`${where} ${err.message}${hint}`)
        : new Error(`${where} ${err.message}`);
    });
    logger.info(`using ${where}`);
    return redis;
  }
  const url = shownUrl(config.redisUrl);
  const local = config.embeddedRedis && isLocalRedisUrl(config.redisUrl);
  if (local) await reclaimOrphan(config.dataDir, logger);
  const redis = open();
  try {
    await connectRedis(redis, config.redisTimeoutMs);
    logger.info(`using Redis at ${url}`);
    return redis;
  } catch (err) {
    if (err instanceof RedisConnectError && err.kind === 'auth')
      throw new RedisRefusedError(`Redis at ${url} ${err.message}`);
    const binary = findOnPath('redis-server');
    const why = noPrivateRedis(config, binary);
    if (why)
      throw new Error(`no Redis answers at ${url} (${why}).\n${NO_REDIS_HELP}\n  cause: ${(err as Error).message}`);
    shutdown.check();
    logger.warn(`no Redis answers at ${url}; starting a private one`);
    const port = Number(new URL(config.redisUrl).port || 6379);
    const embedded = await startEmbeddedRedis({
      binary: binary!,
      port,
      dataDir: config.dataDir,
      fsync: config.redisFsync,
      logger,
    });
    shutdown.onStop(() => embedded.stop());
    const retry = open();
    await connectRedis(retry, config.redisTimeoutMs);
    return retry;
  }
}

/** The configuration, or the process ends with every problem listed (exit code 2). */
function configOrExit(): Config {
  try {
    return loadConfig(process.env);
  } catch (err) {
    process.stderr.write(`mizan: ${(err as Error).message}\n`);
    process.exit(err instanceof ConfigError ? 2 : 1);
  }
}

/** `--workers N` from the command line: 1 when absent. */
function workersArg(args: readonly string[]): number {
  const at = args.findIndex((a) => a === '--workers' || a.startsWith('--workers='));
  if (at < 0) return 1;
  const raw = args[at]!.includes('=') ? args[at]!.split('=')[1] : args[at + 1];
  const n = Number(raw);
  if (Number.isInteger(n) && n >= 1 && n <= 64) return n;
  process.stderr.write(`mizan: --workers must be an integer from 1 to 64 (got "${raw ?? ''}")\n`);
  process.exit(2);
}

/** Redis opened, the schema checked, the seed loaded (what the primary does once for all workers). */
async function prepare(config: Config, logger: Logger, shutdown: Shutdown) {
  const redis = await openRedis(config, logger, shutdown);
  const keys = new Keys(config.keyPrefix);
  await checkSchema(redis, keys, logger);
  const policyWarning = memoryPolicyWarning(await memoryPolicy(redis));
  if (policyWarning) logger.warn(policyWarning);
  const store = new TmStore(redis, keys);
  await store.log.epoch(); // written once per deployment: instances detect a Redis that went back (service/mirrors)
  if (config.seed) await loadSeed(config.tmDir, store, logger);
  await bootstrapKeys(new Access(store), config, logger);
  return { redis, store };
}

/** MIZAN_ADMIN_KEY stored as an admin key (idempotent); a note when no key exists, as writes need one. */
async function bootstrapKeys(access: Access, config: Config, logger: Logger): Promise<void> {
  if (config.adminKey) {
    const outcome = await access.ensureAdmin(config.adminKey);
    const id = /^mzn_(k[0-9a-f]+)_/.exec(config.adminKey)?.[1];
    if (outcome === 'stored') logger.info(`MIZAN_ADMIN_KEY stored as admin key ${id}`);
    return;
  }
  if ((await access.list()).length === 0)
    logger.info('no API keys yet: writes are refused until one exists (MIZAN_ADMIN_KEY, or npm run keys -- create)');
}

async function serve(config: Config, logger: Logger, shutdown: Shutdown): Promise<void> {
  const { store } = await prepare(config, logger, shutdown);
  shutdown.check();
  const tm = new TranslationMemory(store, logger, config.defaultTm, config.freshness, {
    indexTexts: indexTexts(config),
  });
  shutdown.onStop(() => tm.close());
  // Import jobs whose process stopped (this server's before a restart, or another instance's) are taken over: a
  // commit resumed, a reading failed and its staging dropped (DESIGN.md, "Import jobs", (c)).
  tm.imports.watch();
  // The aligner's word lists, loaded once here rather than by the first import; each says what it costs or lacks.
  const lexicons: [load: () => unknown, loaded: string, missing: string][] = [
    [
      cedict,
      'CC-CEDICT lexicon loaded for alignment',
      'CC-CEDICT not installed: ar–zh alignment uses lengths and anchors only',
    ],
    [
      arEnLexicon,
      'FreeDict Arabic–English word lists loaded for review flags',
      "FreeDict Arabic–English not installed (Debian dict-freedict-ara-eng): review flags use the DP's confidence only",
    ],
  ];
  for (const [load, loaded, missing] of lexicons) {
    const started = Date.now();
    logger.info(load() ? `${loaded} in ${Date.now() - started} ms` : missing);
  }
  // Built here rather than by the first request that tokenizes (≈ 100–250 ms of the event loop, the OpenCC tables),
  // with ICU's sentence data loaded by a first small alignment (≈ 20–40 ms at the first import otherwise).
  const tablesStart = Date.now();
  prepareTables();
  alignTexts({ ar: 'نص قصير. وآخر.', en: 'A short text. Another.', zh: '短文。另一个。' });
  logger.info(`normalization tables and sentence segmenters ready in ${Date.now() - tablesStart} ms`);
  await warmDefaultTm(tm, config.defaultTm, logger);
  const translator = await createTranslator();
  const metrics = config.metrics === 'off' ? undefined : new Metrics();
  const app = createApp({ tm, translator, config, logger, version: pkg.version, metrics });
  shutdown.check(); // a signal came while the index was built: do not listen
  const server: Server = createHttpServer(app, translator, config, logger);
  shutdown.onStop(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const metricsServer = config.metrics === 'port' && metrics ? listenMetrics(metrics, config, logger) : undefined;
  if (metricsServer) shutdown.onStop(() => metricsServer.close());
  server.listen(config.port, config.host, () => {
    shutdown.started();
    const worker = cluster.isWorker ? `, worker ${process.pid}` : '';
    logger.info(
      `mizan ${pkg.version} listening on http://${config.host}:${config.port} ` +
        `(TM "${config.defaultTm}", key prefix "${config.keyPrefix}"${worker})`,
    );
  });
  server.on('error', (err) => {
    logger.error(`cannot listen on ${config.host}:${config.port}: ${err.message}`);
    process.exit(1);
  });
}

/** The default TM's index built before the server listens (its first queries would otherwise build it). */
async function warmDefaultTm(tm: TranslationMemory, name: string, logger: Logger): Promise<void> {
  const started = Date.now();
  try {
    await tm.warm(name);
    logger.info(`index of TM "${name}" built in ${Date.now() - started} ms`);
  } catch (err) {
    // No such TM yet (nothing imported): nothing to build. Anything else is for the first request to meet.
    logger.info(`index of TM "${name}" not built at startup: ${(err as Error).message}`);
  }
}

/** MIZAN_METRICS=port: /metrics on a listener of its own (MIZAN_METRICS_PORT, same HOST). */
function listenMetrics(metrics: Metrics, config: Config, logger: Logger): Server {
  const server = http.createServer(metricsApp(metrics));
  server.listen(config.metricsPort, config.host, () =>
    logger.info(`metrics on http://${config.host}:${config.metricsPort}/metrics`),
  );
  server.on('error', (err) => {
    logger.error(`cannot listen for metrics on ${config.host}:${config.metricsPort}: ${err.message}`);
    process.exit(1);
  });
  return server;
}

/** The node:cluster primary: prepares once, then keeps `count` workers running until told to stop. */
async function primary(config: Config, logger: Logger, count: number, shutdown: Shutdown): Promise<void> {
  const { redis } = await prepare(config, logger, shutdown);
  redis.disconnect();
  shutdown.check();
  // The workers find Redis ready and the seed loaded: they neither start a Redis nor load the seed again.
  const env = { MIZAN_SEED: '0', MIZAN_EMBEDDED_REDIS: '0' };
  const fork = () => cluster.fork(env);
  cluster.on('exit', (worker, code, signal) => {
    if (shutdown.stopping) return;
    logger.warn(`worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); starting another`);
    setTimeout(fork, 1000);
  });
  // Each worker is passed the signal and stops as a single process does; the private Redis stops after them.
  shutdown.onStop((signal) => {
    const workers = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
    logger.info(`stopping ${workers.length} workers`);
    return Promise.all(
      workers.map(
        (w) => new Promise((resolve) => (w.isDead() ? resolve(null) : (w.once('exit', resolve), w.kill(signal)))),
      ),
    );
  });
  for (let i = 0; i < count; i++) fork();
  shutdown.started();
  logger.info(`primary ${process.pid}: ${count} workers`);
}

async function main(): Promise<void> {
  const config = configOrExit();
  // Left to itself under a steady stream of garbage V8 lets the heap grow to ~4× what is live before a full
  // collection (RSS 350 → 700 MB under `npm run load` with a live heap of 110–135 MB); 1.5× keeps it near 380 MB
  // for a few percent of throughput (docs/reliability.md). Read by V8 at each collection, so setting it here works.
  if (config.heapGrowthPercent > 0) setFlagsFromString(`--heap-growing-percent=${config.heapGrowthPercent}`);
  const logger = createLogger(config.logLevel);
  const missing = missingStartSettings();
  if (missing.length > 0 && cluster.isPrimary) {
    logger.warn(`started without ${missing.join(' ')}: a large TM takes more memory (npm start sets them; README)`);
  }
  const shutdown = new Shutdown(logger).listen();
  const workers = cluster.isPrimary ? workersArg(process.argv.slice(2)) : 1;
  try {
    if (workers > 1) await primary(config, logger, workers, shutdown);
    else await serve(config, logger, shutdown);
  } catch (err) {
    // A start-up step cut short by a signal (what it used was closed, or it met check()): the stop exits, code 0.
    if (!shutdown.stopping) throw err;
  }
}

// A private Redis started on the way stops by itself when this process exits (its watchdog sees the pipe close).
main().catch((err: unknown) => {
  process.stderr.write(`mizan: cannot start: ${(err as Error)?.message ?? String(err)}\n`);
  process.exit(err instanceof SchemaError || err instanceof RedisRefusedError ? 2 : 1);
});
