/**
 * npm run chaos -- [--duration 60] [--connections 64] [--size 100000] [--writes 0.1] [--seed 42] [--down 3]
 *                  [--stop 5]
 *
 * The load of `npm run load` against a mizan on its private redis-server (AOF on, appendfsync everysec) while that
 * Redis is killed and paused:
 * 1. at 8 s, SIGKILL; `--down` seconds later it is started again on the same port and folder (it replays its AOF);
 * 2. 15 s after it is back, SIGSTOP for `--stop` seconds, then SIGCONT.
 * After each return a probe (a new match query every 50 ms) times the first 2xx: the recovery. Reports the 503s
 * (count, latency p50/p99/max, how many exceeded MIZAN_REDIS_TIMEOUT_MS + 500 ms), other statuses, whether the
 * server process is alive and answers /healthz, the warning lines it logged, and every write acknowledged with a
 * 2xx read back afterwards (writes answered 503 are counted apart: their outcome is unknown). The last line is one
 * JSON object.
 */
import fs from 'node:fs';
import { readOptions } from './lib/cli';
import { generate, rng } from './lib/generate';
import { runMix, split, verifyWrites } from './lib/mix';
import { startRig, type Rig } from './lib/rig';
import { percentile, round } from './lib/stats';

const cli = readOptions(
  'usage: npm run chaos -- [--duration 60] [--connections 64] [--size 100000] [--writes 0.1] [--seed 42] ' +
    '[--down 3] [--stop 5]',
  {
    duration: { type: 'string' },
    connections: { type: 'string' },
    size: { type: 'string' },
    writes: { type: 'string' },
    seed: { type: 'string' },
    down: { type: 'string' },
    stop: { type: 'string' },
  },
);
const seconds = cli.number('duration', 60);
const connections = cli.number('connections', 64);
const size = cli.number('size', 100_000);
const writeShare = cli.number('writes', 0.1);
const seed = cli.number('seed', 42);
const downSeconds = cli.number('down', 3);
const stopSeconds = cli.number('stop', 5);
const REDIS_TIMEOUT_MS = 2000; // the rig's server runs with the default MIZAN_REDIS_TIMEOUT_MS
const BOUND_MS = REDIS_TIMEOUT_MS + 500;
const log = (s: string) => process.stderr.write(`${s}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
if (seconds < 8 + downSeconds + 15 + stopSeconds + 5) cli.fail(`--duration must leave room for the scenario`);

/** Milliseconds from now to the first 2xx of a new match query, polled every 50 ms (at most 60 s). */
async function recovery(rig: Rig): Promise<number | null> {
  const from = performance.now();
  for (let i = 0; performance.now() - from < 60_000; i++) {
    const q = encodeURIComponent(`استعلام التعافي رقم ${i} ${Date.now()}`);
    try {
      const res = await fetch(`${rig.url}/api/v1/match?q=${q}&tgt=en`, { signal: AbortSignal.timeout(5000) });
      if (res.ok) return Math.round(performance.now() - from);
    } catch {
      // no answer yet
    }
    await sleep(50);
  }
  return null;
}

async function scenario(rig: Rig): Promise<Record<string, unknown>> {
  const redis = rig.redis!;
  await sleep(8000);
  log(`SIGKILL redis-server (pid ${redis.current.pid})`);
  process.kill(redis.current.pid, 'SIGKILL');
  await sleep(downSeconds * 1000);
  const restarting = performance.now();
  await rig.restartRedis();
  const restartMs = Math.round(performance.now() - restarting);
  log(`redis-server started again (pid ${redis.current.pid}, ${restartMs} ms to answer); probing...`);
  const afterKill = await recovery(rig);
  log(`recovered ${afterKill} ms after Redis answered`);
  await sleep(15_000);
  log(`SIGSTOP redis-server for ${stopSeconds} s`);
  process.kill(redis.current.pid, 'SIGSTOP');
  await sleep(stopSeconds * 1000);
  process.kill(redis.current.pid, 'SIGCONT');
  const afterStop = await recovery(rig);
  log(`SIGCONT; recovered ${afterStop} ms after`);
  return { redis_restart_ms: restartMs, recovery_after_kill_ms: afterKill, recovery_after_stop_ms: afterStop };
}

/** Warning and error lines in the server's log, by message (JSON lines). */
function logLines(file: string | undefined): Record<string, number> {
  const counts: Record<string, number> = {};
  if (!file || !fs.existsSync(file)) return counts;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line) as { level?: string; msg?: string; kind?: string };
    if (entry.level !== 'warn' && entry.level !== 'error') continue;
    const key = `${entry.level}: ${entry.kind ?? (entry.msg ?? '').slice(0, 60)}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

async function main(): Promise<void> {
  const data = generate(size, 600, seed);
  const rig = await startRig({ tm: data.tm, log });
  try {
    await fetch(`${rig.url}/api/v1/match?q=${encodeURIComponent(data.queries[0]!.text)}`);
    log(`${seconds} s of load, ${connections} connections, ${Math.round(writeShare * 100)} % writes, with faults...`);
    const queries = data.queries.map((q) => q.text);
    const [mix, faults] = await Promise.all([
      runMix({
        url: rig.url,
        queries,
        sentences: data.tm,
        writeShare,
        writeKey: rig.writeKey,
        connections,
        seconds,
        random: rng(seed),
      }),
      scenario(rig),
    ]);
    const healthy = await fetch(`${rig.url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    log(`reading back ${mix.acks.length} acknowledged writes...`);
    const writes = await verifyWrites(rig.url, mix.acks);
    const { ok, limited, other } = split(mix.byStatus);
    const ms = [...mix.unavailableMs].sort((a, b) => a - b);
    const figures = {
      size,
      seconds,
      connections,
      requests: mix.requests,
      ok,
      rate_limited_429: limited,
      non_2xx_by_status: other,
      max_ms_by_status: mix.maxMsByStatus,
      unavailable_503: ms.length,
      unavailable_p50_ms: round(percentile(ms, 0.5), 0),
      unavailable_p99_ms: round(percentile(ms, 0.99), 0),
      unavailable_max_ms: round(ms.at(-1) ?? NaN, 0),
      unavailable_over_bound: ms.filter((x) => x > BOUND_MS).length,
      bound_ms: BOUND_MS,
      ...faults,
      server_alive: rig.serverAlive() && healthy,
      writes_acknowledged: writes.checked,
      writes_lost: writes.lost.length,
      writes_unsure_503: mix.unsureWrites,
      server_warnings: logLines(rig.logFile),
    };
    if (writes.lost.length > 0) log(`lost: ${JSON.stringify(writes.lost.slice(0, 10))}`);
    log('');
    for (const [k, v] of Object.entries(figures)) log(`${k.padEnd(26)} ${JSON.stringify(v)}`);
    process.stdout.write(JSON.stringify(figures) + '\n');
  } finally {
    await rig.stop();
  }
}

main().catch((err: unknown) => {
  log(String((err as Error)?.stack ?? err));
  process.exit(1);
});
