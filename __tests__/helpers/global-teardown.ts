import fs from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  await globalThis.__MIZAN_TEST_CLUSTER__?.stop();
  const redis = globalThis.__MIZAN_TEST_REDIS__;
  if (!redis) return;
  await redis.server.stop();
  fs.rmSync(redis.dataDir, { recursive: true, force: true });
}
