/**
 * A private Redis Cluster for integration tests and benches: three `--cluster-enabled yes` redis-servers on free
 * ports (each under its watchdog, like every private server: they stop with the process that started them), joined
 * by `redis-cli --cluster create ... --cluster-replicas 0 --cluster-yes`, ready once every node says
 * `cluster_state:ok`. No replicas, no persistence.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { silentLogger } from '../../src/config';
import { findOnPath, startEmbeddedRedis, type EmbeddedRedis } from '../../src/store/embedded-redis';
import { freePort, redisServerBinary } from './redis-server';

const run = promisify(execFile);

export interface PrivateCluster {
  /** `host:port` of every master, comma-separated: the value of REDIS_CLUSTER_NODES. */
  nodes: string;
  ports: number[];
  dataDir: string;
  servers: EmbeddedRedis[];
  stop(): Promise<void>;
}

export function redisCliBinary(): string {
  const binary = findOnPath('redis-cli');
  if (!binary) throw new Error('the cluster tests need redis-cli on PATH (apt-get install redis-tools)');
  return binary;
}

/** Sends one command to one node (a plain connection: no redirections followed). */
export async function nodeCommand(port: number, ...args: (string | number)[]): Promise<unknown> {
  const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0 });
  client.on('error', () => {});
  try {
    await client.connect();
    return await client.call(String(args[0]), ...args.slice(1).map(String));
  } finally {
    client.disconnect();
  }
}

async function clusterOk(ports: number[]): Promise<boolean> {
  for (const port of ports) {
    const info = String(await nodeCommand(port, 'CLUSTER', 'INFO').catch(() => ''));
    if (!/^cluster_state:ok/m.test(info)) return false;
  }
  return true;
}

export async function startPrivateCluster(masters = 3): Promise<PrivateCluster> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mizan-test-cluster-'));
  const servers: EmbeddedRedis[] = [];
  const stop = async () => {
    await Promise.all(servers.map((s) => s.stop()));
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < masters; i++) {
      const dir = path.join(dataDir, `node-${i}`);
      fs.mkdirSync(dir);
      const extraArgs = [
        ...['--cluster-enabled', 'yes', '--cluster-config-file', path.join(dir, 'nodes.conf')],
        ...['--cluster-node-timeout', '5000'],
      ];
      const server = await startEmbeddedRedis({
        binary: redisServerBinary(),
        port: await freePort(),
        dataDir: dir,
        appendOnly: false,
        logger: silentLogger,
        extraArgs,
      });
      servers.push(server);
    }
    const ports = servers.map((s) => s.port);
    const addresses = ports.map((p) => `127.0.0.1:${p}`);
    await run(redisCliBinary(), ['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes']);
    const deadline = Date.now() + 20_000;
    while (!(await clusterOk(ports))) {
      if (Date.now() > deadline) throw new Error(`the test cluster on ${addresses.join(', ')} never became ok`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return { nodes: addresses.join(','), ports, dataDir, servers, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
