/**
 * A real mizan for one integration test file: real Redis (the private test server), a unique key prefix, its schema
 * version checked, the seed loaded from tm/, the Express app from createApp. `close()` deletes every key under the
 * prefix.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { IncomingMessage, RequestListener } from 'node:http';
import { loadConfig, silentLogger, type Config, type Logger } from '../../src/config';
import { createApp } from '../../src/http/app';
import { checkedApp } from './openapi-check';
import { createTranslator } from '../../src/i18n';
import { Access, loadSeed, TranslationMemory } from '../../src/service';
import { checkSchema, connectRedis, createRedis, isCluster, Keys, TmStore, type RedisClient } from '../../src/store';

export const TM_DIR = path.resolve(__dirname, '../../tm');

export interface TestContext {
  /**
   * The app, with every response checked against the OpenAPI description (see openapi-check.ts), sending the
   * context's admin key (`Authorization: Bearer <adminKey>`) unless a request sets its own Authorization header.
   */
  app: RequestListener;
  /** The same app sending no key of its own: for tests of access control. */
  rawApp: RequestListener;
  /** An admin key stored under the context's prefix. */
  adminKey: string;
  access: Access;
  /** Responses that disagreed with the description; `close()` fails on any. */
  violations: string[];
  config: Config;
  redis: RedisClient;
  store: TmStore;
  tm: TranslationMemory;
  keys: Keys;
  close(): Promise<void>;
}

/** Runs `scripts/NAME.ts` as `npm run` would, against the test Redis (or cluster) under `prefix`; output as text. */
export function runScript(script: string, prefix: string, ...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], {
    cwd: path.resolve(__dirname, '../..'),
    encoding: 'utf8',
    env: {
      ...process.env,
      REDIS_URL: testRedisUrl(),
      REDIS_CLUSTER_NODES: testClusterNodes().join(','),
      MIZAN_KEY_PREFIX: prefix,
    },
  });
}

export function testRedisUrl(): string {
  const url = process.env.MIZAN_TEST_REDIS_URL;
  if (!url)
    throw new Error('MIZAN_TEST_REDIS_URL is not set: run integration tests through jest (global setup starts Redis)');
  return url;
}

/** The private Redis Cluster's masters when the suite runs on one (MIZAN_TEST_REDIS=cluster), else none. */
export function testClusterNodes(): string[] {
  return (process.env.MIZAN_TEST_CLUSTER_NODES ?? '').split(',').filter(Boolean);
}

/** A client for the suite's Redis (standalone or cluster), connected. */
export async function testRedis(options: { redisTimeoutMs?: number } = {}): Promise<RedisClient> {
  const config = { redisUrl: testRedisUrl(), redisClusterNodes: testClusterNodes(), redisTimeoutMs: 1000, ...options };
  const redis = createRedis(config, silentLogger);
  await connectRedis(redis, 5000);
  return redis;
}

/** Every key under the prefix (SCAN on each master of a cluster). */
export async function keysUnder(redis: RedisClient, keys: Keys): Promise<string[]> {
  const all: string[] = [];
  for (const node of isCluster(redis) ? redis.nodes('master') : [redis]) {
    let cursor = '0';
    do {
      const [next, found] = await node.scan(cursor, 'MATCH', keys.everything(), 'COUNT', 1000);
      cursor = next;
      all.push(...found);
    } while (cursor !== '0');
  }
  return all;
}

/** Deletes every key under the prefix: SCAN runs on each master of a cluster, UNLINK goes key by key there. */
export async function deleteByPrefix(redis: RedisClient, keys: Keys): Promise<void> {
  const found = await keysUnder(redis, keys);
  // A cluster refuses one UNLINK across slots; a standalone Redis takes them in batches.
  if (isCluster(redis)) await Promise.all(found.map((key) => redis.unlink(key)));
  else for (let i = 0; i < found.length; i += 1000) await redis.unlink(...found.slice(i, i + 1000));
}

/** The listener with `Authorization: Bearer <key>` on every request that carries no Authorization of its own. */
export function withKey(app: RequestListener, key: string): RequestListener {
  return (req: IncomingMessage, res) => {
    if (req.headers.authorization === undefined) req.headers.authorization = `Bearer ${key}`;
    app(req, res);
  };
}

export interface ContextOptions {
  seed?: boolean;
  redisUrl?: string;
  prefix?: string;
  freshness?: 'notify' | 'strict';
  /** Configuration beside the context's own (rate limits are off unless given here). */
  config?: Partial<Config>;
  /** Receives what the store, the service and the app log (silence by default). */
  logger?: Logger;
}

export async function createTestContext(options: ContextOptions = {}): Promise<TestContext> {
  const logger = options.logger ?? silentLogger;
  const prefix = options.prefix ?? `mizan-test:${randomUUID().slice(0, 8)}:`;
  const config = loadConfig(
    {},
    {
      keyPrefix: prefix,
      redisUrl: options.redisUrl ?? testRedisUrl(),
      redisClusterNodes: options.redisUrl ? [] : testClusterNodes(),
      redisTimeoutMs: 1000,
      retryAfterSeconds: 3,
      rateReadPerMin: 0,
      rateWritePerMin: 0,
      ...options.config,
    },
  );
  const redis = createRedis(config, logger);
  await connectRedis(redis, 5000);
  const keys = new Keys(prefix);
  await checkSchema(redis, keys, silentLogger); // as the server does before anything else
  const store = new TmStore(redis, keys);
  if (options.seed !== false) await loadSeed(TM_DIR, store, silentLogger);
  const access = new Access(store);
  const adminKey = (await access.create('admin', 'test context')).key;
  const tm = new TranslationMemory(store, logger, config.defaultTm, options.freshness ?? 'notify');
  const app = createApp({ tm, translator: await createTranslator(), config, logger, version: 'test' });
  const violations: string[] = [];
  const rawApp = checkedApp(app, violations);
  return {
    app: withKey(rawApp, adminKey),
    rawApp,
    adminKey,
    access,
    violations,
    config,
    redis,
    store,
    tm,
    keys,
    async close() {
      await tm.close();
      if (redis.status === 'ready') await deleteByPrefix(redis, keys);
      redis.disconnect();
      if (violations.length > 0)
        throw new Error(`responses that disagree with /openapi.json:\n${[...new Set(violations)].join('\n')}`);
    },
  };
}

/**
 * A second mizan instance on the context's Redis and key prefix: its own TranslationMemory (index, mirrors) and app
 * (sending the context's admin key as `ctx.app` does).
 */
export interface OtherInstance {
  app: RequestListener;
  tm: TranslationMemory;
}

export async function otherInstance(ctx: TestContext, freshness: 'notify' | 'strict'): Promise<OtherInstance> {
  const tm = new TranslationMemory(ctx.store, silentLogger, ctx.config.defaultTm, freshness);
  const app = createApp({
    tm,
    translator: await createTranslator(),
    config: ctx.config,
    logger: silentLogger,
    version: 'test',
  });
  return { app: withKey(app, ctx.adminKey), tm };
}
