/** Starts the redis-server shared by the integration test files (each file uses its own key prefix). */
import { startPrivateRedis, type PrivateRedis } from './redis-server';

declare global {
  var __MIZAN_TEST_REDIS__: PrivateRedis | undefined;
}

export default async function globalSetup(): Promise<void> {
  const redis = await startPrivateRedis();
  globalThis.__MIZAN_TEST_REDIS__ = redis;
  process.env.MIZAN_TEST_REDIS_URL = redis.url;
}
