/**
 * Entry point: configuration, Redis (the one at REDIS_URL, else a private embedded one), the seed TM, then listen.
 * Everything is created here and passed down; nothing is global.
 */
import type { Server } from 'node:http';
import type { RedisClient } from './store';
import pkg from '../package.json';
import { ConfigError, createLogger, loadConfig, type Config, type Logger } from './config';
import { createApp } from './http/app';
import { createHttpServer } from './http/server';
import { cedict } from './align/lexicon';
import { createTranslator } from './i18n';
import { loadSeed, TranslationMemory } from './service';
import { checkSchema, connectRedis, createRedis, Keys, SchemaError, TmStore } from './store';
import { findOnPath, isLocalRedisUrl, startEmbeddedRedis, type EmbeddedRedis } from './store/embedded-redis';
import { reclaimOrphan } from './store/redis-owner';

const NO_REDIS_HELP = (
  url: string,
) => `no Redis answers at ${url}, and no redis-server is on PATH to start a private one.
  Get Redis in one of these ways, then run npm start again:
    - Debian/Ubuntu: sudo apt-get install redis-server      (mizan then starts its own, data in ./data)
    - macOS:         brew install redis
    - Docker:        docker compose up                       (Redis and mizan together)
    - or point REDIS_URL at a running Redis, e.g. REDIS_URL=redis://host:6379`;

/**
 * The Redis at REDIS_URL, or, when none answers there and it is on this machine, a private one. A private one that
 * outlived the mizan that started it (redis-owner.ts) is stopped first, so that it is never used unowned.
 */
async function openRedis(config: Config, logger: Logger): Promise<{ redis: RedisClient; embedded?: EmbeddedRedis }> {
  const local = config.embeddedRedis && isLocalRedisUrl(config.redisUrl);
  if (local) await reclaimOrphan(config.dataDir, logger);
  const redis = createRedis(config, logger);
  try {
    await connectRedis(redis, config.redisTimeoutMs);
    logger.info(`using Redis at ${config.redisUrl}`);
    return { redis };
  } catch (err) {
    redis.disconnect();
    const binary = findOnPath('redis-server');
    if (!local || !binary) {
      const why = !config.embeddedRedis
        ? ' (MIZAN_EMBEDDED_REDIS=0)'
        : !isLocalRedisUrl(config.redisUrl)
          ? ' (REDIS_URL is not on this machine)'
          : '';
      throw new Error(`${NO_REDIS_HELP(config.redisUrl)}${why}\n  cause: ${(err as Error).message}`);
    }
    logger.warn(`no Redis answers at ${config.redisUrl}; starting a private one`);
    const port = Number(new URL(config.redisUrl).port || 6379);
    const embedded = await startEmbeddedRedis({ binary, port, dataDir: config.dataDir, logger });
    const retry = createRedis(config, logger);
    await connectRedis(retry, config.redisTimeoutMs);
    return { redis: retry, embedded };
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

async function main(): Promise<void> {
  const config = configOrExit();
  const logger = createLogger(config.logLevel);
  const { redis, embedded } = await openRedis(config, logger);
  const keys = new Keys(config.keyPrefix);
  await checkSchema(redis, keys, logger);
  const store = new TmStore(redis, keys);
  if (config.seed) await loadSeed(config.tmDir, store, logger);
  const tm = new TranslationMemory(store, logger, config.defaultTm, config.freshness);
  const lexiconStart = Date.now();
  logger.info(
    cedict()
      ? `CC-CEDICT lexicon loaded for alignment in ${Date.now() - lexiconStart} ms`
      : 'CC-CEDICT not installed: ar–zh alignment uses lengths and anchors only',
  );
  const translator = await createTranslator();
  const app = createApp({ tm, translator, config, logger, version: pkg.version });
  const server: Server = createHttpServer(app, translator);
  server.listen(config.port, config.host, () => {
    logger.info(
      `mizan ${pkg.version} listening on http://${config.host}:${config.port} ` +
        `(TM "${config.defaultTm}", key prefix "${config.keyPrefix}")`,
    );
  });
  server.on('error', (err) => {
    logger.error(`cannot listen on ${config.host}:${config.port}: ${err.message}`);
    process.exit(1);
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: shutting down`);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await tm.close();
    redis.disconnect();
    await embedded?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

// A private Redis started on the way stops by itself when this process exits (its watchdog sees the pipe close).
main().catch((err: unknown) => {
  process.stderr.write(`mizan: cannot start: ${(err as Error)?.message ?? String(err)}\n`);
  process.exit(err instanceof SchemaError ? 2 : 1);
});
