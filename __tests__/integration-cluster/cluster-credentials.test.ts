/**
 * mizan against a Redis Cluster that asks for a password (a private 3-master cluster of its own, `requirepass` set on
 * every master), given as REDIS_CLUSTER_NODES takes it (`redis://:password@host:port`): every master, those
 * discovered too, takes it; the password never shows; a wrong or missing one stops the start with one line naming
 * the refusal, exit code 2, as on a standalone Redis (redis-credentials.test.ts). Runs only on the cluster pass.
 */
import { randomBytes } from 'node:crypto';
import { loadConfig, silentLogger } from '../../src/config';
import { connectRedis, createRedis } from '../../src/store';
import type { Cluster } from 'ioredis';
import { nodeCommand, startPrivateCluster, type PrivateCluster } from '../helpers/redis-cluster';
import { freePort } from '../helpers/redis-server';
import { startServer, waitFor, type ServerRun } from '../helpers/server-process';

const PASSWORD = `pw-${randomBytes(8).toString('hex')}`;
let cluster: PrivateCluster;

beforeAll(async () => {
  cluster = await startPrivateCluster();
  for (const port of cluster.ports) await nodeCommand(port, 'CONFIG', 'SET', 'requirepass', PASSWORD);
}, 60_000);
afterAll(async () => {
  await cluster?.stop();
});

/** REDIS_CLUSTER_NODES naming every master, the first with `auth` (`:pw@` or nothing), the others plain. */
function nodesWith(auth: string): string {
  const [first, ...others] = cluster.ports.map((port) => `127.0.0.1:${port}`);
  return [auth ? `redis://${auth}${first}` : first!, ...others].join(',');
}

function start(auth: string, httpPort: number): ServerRun {
  return startServer({
    PORT: String(httpPort),
    HOST: '127.0.0.1',
    REDIS_CLUSTER_NODES: nodesWith(auth),
    MIZAN_KEY_PREFIX: 'cluster-credentials:',
  });
}

/** What a refused start printed: one line, no stack, no password. */
function expectOneLineRefusal(output: string): void {
  const lines = output.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^mizan: cannot start: the Redis Cluster at /);
  expect(output).not.toMatch(/\n\s+at /);
  expect(output).not.toContain(PASSWORD);
  expect(output).not.toContain('wrong-secret');
}

describe('a Redis Cluster that asks for a password', () => {
  it('takes the password of one redis:// entry on every master, those discovered too', async () => {
    const config = loadConfig({ REDIS_CLUSTER_NODES: nodesWith(`:${PASSWORD}@`), MIZAN_REDIS_TIMEOUT_MS: '5000' });
    const redis = createRedis(config, silentLogger) as Cluster;
    try {
      await connectRedis(redis, 10_000);
      // Keys under many hash tags: their slots are spread over the three masters.
      for (let i = 0; i < 60; i++) await redis.set(`cluster-credentials:{k${i}}`, String(i));
      const masters = redis.nodes('master');
      expect(masters).toHaveLength(3);
      const sizes = await Promise.all(masters.map((node) => node.dbsize()));
      expect(sizes.every((size) => size > 0)).toBe(true);
      for (let i = 0; i < 60; i++) await redis.del(`cluster-credentials:{k${i}}`);
    } finally {
      redis.disconnect();
    }
  }, 30_000);

  it('refuses a wrong password in one line naming the refusal, exit code 2', async () => {
    const run = start(':wrong-secret@', await freePort());
    expect(await run.exited).toBe(2);
    expectOneLineRefusal(run.output());
    expect(run.output()).toContain(`the Redis Cluster at redis://:***@127.0.0.1:${cluster.ports[0]}`);
    expect(run.output()).toContain('refused the credentials given (WRONGPASS');
  }, 30_000);

  it('refuses a missing password in one line saying that the cluster asks for one, exit code 2', async () => {
    const run = start('', await freePort());
    expect(await run.exited).toBe(2);
    expectOneLineRefusal(run.output());
    expect(run.output()).toContain('asks for a password, and none was given (NOAUTH)');
    expect(run.output()).toContain('give it in REDIS_CLUSTER_NODES: redis://:password@host:port');
  }, 30_000);

  it('starts with the right one, never showing it, and stops on SIGTERM', async () => {
    const httpPort = await freePort();
    const run = start(`:${PASSWORD}@`, httpPort);
    try {
      // Loading the word lists takes seconds, many more on a loaded machine (two cores shared with other suites).
      const up = await waitFor(async () => (await fetch(`http://127.0.0.1:${httpPort}/readyz`)).ok, 60_000);
      expect(up).toBe(true);
      expect(run.output()).toContain(`using the Redis Cluster at redis://:***@127.0.0.1:${cluster.ports[0]}`);
      expect(run.output()).toContain('seed: 1 document(s), 17 units in TM "main"');
    } finally {
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
    }
    expect(run.output()).not.toContain(PASSWORD);
  }, 90_000);
});
