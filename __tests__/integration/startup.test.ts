/**
 * The real entry point (src/server.ts) as a child process: the embedded-Redis default, the message when there is no
 * Redis at all, configuration errors, and data of a schema version it does not know.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../src/config';
import { connectRedis, createRedis, Keys, SCHEMA_VERSION } from '../../src/store';
import { deleteByPrefix, testRedisUrl } from '../helpers/context';
import { freePort } from '../helpers/redis-server';
import { listening, startServer, waitFor } from '../helpers/server-process';

describe('starting mizan', () => {
  it('starts a private redis-server with AOF when none answers, loads the seed, and stops it on SIGTERM', async () => {
    const [httpPort, redisPort] = [await freePort(), await freePort()];
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mizan-start-'));
    const run = startServer({
      PORT: String(httpPort),
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      MIZAN_DATA_DIR: dataDir,
    });
    try {
      const ready = await waitFor(async () => (await fetch(`http://127.0.0.1:${httpPort}/readyz`)).ok, 20_000);
      expect(run.output()).toContain(`started a private redis-server`);
      expect(ready).toBe(true);
      expect(run.output()).toMatch(/AOF on/);
      expect(run.output()).toContain('seed: 1 document(s), 17 units in TM "main"');
      const docs = (await (await fetch(`http://127.0.0.1:${httpPort}/api/v1/documents`)).json()) as {
        documents: { segments: number }[];
      };
      expect(docs.documents[0]!.segments).toBe(17);
      expect(fs.readdirSync(dataDir).some((f) => f.startsWith('appendonly') || f === 'appendonlydir')).toBe(true);
    } finally {
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    // The private Redis went down with the service.
    expect(await listening(redisPort)).toBe(false);
  }, 40_000);

  it('exits non-zero, saying how to get Redis, when none answers and redis-server is not on PATH', async () => {
    const run = startServer({
      PORT: String(await freePort()),
      REDIS_URL: `redis://127.0.0.1:${await freePort()}`,
      PATH: '/nonexistent',
    });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('no Redis answers at');
    expect(run.output()).toContain('apt-get install redis-server');
  }, 20_000);

  it('refuses to start with invalid configuration, listing every problem, exit code 2', async () => {
    const run = startServer({ PORT: 'eighty', LOG_LEVEL: 'loud' });
    expect(await run.exited).toBe(2);
    expect(run.output()).toContain('PORT must be an integer');
    expect(run.output()).toContain('LOG_LEVEL must be');
  }, 20_000);

  it('refuses to start on data of a newer schema version, saying so, exit code 2', async () => {
    const keys = new Keys(`mizan-test:${randomUUID().slice(0, 8)}:`);
    const redis = createRedis({ redisUrl: testRedisUrl(), redisTimeoutMs: 1000 }, silentLogger);
    await connectRedis(redis, 5000);
    try {
      await redis.set(keys.schema(), SCHEMA_VERSION + 1);
      const run = startServer({
        PORT: String(await freePort()),
        REDIS_URL: testRedisUrl(),
        MIZAN_KEY_PREFIX: keys.prefix,
        MIZAN_EMBEDDED_REDIS: '0',
      });
      expect(await run.exited).toBe(2);
      expect(run.output()).toContain(`is schema version ${SCHEMA_VERSION + 1}, newer than this mizan's`);
      expect(await redis.exists(keys.tms())).toBe(0); // nothing was written: the seed was not loaded
    } finally {
      await deleteByPrefix(redis, keys);
      redis.disconnect();
    }
  }, 20_000);
});
