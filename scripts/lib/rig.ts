/**
 * The rig of `npm run load`, `chaos` and `fuzz`: a private redis-server (free port, temp folder, AOF on with
 * `appendfsync everysec`) filled with a generated TM, and mizan (src/server.ts) as a child process on it with the seed
 * loaded, metrics open and an admin key (MIZAN_ADMIN_KEY, used as the write key once API keys exist). Or, with
 * `url`, a mizan already running somewhere (nothing started; writes carry `key` when given).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../src/config';
import { freePort } from './free-port';
import { generateKey, withUnitIds } from '../../src/service';
import { checkSchema, connectRedis, createRedis, Keys, TmStore } from '../../src/store';
import { findOnPath, startEmbeddedRedis, type EmbeddedRedis } from '../../src/store/embedded-redis';

const ROOT = path.resolve(__dirname, '../..');
const ROWS_PER_DOC = 1000;
export const SEED_DOCUMENT = 'ace54e57cd73f9de';

export interface RigOptions {
  /** Generated Arabic sentences to load into TM main (besides the seed). */
  tm: readonly string[];
  /** A running mizan to target instead of starting one. */
  url?: string;
  /** Bearer key for writes (default: MIZAN_ADMIN_KEY, or the one the rig gives its own server). */
  key?: string;
  log: (line: string) => void;
  /** More environment for the server (e.g. MIZAN_REDIS_TIMEOUT_MS). */
  env?: Record<string, string>;
  /** More options for the server's node (e.g. --cpu-prof, which NODE_OPTIONS does not take). */
  nodeArgs?: string[];
}

export interface Rig {
  url: string;
  /** For Authorization: Bearer on writes (undefined: none known). */
  writeKey?: string;
  /** Headers that /metrics needs (a bearer token when MIZAN_METRICS=key). */
  metricsHeaders: Record<string, string>;
  server?: ChildProcess;
  redis?: { port: number; dir: string; current: EmbeddedRedis };
  /** The server's log (JSON lines) when the rig started it. */
  logFile?: string;
  serverAlive(): boolean;
  /** Starts the private Redis again on the same port and folder (after a SIGKILL); resolves when it answers. */
  restartRedis(): Promise<void>;
  stop(): Promise<void>;
}

export { freePort };

export async function until(check: () => Promise<boolean>, ms: number, every = 50): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return true;
    await new Promise((r) => setTimeout(r, every));
  }
  return false;
}

async function fill(redisUrl: string, sentences: readonly string[]): Promise<void> {
  const redis = createRedis({ redisUrl, redisTimeoutMs: 10_000 }, silentLogger);
  await connectRedis(redis, 10_000);
  const keys = new Keys('mizan:');
  // The version key first, as the server's start writes it: data without it is taken for schema version 1.
  await checkSchema(redis, keys, silentLogger);
  const store = new TmStore(redis, keys);
  for (let d = 0; d * ROWS_PER_DOC < sentences.length; d++) {
    const segments = sentences
      .slice(d * ROWS_PER_DOC, (d + 1) * ROWS_PER_DOC)
      .map((ar, i) => ({ position: i, paragraph: 0, ar, en: `unit ${d}.${i}`, zh: `单元 ${d}.${i}` }));
    const meta = { id: `load-${d}`, titles: { ar: `وثيقة ${d}`, en: `doc ${d}`, zh: `文档 ${d}` }, order: d + 1 };
    await store.putDocument(
      'main',
      withUnitIds('main', { meta: { ...meta, source: 'load', date: '2026-01-01' }, segments }),
    );
  }
  redis.disconnect();
}

