/**
 * The embedded default: when no Redis answers at REDIS_URL on this machine and `redis-server` is on PATH, start a
 * private one with AOF persistence under the data folder, so `npm start` works with nothing else running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import type { Logger } from '../config';

export interface EmbeddedRedis {
  readonly port: number;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

/** Absolute path of an executable on PATH, if any. */
export function findOnPath(command: string, envPath = process.env.PATH ?? ''): string | undefined {
  for (const dir of envPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, command);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Only a Redis URL on this machine can be replaced by one we start ourselves. */
export function isLocalRedisUrl(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  return ['127.0.0.1', 'localhost', '::1'].includes(host);
}

async function answers(port: number): Promise<boolean> {
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
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    // A refused connection has already ended: disconnecting it again would leave a 2 s timer holding the process.
    if (client.status !== 'end') client.disconnect();
  }
}

export interface EmbeddedRedisOptions {
  binary: string;
  port: number;
  dataDir: string;
  /** Turn AOF persistence off (tests). @default true */
  appendOnly?: boolean;
  logger: Logger;
  /** How long to wait for it to answer. @default 10000 */
  startTimeoutMs?: number;
}

export async function startEmbeddedRedis(options: EmbeddedRedisOptions): Promise<EmbeddedRedis> {
  const { binary, port, dataDir, logger } = options;
  fs.mkdirSync(dataDir, { recursive: true });
  const logFile = path.join(dataDir, 'redis-server.log');
  const child = spawn(
    binary,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dataDir,
      '--appendonly',
      options.appendOnly === false ? 'no' : 'yes',
      '--appendfsync',
      'everysec',
      '--save',
      '',
      '--daemonize',
      'no',
      '--logfile',
      logFile,
    ],
    { stdio: 'ignore' },
  );
  let exited: number | null | undefined;
  child.on('exit', (code) => {
    exited = code;
  });
  const deadline = Date.now() + (options.startTimeoutMs ?? 10_000);
  while (!(await answers(port))) {
    if (exited !== undefined || Date.now() > deadline) {
      child.kill('SIGKILL');
      const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').slice(-5).join('\n') : '';
      throw new Error(`redis-server did not start on port ${port} (exit ${exited ?? 'timeout'}); ${logFile}:\n${tail}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  logger.info(
    `started a private redis-server (${binary}) on 127.0.0.1:${port}, data in ${dataDir}, AOF ${options.appendOnly === false ? 'off' : 'on'}`,
  );
  return {
    port,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited !== undefined) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM'); // redis-server flushes the AOF and exits on SIGTERM
      }),
  };
}
