/**
 * The real entry point (src/server.ts) as a child process: the embedded-Redis default, the message when there is no
 * Redis at all, and configuration errors.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../helpers/redis-server';

const ROOT = path.resolve(__dirname, '../..');

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startServer(env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitFor(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

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
    const redisState = await new Promise((resolve) => {
      const socket = net.connect(redisPort, '127.0.0.1');
      socket.on('connect', () => (socket.destroy(), resolve('up')));
      socket.on('error', () => resolve('down'));
    });
    expect(redisState).toBe('down');
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
});
