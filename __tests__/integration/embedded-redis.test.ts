/**
 * The private redis-server's life is tied to the mizan that started it: it goes down when mizan is killed outright,
 * and one that outlived its mizan anyway is stopped by the next start on the same data folder.
 *
 * Every process a test starts (mizan, a stand-in orphan redis-server) is ended after it whatever its outcome — a start
 * that timed out, a failed check before the test's own stop — and so is the private Redis the data folder names.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { silentLogger } from '../../src/config';
import { isAlive, OWNER_FILE, readOwner, reclaimOrphan, writeOwner } from '../../src/store/redis-owner';
import { freePort, redisServerBinary } from '../helpers/redis-server';
import { ended, listening, startServer, waitFor } from '../helpers/server-process';

let dataDir: string;
/** The processes the running test started. */
let children: ChildProcess[] = [];
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mizan-embedded-'));
});
afterEach(async () => {
  await Promise.all(children.map(ended));
  children = [];
  // A mizan killed outright leaves its private Redis to its watchdog; should that one linger, it is stopped as the
  // next start would stop it (only the Redis answering on the recorded port with the recorded pid is signalled).
  await reclaimOrphan(dataDir, silentLogger);
  fs.rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

/** mizan with a private Redis on `redisPort`, data in the test's folder, ready to answer. */
async function startReady(httpPort: number, redisPort: number, env: Record<string, string> = {}) {
  const run = startServer({
    PORT: String(httpPort),
    REDIS_URL: `redis://127.0.0.1:${redisPort}`,
    MIZAN_DATA_DIR: dataDir,
    MIZAN_SEED: '0',
    ...env,
  });
  children.push(run.child);
  const up = await waitFor(async () => (await fetch(`http://127.0.0.1:${httpPort}/healthz`)).ok, 20_000);
  if (!up) throw new Error(`mizan did not start:\n${run.output()}`);
  return run;
}

/** appendonly and appendfsync of the Redis on `port`, as CONFIG GET reads them. */
async function persistence(port: number): Promise<string[]> {
  const redis = new Redis(port, '127.0.0.1', { lazyConnect: true });
  try {
    await redis.connect();
    const [, appendonly] = (await redis.config('GET', 'appendonly')) as string[];
    const [, appendfsync] = (await redis.config('GET', 'appendfsync')) as string[];
    return [appendonly!, appendfsync!];
  } finally {
    redis.disconnect();
  }
}

describe('the private redis-server', () => {
  it('keeps an AOF fsynced before each write is acknowledged with MIZAN_REDIS_FSYNC=always', async () => {
    const redisPort = await freePort();
    const run = await startReady(await freePort(), redisPort, { MIZAN_REDIS_FSYNC: 'always' });
    try {
      expect(await persistence(redisPort)).toEqual(['yes', 'always']);
      expect(run.output()).toContain('AOF on (appendfsync always)');
    } finally {
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
    }
  }, 60_000);

  it('goes down when the mizan that started it is killed with SIGKILL', async () => {
    const redisPort = await freePort();
    const run = await startReady(await freePort(), redisPort);
    const owner = readOwner(dataDir)!;
    expect(owner).toMatchObject({ ownerPid: run.child.pid, port: redisPort });
    expect(isAlive(owner.redisPid)).toBe(true);
    expect(await persistence(redisPort)).toEqual(['yes', 'everysec']);

    run.child.kill('SIGKILL');
    expect(await run.exited).toBeNull();
    expect(await waitFor(() => !isAlive(owner.redisPid), 10_000)).toBe(true);
    expect(await listening(redisPort)).toBe(false);
  }, 60_000);

  it('is stopped at the next start when it outlived its mizan, and replaced by one the new mizan owns', async () => {
    const redisPort = await freePort();
    // An orphan: a redis-server on the data folder, recorded as started by a mizan that has exited since.
    const orphan = spawn(redisServerBinary(), ['--port', String(redisPort), '--dir', dataDir, '--save', ''], {
      stdio: 'ignore',
    });
    children.push(orphan);
    const orphanExit = new Promise((resolve) => orphan.on('exit', resolve));
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => gone.on('exit', resolve));
    writeOwner(dataDir, { redisPid: orphan.pid!, port: redisPort, ownerPid: gone.pid!, started: '' });
    expect(await waitFor(() => listening(redisPort), 10_000)).toBe(true);

    const run = await startReady(await freePort(), redisPort);
    try {
      expect(run.output()).toContain(`the private redis-server (pid ${orphan.pid}, port ${redisPort}) outlived`);
      await orphanExit;
      expect(readOwner(dataDir)).toMatchObject({ ownerPid: run.child.pid, port: redisPort });
      expect(readOwner(dataDir)!.redisPid).not.toBe(orphan.pid);
    } finally {
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
    }
    expect(fs.existsSync(path.join(dataDir, OWNER_FILE))).toBe(false);
    expect(await listening(redisPort)).toBe(false);
  }, 60_000);
});
