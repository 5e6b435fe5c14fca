/**
 * A redis-server of a bench's own (no persistence, a temp folder) and a client on it, for benches that measure what
 * Redis itself does (SLOWLOG, the loop while scripts run) without touching the machine's Redis.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../src/config';
import { connectRedis, createRedis, type RedisClient } from '../src/store';
import { findOnPath, startEmbeddedRedis } from '../src/store/embedded-redis';
import { freePort } from '../__tests__/helpers/redis-server';

export interface PrivateRedis {
  redis: RedisClient;
  /** Disconnects, stops the server and removes its folder. */
  stop(): Promise<void>;
}

/** Starts it; `bench` names the bench in the error when no redis-server is installed and in the folder's name. */
export async function startPrivateRedis(bench: string): Promise<PrivateRedis> {
  const binary = findOnPath('redis-server');
  if (!binary) throw new Error(`${bench} starts its own redis-server: none is on PATH`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `mizan-${bench.replace(/\W/g, '-')}-`));
  const server = await startEmbeddedRedis({
    binary,
    port: await freePort(),
    dataDir,
    appendOnly: false,
    logger: silentLogger,
  });
  const redis = createRedis(
    { redisUrl: `redis://127.0.0.1:${server.port}`, redisClusterNodes: [], redisTimeoutMs: 60_000 },
    silentLogger,
  );
  const stop = async () => {
    redis.disconnect();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await connectRedis(redis, 5000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { redis, stop };
}
