/**
 * Private redis-server instances for integration tests: a free port, no persistence, a temp folder. Tests never
 * touch the Redis on 6379 that developers and CI machines run.
 */
import fs from 'node:fs';
import { freePort } from '../../scripts/lib/free-port';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../src/config';
import { findOnPath, startEmbeddedRedis, type EmbeddedRedis } from '../../src/store/embedded-redis';

export function redisServerBinary(): string {
  const binary = findOnPath('redis-server');
  if (!binary) {
    throw new Error(
      'integration tests start their own redis-server, and none is on PATH: ' +
        'apt-get install redis-server (or brew install redis)',
    );
  }
  return binary;
}

export { freePort };

export interface PrivateRedis {
  url: string;
  port: number;
  dataDir: string;
  server: EmbeddedRedis;
}

/**
 * Starts a throw-away redis-server; `port` reuses a port (to restart one that a test stopped), `appendOnly` keeps its
 * data across such a restart (with `dataDir`).
 */
export async function startPrivateRedis(port?: number, dataDir?: string, appendOnly = false): Promise<PrivateRedis> {
  const p = port ?? (await freePort());
  const dir = dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'mizan-test-redis-'));
  const server = await startEmbeddedRedis({
    binary: redisServerBinary(),
    port: p,
    dataDir: dir,
    appendOnly,
    ...(appendOnly && { fsync: 'always' as const }),
    logger: silentLogger,
  });
  return { url: `redis://127.0.0.1:${p}`, port: p, dataDir: dir, server };
}
