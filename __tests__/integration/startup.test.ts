/**
 * The real entry point (src/server.ts) as a child process: the embedded-Redis default, the message when there is no
 * Redis at all, configuration errors, data of a schema version it does not know, and SIGTERM during the start.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../src/config';
import { connectRedis, createRedis, Keys, SCHEMA_VERSION } from '../../src/store';
import { OWNER_FILE } from '../../src/store/redis-owner';
import { deleteByPrefix, testRedisUrl } from '../helpers/context';
import { freePort } from '../helpers/redis-server';
import { ended, listening, startServer, waitFor } from '../helpers/server-process';

const SEED_DIR = path.resolve(__dirname, '../../tm');

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

  it('stops cleanly, exit code 0, on SIGTERM while it waits for Redis to answer', async () => {
    // A "Redis" that accepts the connection and never answers: the start waits in connectRedis.
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const connected = new Promise((resolve) => silent.once('connection', resolve));
    const run = startServer({
      PORT: String(await freePort()),
      REDIS_URL: `redis://127.0.0.1:${(silent.address() as net.AddressInfo).port}`,
      MIZAN_REDIS_TIMEOUT_MS: '60000',
      MIZAN_EMBEDDED_REDIS: '0',
    });
    try {
      await Promise.race([connected, run.exited]);
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
      expect(run.output()).toContain('SIGTERM during start-up: shutting down');
      expect(run.output()).not.toContain('cannot start');
      expect(run.output()).not.toContain('listening on');
    } finally {
      await ended(run.child);
      sockets.forEach((socket) => socket.destroy());
      await new Promise((resolve) => silent.close(resolve));
    }
  }, 30_000);

  it('stops cleanly, exit code 0, on SIGTERM while the seed loads, and stops the private Redis it started', async () => {
    // The seed's TMX file is a FIFO: the start blocks reading it until the test, which sees it opened, writes it.
    const [httpPort, redisPort] = [await freePort(), await freePort()];
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mizan-start-'));
    const tmDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mizan-seed-'));
    const manifest = JSON.parse(fs.readFileSync(path.join(SEED_DIR, 'manifest.json'), 'utf8')) as {
      documents: { file: string }[];
    };
    const tmxName = manifest.documents[0]!.file;
    fs.copyFileSync(path.join(SEED_DIR, 'manifest.json'), path.join(tmDir, 'manifest.json'));
    const fifo = path.join(tmDir, tmxName);
    execFileSync('mkfifo', [fifo]);
    const run = startServer({
      PORT: String(httpPort),
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      MIZAN_DATA_DIR: dataDir,
      MIZAN_TM_DIR: tmDir,
    });
    try {
      // Opening a FIFO without blocking succeeds once a reader has it open: the start is inside the seed's load.
      let fd: number | undefined;
      const opened = await waitFor(() => {
        try {
          fd = fs.openSync(fifo, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK);
          return true;
        } catch {
          return false; // ENXIO: no reader yet
        }
      }, 30_000);
      expect(opened).toBe(true);
      expect(run.output()).toContain('started a private redis-server');
      run.child.kill('SIGTERM');
      fs.writeSync(fd!, fs.readFileSync(path.join(SEED_DIR, tmxName)));
      fs.closeSync(fd!);
      expect(await run.exited).toBe(0);
      expect(run.output()).toContain('SIGTERM during start-up: shutting down');
      expect(run.output()).not.toContain('cannot start');
      expect(run.output()).not.toContain('listening on');
      // The private Redis it started was stopped, and its ownership record released.
      expect(await listening(redisPort)).toBe(false);
      expect(fs.existsSync(path.join(dataDir, OWNER_FILE))).toBe(false);
    } finally {
      await ended(run.child);
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(tmDir, { recursive: true, force: true });
    }
  }, 60_000);
});
