/**
 * A real mizan for one integration test file: real Redis (the private test server), a unique key prefix, its schema
 * version checked, the seed loaded from tm/, the Express app from createApp. `close()` deletes every key under the
 * prefix.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { RequestListener } from 'node:http';
import type { Redis } from 'ioredis';
import { loadConfig, silentLogger, type Config } from '../../src/config';
import { createApp } from '../../src/http/app';
import { checkedApp } from './openapi-check';
import { createTranslator } from '../../src/i18n';
import { loadSeed, TranslationMemory } from '../../src/service';
import { checkSchema, connectRedis, createRedis, Keys, TmStore } from '../../src/store';

export const TM_DIR = path.resolve(__dirname, '../../tm');

export interface TestContext {
  /** The app, with every response checked against the OpenAPI description (see openapi-check.ts). */
  app: RequestListener;
  /** Responses that disagreed with the description; `close()` fails on any. */
  violations: string[];
  config: Config;
  redis: Redis;
  store: TmStore;
  tm: TranslationMemory;
  keys: Keys;
  close(): Promise<void>;
}

export function testRedisUrl(): string {
  const url = process.env.MIZAN_TEST_REDIS_URL;
  if (!url)
    throw new Error('MIZAN_TEST_REDIS_URL is not set: run integration tests through jest (global setup starts Redis)');
  return url;
}

export async function deleteByPrefix(redis: Redis, keys: Keys): Promise<void> {
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', keys.everything(), 'COUNT', 1000);
    cursor = next;
    if (found.length > 0) await redis.unlink(...found);
  } while (cursor !== '0');
}

export async function createTestContext(
  options: { seed?: boolean; redisUrl?: string; prefix?: string; freshness?: 'notify' | 'strict' } = {},
): Promise<TestContext> {
  const prefix = options.prefix ?? `mizan-test:${randomUUID().slice(0, 8)}:`;
  const config = loadConfig(
    {},
    { keyPrefix: prefix, redisUrl: options.redisUrl ?? testRedisUrl(), redisTimeoutMs: 1000, retryAfterSeconds: 3 },
  );
  const redis = createRedis(config, silentLogger);
  await connectRedis(redis, 5000);
  const keys = new Keys(prefix);
  await checkSchema(redis, keys, silentLogger); // as the server does before anything else
  const store = new TmStore(redis, keys);
  if (options.seed !== false) await loadSeed(TM_DIR, store, silentLogger);
  const tm = new TranslationMemory(store, silentLogger, config.defaultTm, options.freshness ?? 'notify');
  const app = createApp({ tm, translator: await createTranslator(), config, logger: silentLogger, version: 'test' });
  const violations: string[] = [];
  return {
    app: checkedApp(app, violations),
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
