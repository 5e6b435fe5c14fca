import fs from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const redis = globalThis.__MIZAN_TEST_REDIS__;
  if (!redis) return;
  await redis.server.stop();
  fs.rmSync(redis.dataDir, { recursive: true, force: true });
}
