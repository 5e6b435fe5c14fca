/**
 * npm run bench:fresh -- [--units 1000] [--redis both|standalone|cluster] [--cold 0,0] [--seed 42]
 *
 * Freshness across instances. For each kind of Redis (a private standalone redis-server, and a private 3-master
 * Redis Cluster, both started here), two mizan processes (src/server.ts, MIZAN_FRESHNESS=notify) share it: `--units`
 * units are written one after another through instance A's HTTP API while instance B's /api/v1/match is polled for
 * each; the delay is from A's acknowledgement to the first answer of B that holds the unit (p50, p99, max, and how
 * many never showed within 5 s). Then, with `--cold 100000,300000`, for each size a TM of that many units is written
 * to the standalone Redis and a third instance is started on it: seconds until /readyz, until its first match (the
 * index built from Redis), its RSS, and Redis's used_memory for those units. The last line is one JSON object.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../src/config';
import { generateKey, withUnitIds } from '../src/service';
import { checkSchema, connectRedis, createRedis, Keys, TmStore, type RedisClient } from '../src/store';
import { findOnPath, startEmbeddedRedis } from '../src/store/embedded-redis';
import { readOptions } from '../scripts/lib/cli';
import { percentile, round } from '../scripts/lib/stats';
import { startPrivateCluster } from '../__tests__/helpers/redis-cluster';
import { freePort } from '../__tests__/helpers/redis-server';
import { generate } from './generate';

const cli = readOptions('usage: npm run bench:fresh -- [--units 1000] [--redis both] [--cold 0] [--seed 42]', {
  units: { type: 'string' },
  redis: { type: 'string' },
  cold: { type: 'string' },
  seed: { type: 'string' },
});
const units = cli.number('units', 1000);
const seed = cli.number('seed', 42);
const kinds = (cli.values.redis ?? 'both') === 'both' ? ['standalone', 'cluster'] : [cli.values.redis!];
if (kinds.some((k) => k !== 'standalone' && k !== 'cluster')) cli.fail('--redis must be both, standalone or cluster');
const coldSizes = (cli.values.cold ?? '0')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const log = (s: string) => process.stderr.write(`${s}\n`);
const ROOT = path.resolve(__dirname, '..');
const NEVER_MS = 5000;

interface Instance {
  url: string;
  child: ChildProcess;
  started: number;
}

/** The instances' admin key (MIZAN_ADMIN_KEY): the probe writes need one. */
const ADMIN_KEY = generateKey().key;

function startInstance(redisEnv: Record<string, string>, prefix: string, port: number, seedTm: boolean): Instance {
  const env = {
    MIZAN_ADMIN_KEY: ADMIN_KEY,
    MIZAN_RATE_WRITE_PER_MIN: '0',
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    PORT: String(port),
    HOST: '127.0.0.1',
    MIZAN_KEY_PREFIX: prefix,
    MIZAN_EMBEDDED_REDIS: '0',
    MIZAN_SEED: seedTm ? '1' : '0',
    MIZAN_FRESHNESS: 'notify',
    LOG_LEVEL: 'warn',
    ...redisEnv,
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { cwd: ROOT, env, stdio: 'inherit' });
  return { url: `http://127.0.0.1:${port}`, child, started: Date.now() };
}

async function until(check: () => Promise<boolean>, ms: number, every = 50): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return true;
    await new Promise((r) => setTimeout(r, every));
  }
  return false;
}

/** True once the instance answers /readyz; throws as soon as it exits instead (a refused start: config, schema). */
async function ready(i: Instance): Promise<boolean> {
  const exited = () => i.child.exitCode !== null || i.child.signalCode !== null;
  const ok = await until(async () => exited() || (await fetch(`${i.url}/readyz`)).ok, 120_000, 100);
  if (exited()) throw new Error(`the instance exited (${i.child.exitCode ?? i.child.signalCode}) before it was ready`);
  return ok;
}

async function stop(i: Instance): Promise<void> {
  if (i.child.exitCode !== null) return;
  const exited = new Promise((r) => i.child.once('exit', r));
  i.child.kill('SIGTERM');
  await exited;
}

const DIGITS = ['صفر', 'واحد', 'اثنان', 'ثلاثة', 'أربعة', 'خمسة', 'ستة', 'سبعة', 'ثمانية', 'تسعة'];
const sentence = (n: number) => `قياس الحداثة ${[...String(n)].map((d) => DIGITS[Number(d)]).join(' ')} بين النسختين`;

/** Polls B until its best match for `ar` is `unitId`; the ms from `acked`, or undefined after NEVER_MS. */
async function seenAfter(b: Instance, ar: string, unitId: string, acked: number): Promise<number | undefined> {
  const url = `${b.url}/api/v1/match?q=${encodeURIComponent(ar)}&min=100&limit=1`;
  while (Date.now() - acked < NEVER_MS) {
    const body = (await (await fetch(url)).json()) as { matches?: { unitId: string }[] };
    if (body.matches?.[0]?.unitId === unitId) return Date.now() - acked;
    await new Promise((r) => setTimeout(r, 2));
  }
  return undefined;
}

