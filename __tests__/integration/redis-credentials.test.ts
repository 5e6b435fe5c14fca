/**
 * mizan against a Redis that asks for a password (a private redis-server with `requirepass`): the password never shows
 * in its output or /readyz; a wrong or missing one stops the start with one line naming the refusal (exit code 2,
 * no stack, no private Redis started in its place); a password changed while it runs makes /readyz say so.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { startPrivateRedis, freePort, type PrivateRedis } from '../helpers/redis-server';
import { startServer, waitFor, type ServerRun } from '../helpers/server-process';

const PASSWORD = `pw-${randomBytes(8).toString('hex')}`;
let redis: PrivateRedis;
let dataDir: string;

beforeAll(async () => {
  redis = await startPrivateRedis();
  const admin = new Redis(redis.port, '127.0.0.1', { lazyConnect: true });
  await admin.connect();
  await admin.config('SET', 'requirepass', PASSWORD);
  admin.disconnect();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mizan-credentials-'));
});
afterAll(async () => {
  await redis.server.stop();
  fs.rmSync(redis.dataDir, { recursive: true, force: true });
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** mizan on the private Redis with `auth` in its URL (`:pw@`, `user:pw@` or nothing), embedded Redis allowed. */
function start(auth: string, httpPort: number): ServerRun {
  return startServer({
    PORT: String(httpPort),
    REDIS_URL: `redis://${auth}127.0.0.1:${redis.port}`,
    HOST: '127.0.0.1',
    MIZAN_DATA_DIR: dataDir,
    MIZAN_SEED: '0',
    MIZAN_KEY_PREFIX: 'credentials:',
  });
}

/** What a refused start printed: one line, no stack, no password, and no private Redis tried in its place. */
function expectOneLineRefusal(output: string): void {
  const lines = output.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^mizan: cannot start: /);
  expect(output).not.toMatch(/\n\s+at /);
  expect(output).not.toContain(PASSWORD);
  expect(output).not.toContain('wrong-secret');
  expect(output).not.toContain('private');
}

describe('a Redis that asks for a password', () => {
  it('refuses a wrong password in one line naming the refusal, exit code 2', async () => {
    const run = start(':wrong-secret@', await freePort());
    expect(await run.exited).toBe(2);
    expectOneLineRefusal(run.output());
    expect(run.output()).toContain(`Redis at redis://:***@127.0.0.1:${redis.port} refused`);
    expect(run.output()).toContain('WRONGPASS');
  }, 20_000);

  it('refuses a missing password in one line saying that Redis asks for one, exit code 2', async () => {
    const run = start('', await freePort());
    expect(await run.exited).toBe(2);
    expectOneLineRefusal(run.output());
    expect(run.output()).toContain('asks for a password');
    expect(run.output()).toContain('NOAUTH');
  }, 20_000);

  it('starts with the right one, never showing it; /readyz says why when Redis stops taking it', async () => {
    const httpPort = await freePort();
    const run = start(`:${PASSWORD}@`, httpPort);
    const readyz = async () => {
      const response = await fetch(`http://127.0.0.1:${httpPort}/readyz`);
      return { status: response.status, text: await response.text() };
    };
    try {
      // Loading the word lists takes seconds, many more on a loaded machine (two cores shared with other suites).
      const up = await waitFor(async () => (await fetch(`http://127.0.0.1:${httpPort}/healthz`)).ok, 60_000);
      expect(up).toBe(true);
      expect(run.output()).toContain(`using Redis at redis://:***@127.0.0.1:${redis.port}`);
      // The password changes and mizan's connection is dropped: it reconnects with the old one, and is refused.
      const admin = new Redis(redis.port, '127.0.0.1', { password: PASSWORD, lazyConnect: true });
      await admin.connect();
      await admin.config('SET', 'requirepass', `${PASSWORD}-new`);
      await admin.call('CLIENT', 'KILL', 'TYPE', 'normal', 'SKIPME', 'yes');
      admin.disconnect();
      let answer = await readyz();
      await waitFor(async () => (answer = await readyz()).text.includes('redis-auth'), 5000);
      expect(answer.status).toBe(503);
      const body = JSON.parse(answer.text) as { reason: string; detail: string };
      expect(body.reason).toBe('redis-auth');
      expect(body.detail).toContain('WRONGPASS');
      expect(answer.text).not.toContain(PASSWORD);
    } finally {
      run.child.kill('SIGTERM');
      await run.exited;
    }
    expect(run.output()).not.toContain(PASSWORD);
  }, 90_000);
});