export async function startRig(options: RigOptions): Promise<Rig> {
  const { log } = options;
  const token = process.env.MIZAN_METRICS_TOKEN;
  const metricsHeaders: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  if (options.url) {
    const url = options.url.replace(/\/$/, '');
    const writeKey = options.key ?? process.env.MIZAN_ADMIN_KEY;
    return { url, writeKey, metricsHeaders, serverAlive: () => true, restartRedis: notOurs, stop: async () => {} };
  }
  const binary = findOnPath('redis-server');
  if (!binary) throw new Error('the rig starts its own redis-server: none is on PATH (apt-get install redis-server)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mizan-rig-'));
  const redisPort = await freePort();
  const startRedis = () =>
    startEmbeddedRedis({ binary, port: redisPort, dataDir: path.join(dir, 'redis'), logger: silentLogger });
  const redis = { port: redisPort, dir, current: await startRedis() };
  const redisUrl = `redis://127.0.0.1:${redisPort}`;
  log(`private redis-server on ${redisPort} (AOF everysec, ${dir}); loading ${options.tm.length} generated units...`);
  const filled = Date.now();
  await fill(redisUrl, options.tm);
  log(`loaded in ${((Date.now() - filled) / 1000).toFixed(1)} s; starting mizan...`);
  const port = await freePort();
  const writeKey = options.key ?? generateKey().key;
  const logFile = path.join(dir, 'mizan.log');
  const out = fs.openSync(logFile, 'a');
  const server = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    stdio: ['ignore', out, out],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      REDIS_URL: redisUrl,
      MIZAN_EMBEDDED_REDIS: '0',
      MIZAN_DATA_DIR: path.join(dir, 'data'),
      MIZAN_SEED: '1',
      MIZAN_METRICS: token ? 'key' : 'open',
      ...(token ? { MIZAN_METRICS_TOKEN: token } : {}),
      MIZAN_ADMIN_KEY: writeKey,
      // Rate limits counted (their Redis round trip is part of what is measured) but out of reach: load, chaos and
      // fuzz send far more than a client's default budget from one address.
      MIZAN_RATE_READ_PER_MIN: '1000000',
      MIZAN_RATE_WRITE_PER_MIN: '1000000',
      LOG_LEVEL: 'info',
      ...options.env,
    },
  });
  fs.closeSync(out);
  const url = `http://127.0.0.1:${port}`;
  if (!(await until(async () => (await fetch(`${url}/readyz`)).ok, 120_000, 200)))
    throw new Error(`mizan did not become ready; its log: ${logFile}`);
  return {
    url,
    writeKey,
    metricsHeaders,
    server,
    redis,
    logFile,
    serverAlive: () => server.exitCode === null && server.signalCode === null,
    async restartRedis() {
      redis.current = await startRedis();
    },
    async stop() {
      if (server.exitCode !== null || server.signalCode !== null) {
        const kept = path.join(os.tmpdir(), `mizan-rig-${process.pid}.log`);
        fs.copyFileSync(logFile, kept);
        log(`mizan exited during the run (${server.signalCode ?? `code ${server.exitCode}`}); its log: ${kept}`);
      } else {
        const exited = new Promise((r) => server.once('exit', r));
        server.kill('SIGTERM');
        await exited;
      }
      await redis.current.stop().catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function notOurs(): Promise<void> {
  throw new Error('the Redis of a server given by --url is not the rig’s to restart');
}

/** The server's resident memory in bytes: from /metrics, else from /proc when the rig started it. */
export async function serverRss(rig: Rig): Promise<number | undefined> {
  try {
    const text = await (await fetch(`${rig.url}/metrics`, { headers: rig.metricsHeaders })).text();
    const m = /^mizan_process_resident_memory_bytes (\d+(?:\.\d+)?(?:e\+\d+)?)$/m.exec(text);
    if (m) return Number(m[1]);
  } catch {
    // fall through to /proc
  }
  if (!rig.server?.pid) return undefined;
  const status = fs.readFileSync(`/proc/${rig.server.pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
  return kb ? Number(kb) * 1024 : undefined;
}

/** The sum of a series over its labels (e.g. `mizan_index_units` over every TM) from the server's /metrics. */
export async function serverMetric(rig: Rig, series: string): Promise<number | undefined> {
  const text = await (await fetch(`${rig.url}/metrics`, { headers: rig.metricsHeaders })).text();
  const lines = text.split('\n').filter((l) => l.startsWith(series + ' ') || l.startsWith(series + '{'));
  return lines.length > 0 ? lines.reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0) : undefined;
}

/** One value of an exposition text (`series` with its labels), or undefined. */
export function metricValue(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(series + ' '));
  return line ? Number(line.slice(series.length + 1)) : undefined;
}
