/**
 * The embedded default: when no Redis answers at REDIS_URL on this machine and `redis-server` is on PATH, start a
 * private one with AOF persistence under the data folder, so `npm start` works with nothing else running. Its life
 * is tied to the process that started it: a watchdog stops it when that process ends in any way, and an ownership
 * record in the data folder lets the next start stop one that outlived its owner anyway (redis-owner.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../config';
import { reclaimOrphan, redisPidAt, releaseOwner, signal, waitGone, writeOwner } from './redis-owner';

export interface EmbeddedRedis {
  readonly port: number;
  /** redis-server's own pid (`process` is its watchdog). */
  readonly pid: number;
  readonly process: ChildProcess;
  /** Stops it (SIGTERM: the AOF is flushed) and waits until it is gone. */
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

export interface EmbeddedRedisOptions {
  binary: string;
  port: number;
  dataDir: string;
  /** Turn AOF persistence off (tests). @default true */
  appendOnly?: boolean;
  /** When the AOF is fsynced: every second, or before each write is acknowledged. @default "everysec" */
  fsync?: 'everysec' | 'always';
  logger: Logger;
  /** How long to wait for it to answer. @default 10000 */
  startTimeoutMs?: number;
  /** More redis-server options, e.g. `--cluster-enabled yes` (tests). */
  extraArgs?: string[];
}

/**
 * Runs redis-server under a watchdog shell: the shell's stdin is a pipe from this process, and a reader on it sends
 * redis-server SIGTERM as soon as the pipe closes. A pipe closes when its writer ends, however it ends (SIGKILL
 * included), so the server stops with its owner; closing the pipe is also how `stop()` asks for it. The shell prints
 * the server's pid, then exits with the server. $0 names the shell in `ps`; $1.. is the command.
 */
const WATCHDOG = `exec 3<&0
"$@" </dev/null >/dev/null 2>&1 3<&- &
server=$!
echo "$server"
exec 1>/dev/null
(read -r _ <&3; kill -TERM "$server" 2>/dev/null) &
reader=$!
exec 3<&-
wait "$server"
status=$?
kill "$reader" 2>/dev/null
exit "$status"`;

/** The first line a stream prints, or '' if it ends first. */
function firstLine(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    const done = () => resolve(text.split('\n')[0]!.trim());
    stream.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) done();
    });
    stream.on('end', done);
    stream.on('error', done);
  });
}

function redisArgs(options: EmbeddedRedisOptions, logFile: string): string[] {
  const { port, dataDir } = options;
  return [
    ...['--port', String(port), '--bind', '127.0.0.1', '--dir', dataDir],
    ...['--appendonly', options.appendOnly === false ? 'no' : 'yes', '--appendfsync', options.fsync ?? 'everysec'],
    ...['--save', ''],
    ...['--daemonize', 'no', '--logfile', logFile],
    ...(options.extraArgs ?? []),
  ];
}

function logTail(logFile: string): string {
  return fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').slice(-5).join('\n') : '';
}

/**
 * Starts a private redis-server and waits until it answers. Its ownership is recorded in the data folder (see
 * redis-owner.ts): a server left there by a mizan that died is stopped first; one whose owner is alive makes this
 * fail, as two servers on one folder would share its AOF.
 */
export async function startEmbeddedRedis(options: EmbeddedRedisOptions): Promise<EmbeddedRedis> {
  const { binary, port, dataDir, logger } = options;
  fs.mkdirSync(dataDir, { recursive: true });
  const holder = await reclaimOrphan(dataDir, logger);
  if (holder)
    throw new Error(
      `${dataDir} is in use by the private redis-server of mizan pid ${holder.ownerPid} (port ${holder.port})`,
    );
  const logFile = path.join(dataDir, 'redis-server.log');
  const shell = fs.existsSync('/bin/sh') ? '/bin/sh' : undefined;
  const child = shell
    ? spawn(shell, ['-c', WATCHDOG, 'mizan-redis-watchdog', binary, ...redisArgs(options, logFile)], {
        stdio: ['pipe', 'pipe', 'ignore'],
      })
    : spawn(binary, redisArgs(options, logFile), { stdio: 'ignore' }); // no watchdog: the owner record still helps
  child.stdin?.on('error', () => {}); // the watchdog may be gone already when the pipe is closed
  let exited: number | null | undefined;
  child.on('exit', (code) => {
    exited = code;
  });
  const pid = shell ? Number(await firstLine(child.stdout!)) : child.pid;
  // Up when the Redis answering on the port is this one (not another that held the port, which makes it exit).
  const deadline = Date.now() + (options.startTimeoutMs ?? 10_000);
  while (!pid || (await redisPidAt(port)) !== pid) {
    if (!pid || exited !== undefined || Date.now() > deadline) {
      child.stdin?.end();
      child.kill('SIGKILL');
      if (pid) signal(pid, 'SIGKILL');
      throw new Error(
        `redis-server did not start on port ${port} (exit ${exited ?? 'timeout'}); ${logFile}:\n${logTail(logFile)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  writeOwner(dataDir, { redisPid: pid, port, ownerPid: process.pid, started: new Date().toISOString() });
  logger.info(
    `started a private redis-server (${binary}, pid ${pid}) on 127.0.0.1:${port}, data in ${dataDir}, ` +
      `AOF ${options.appendOnly === false ? 'off' : `on (appendfsync ${options.fsync ?? 'everysec'})`}` +
      `${shell ? '' : ', without a watchdog (no /bin/sh)'}`,
  );
  return {
    port,
    pid,
    process: child,
    async stop() {
      const done = exited === undefined ? new Promise((resolve) => child.once('exit', resolve)) : undefined;
      // Closing the pipe makes the watchdog send SIGTERM: redis-server flushes the AOF and exits, then the watchdog.
      if (shell) child.stdin!.end();
      else child.kill('SIGTERM');
      await done;
      if (!(await waitGone(pid, 10_000))) signal(pid, 'SIGKILL');
      releaseOwner(dataDir, pid);
    },
  };
}