async function freshness(kind: string, redisEnv: Record<string, string>) {
  const prefix = `mizan-fresh-${process.pid}:`;
  const a = startInstance(redisEnv, prefix, await freePort(), true);
  if (!(await ready(a))) throw new Error('instance A never became ready');
  const b = startInstance(redisEnv, prefix, await freePort(), false);
  try {
    if (!(await ready(b))) throw new Error('instance B never became ready');
    await seenAfter(b, sentence(0), 'none', Date.now() - NEVER_MS + 1); // B builds its index once
    log(`${kind}: writing ${units} units through A, polling B...`);
    const polls: Promise<number | undefined>[] = [];
    for (let n = 1; n <= units; n++) {
      const ar = sentence(n);
      const res = await fetch(`${a.url}/api/v1/units`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` },
        body: JSON.stringify({ ar, en: `freshness probe ${n}` }),
      });
      const acked = Date.now();
      const { unitId } = (await res.json()) as { unitId: string };
      polls.push(seenAfter(b, ar, unitId, acked));
    }
    const delays = await Promise.all(polls);
    const seen = delays.filter((d): d is number => d !== undefined).sort((x, y) => x - y);
    return {
      redis: kind,
      units,
      p50_ms: percentile(seen, 0.5),
      p99_ms: percentile(seen, 0.99),
      max_ms: seen.at(-1) ?? NaN,
      never_seen: units - seen.length,
    };
  } finally {
    await Promise.all([stop(a), stop(b)]);
  }
}

const usedMemory = async (redis: RedisClient) => Number(/^used_memory:(\d+)/m.exec(await redis.info('memory'))![1]);
const rssOf = (pid: number) =>
  Number(/^VmRSS:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;

/** Writes `size` generated units (documents of 1,000 rows) and starts an instance on them, cold. */
async function coldStart(redisUrl: string, size: number) {
  const prefix = `mizan-cold-${process.pid}-${size}:`;
  const redis = createRedis({ redisUrl, redisTimeoutMs: 60_000 }, silentLogger);
  await connectRedis(redis, 5000);
  const keys = new Keys(prefix);
  // The version key first, as the server's start writes it: data without it is taken for schema version 1.
  await checkSchema(redis, keys, silentLogger);
  const store = new TmStore(redis, keys);
  const before = await usedMemory(redis);
  log(`cold start: writing ${size} units...`);
  const rows = generate(size, 0, seed).tm;
  for (let d = 0; d * 1000 < rows.length; d++) {
    const segments = rows
      .slice(d * 1000, (d + 1) * 1000)
      .map((ar, i) => ({ position: i, paragraph: 0, ar, en: `English row ${d}.${i}`, zh: `中文行 ${d}.${i}` }));
    const meta = {
      id: `cold-${d}`,
      titles: { ar: `وثيقة ${d}`, en: `d${d}`, zh: `d${d}` },
      source: 'b',
      date: '',
      order: d,
    };
    await store.putDocument('main', withUnitIds('main', { meta, segments }));
  }
  const redisBytes = (await usedMemory(redis)) - before;
  const instance = startInstance({ REDIS_URL: redisUrl }, prefix, await freePort(), false);
  try {
    if (!(await ready(instance))) throw new Error('the cold instance never became ready');
    const readyS = (Date.now() - instance.started) / 1000;
    const q = `${instance.url}/api/v1/match?q=${encodeURIComponent(rows[0]!)}`;
    await until(async () => (await fetch(q)).ok, 600_000, 200);
    const firstMatchS = (Date.now() - instance.started) / 1000;
    const rss = rssOf(instance.child.pid!);
    return {
      units: size,
      ready_s: round(readyS, 2),
      first_match_s: round(firstMatchS, 2),
      instance_rss_mb: round(rss / 2 ** 20, 1),
      redis_used_mb: round(redisBytes / 2 ** 20, 1),
    };
  } finally {
    await stop(instance);
    for (let cursor = '0'; ;) {
      const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 5000);
      if (found.length) await redis.unlink(...found);
      if ((cursor = next) === '0') break;
    }
    redis.disconnect();
  }
}

async function main(): Promise<void> {
  const binary = findOnPath('redis-server');
  if (!binary) throw new Error('bench:fresh starts its own redis-server: none is on PATH');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mizan-fresh-'));
  const standalone = await startEmbeddedRedis({
    binary,
    port: await freePort(),
    dataDir,
    appendOnly: false,
    logger: silentLogger,
  });
  const cluster = kinds.includes('cluster') ? await startPrivateCluster() : undefined;
  const redisUrl = `redis://127.0.0.1:${standalone.port}`;
  try {
    const fresh = [];
    for (const kind of kinds)
      fresh.push(
        await freshness(kind, kind === 'cluster' ? { REDIS_CLUSTER_NODES: cluster!.nodes } : { REDIS_URL: redisUrl }),
      );
    const cold = [];
    for (const size of coldSizes) cold.push(await coldStart(redisUrl, size));
    log('');
    log('redis       units   p50_ms   p99_ms   max_ms  never_seen');
    for (const f of fresh)
      log(
        `${f.redis.padEnd(10)} ${String(f.units).padStart(6)} ${String(f.p50_ms).padStart(8)} ` +
          `${String(f.p99_ms).padStart(8)} ${String(f.max_ms).padStart(8)} ${String(f.never_seen).padStart(11)}`,
      );
    for (const c of cold) log(`cold start: ${JSON.stringify(c)}`);
    process.stdout.write(JSON.stringify({ freshness: fresh, cold_start: cold }) + '\n');
  } finally {
    await cluster?.stop();
    await standalone.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  log(String(err?.stack ?? err));
  process.exit(1);
});
