/** The real entry point (src/server.ts) as a child process, for tests of starting and stopping mizan. */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { START_ENV, START_NODE_FLAGS } from '../../src/config';

const ROOT = path.resolve(__dirname, '../..');

export interface ServerRun {
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr; its JSON log lines as `level message` (see `readable`). */
  output: () => string;
  /** Its exit code (null when a signal ended it). */
  exited: Promise<number | null>;
}

/** The admin key every server started here has (MIZAN_ADMIN_KEY): send it as `Authorization: Bearer …` to write. */
export const TEST_ADMIN_KEY = 'mzn_k0123456789abcdef_' + 'T'.repeat(43);

/**
 * Starts `node --import tsx src/server.ts [args]` as `npm start` starts mizan (config/start-settings.ts), with only
 * PATH, HOME, MIZAN_ADMIN_KEY (TEST_ADMIN_KEY), the start settings' variables and these in its environment.
 */
export function startServer(env: Record<string, string>, args: string[] = []): ServerRun {
  const child = spawn(process.execPath, [...START_NODE_FLAGS, '--import', 'tsx', 'src/server.ts', ...args], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      LOG_LEVEL: 'info',
      MIZAN_ADMIN_KEY: TEST_ADMIN_KEY,
      ...START_ENV,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => readable(output), exited };
}

/**
 * Ends a child process that is still running (SIGKILL) and waits until it has exited; at once when it has already.
 * For cleanups that must leave nothing running whatever a test's outcome (a start that timed out, a failed check).
 */
export async function ended(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exit = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exit;
}

/** Log output as a reader sees it: each JSON log line (pino) as `level message`, other lines as they are. */
export function readable(output: string): string {
  return output
    .split('\n')
    .map((line) => {
      if (!line.startsWith('{')) return line;
      try {
        const { level, msg } = JSON.parse(line) as { level?: string; msg?: string };
        return msg === undefined ? line : `${level ?? ''} ${msg}`;
      } catch {
        return line;
      }
    })
    .join('\n');
}

/** Polls `check` every 100 ms until it holds (true) or `ms` have passed (false). */
export async function waitFor(check: () => Promise<boolean> | boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await Promise.resolve(check()).catch(() => false)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** True when something accepts connections on the local port. */
export function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.on('connect', () => (socket.destroy(), resolve(true)));
    socket.on('error', () => resolve(false));
  });
}
