/**
 * Who owns the private redis-server of a data folder: `<dataDir>/mizan-redis.json` records its pid and port and the
 * pid of the mizan process that started it. The watchdog (embedded-redis.ts) stops the server when its owner dies,
 * even by SIGKILL; if the watchdog itself was killed too, the server outlives its owner, and the next mizan to start
 * on the same folder finds the record, sees the owner gone, and stops that orphan before anything else (rather than
 * adopting it: a server it starts itself has the configuration it expects and a watchdog of its own).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import type { Logger } from '../config';

export const OWNER_FILE = 'mizan-redis.json';

export interface OwnerRecord {
  redisPid: number;
  port: number;
  /** The mizan process that started it. */
  ownerPid: number;
  /** ISO time it was started. */
  started: string;
}

/**
 * True while a process with this pid runs (one we may not signal counts: it exists). A zombie, which has exited but
 * was not reaped yet (in a container whose pid 1 does not reap), counts as gone where /proc tells.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    return !/^\d+ \(.*\) Z/s.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true; // no /proc (macOS): kill(0) is the answer
  }
}

/** Sends a signal to a process that may have exited already. */
export function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
}

/** Waits until the process is gone; false if it is still there after `ms`. */
export async function waitGone(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

/** The pid of the Redis answering on this local port (INFO server), or undefined when none answers. */
export async function redisPidAt(port: number): Promise<number | undefined> {
  const client = new Redis({
    port,
    host: '127.0.0.1',
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    const pid = /^process_id:(\d+)/m.exec(await client.info('server'))?.[1];
    return pid === undefined ? undefined : Number(pid);
  } catch {
    return undefined;
  } finally {
    // A refused connection has already ended: disconnecting it again would leave a 2 s timer holding the process.
    if (client.status !== 'end') client.disconnect();
  }
}

export function readOwner(dataDir: string): OwnerRecord | undefined {
  try {
    const record = JSON.parse(fs.readFileSync(path.join(dataDir, OWNER_FILE), 'utf8')) as OwnerRecord;
    const valid = [record.redisPid, record.port, record.ownerPid].every((n) => Number.isSafeInteger(n) && n > 0);
    return valid ? record : undefined;
  } catch {
    return undefined;
  }
}

export function writeOwner(dataDir: string, record: OwnerRecord): void {
  fs.writeFileSync(path.join(dataDir, OWNER_FILE), JSON.stringify(record) + '\n');
}

/** Removes the record if it still names this redis-server. */
export function releaseOwner(dataDir: string, redisPid: number): void {
  if (readOwner(dataDir)?.redisPid === redisPid) fs.rmSync(path.join(dataDir, OWNER_FILE), { force: true });
}

/**
 * Stops the private redis-server recorded in the data folder if the mizan that started it is gone (SIGTERM, which
 * flushes the AOF; SIGKILL if it has not exited within `timeoutMs`), and forgets a record naming nothing alive. A
 * process is stopped only if it is the Redis answering on the recorded port with the recorded pid, so a reused pid
 * is never signalled. Returns the record of a live owner, whose server is left alone.
 */
export async function reclaimOrphan(dataDir: string, logger: Logger, timeoutMs = 10_000): Promise<OwnerRecord | void> {
  const record = readOwner(dataDir);
  if (!record) return;
  const { redisPid, port, ownerPid } = record;
  if (isAlive(ownerPid)) {
    if (isAlive(redisPid)) return record;
  } else if (isAlive(redisPid) && (await redisPidAt(port)) === redisPid) {
    logger.warn(`the private redis-server (pid ${redisPid}, port ${port}) outlived mizan pid ${ownerPid}; stopping it`);
    signal(redisPid, 'SIGTERM');
    if (!(await waitGone(redisPid, timeoutMs))) {
      signal(redisPid, 'SIGKILL');
      await waitGone(redisPid, timeoutMs);
    }
  }
  fs.rmSync(path.join(dataDir, OWNER_FILE), { force: true });
}
