/**
 * npm run bench:http -- [--size 10000] [--seconds 10] [--connections 10] [--seed 42] [--queries 300] [--workers 1,2]
 *
 * Throughput of GET /api/v1/match over HTTP against the same app's trivial route (GET /healthz), measured with
 * autocannon in the same run, the server in its own process on a real Redis (REDIS_URL, default 127.0.0.1:6379,
 * under a throw-away key prefix). Queries rotate through the generated mix (⅓ exact, ⅓ 1–3 word edits, ⅓ novel).
 * With `--workers 1,2` the server runs once per count as that many node:cluster workers (each its own index, on one
 * port, as `npm start -- --workers N`), and a table compares /api/v1/match throughput, with the ratio to 1 worker.
 * With one worker the server's CPU time per request is reported too (`*_cpu_us`, from /proc on Linux: steadier than
 * req/s on a busy machine), and `cpu_ratio`, trivial ÷ match CPU per request: the throughput ratio a CPU-bound server
 * would show. The last line is one JSON object.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { START_NODE_FLAGS, startEnv } from '../src/config';
import { readOptions } from '../scripts/lib/cli';
import { round } from '../scripts/lib/stats';
import { generate } from './generate';

const cli = readOptions(
  'usage: npm run bench:http -- [--size 10000] [--seconds 10] [--connections 10] [--seed 42] [--queries 300] ' +
    '[--workers 1,2]',
  {
    workers: { type: 'string' },
    size: { type: 'string' },
    seconds: { type: 'string' },
    connections: { type: 'string' },
    seed: { type: 'string' },
    queries: { type: 'string' },
  },
);
const size = cli.number('size', 10_000);
const seconds = cli.number('seconds', 10);
const connections = cli.number('connections', 10);
const seed = cli.number('seed', 42);
/** Distinct queries cycled through (the mix of bench/generate.ts); many more than requests makes every one new. */
const queryCount = cli.number('queries', 300);
const log = (s: string) => process.stderr.write(`${s}\n`);
const workerCounts = cli.values.workers?.split(',').map(Number);
if (workerCounts?.some((n) => !Number.isInteger(n) || n < 1)) cli.fail('--workers must list worker counts, e.g. 1,2');

async function load(url: string, paths: string[]): Promise<autocannon.Result> {
  let i = 0;
  return autocannon({
    url,
    connections,
    duration: seconds,
    requests: [{ setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length]! }) }],
  });
}

/** CPU seconds (user + system) a process has used so far, from /proc; undefined where there is none. */
function cpuSeconds(pid: number | undefined): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return undefined;
  }
}

/** Runs `load` and answers its result with the server's CPU microseconds per request (when known). */
async function withCpu(pid: number | undefined, load: () => Promise<autocannon.Result>) {
  const before = cpuSeconds(pid);
  const result = await load();
  const after = cpuSeconds(pid);
  const cpuUs = before === undefined || after === undefined ? NaN : ((after - before) * 1e6) / result.requests.total;
  return { result, cpuUs };
}

async function measure(workers = 1): Promise<Record<string, number>> {
  log(`starting the server with ${size} units${workers > 1 ? `, ${workers} workers` : ''}...`);
  const serverArgs = ['--size', String(size), '--seed', String(seed), '--workers', String(workers)];
  // Started with the flags and environment `npm start` gives mizan (config/start-settings.ts).
  const script = [...START_NODE_FLAGS, '--import', 'tsx', path.join(__dirname, 'http-server.ts')];
  const server = spawn(process.execPath, [...script, ...serverArgs], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: startEnv(),
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.stdout!.on('data', (d: Buffer) => {
      const m = /ready (\d+)/.exec(String(d));
      if (m) resolve(Number(m[1]));
    });
    server.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  try {
    const url = `http://127.0.0.1:${port}`;
    const queries = generate(size, queryCount, seed).queries.map(
      (q) => `/api/v1/match?q=${encodeURIComponent(q.text)}&tgt=en,zh`,
    );
    log('warming up...');
    await autocannon({
      url,
      connections,
      duration: 2,
      requests: [{ setupRequest: (req) => ({ ...req, path: queries[Math.floor(Math.random() * queries.length)]! }) }],
    });
    log(`trivial route (/healthz), ${seconds} s...`);
    const pid = workers === 1 ? server.pid : undefined;
    const { result: trivial, cpuUs: trivialCpu } = await withCpu(pid, () => load(url, ['/healthz']));
    log(`/api/v1/match, ${seconds} s...`);
    const { result: match, cpuUs: matchCpu } = await withCpu(pid, () => load(url, queries));
    const figures = {
      size,
      distinct_queries: queryCount,
      seconds,
      connections,
      trivial_rps: round(trivial.requests.average, 0),
      match_rps: round(match.requests.average, 0),
      ratio: round(match.requests.average / trivial.requests.average, 3),
      match_p50_ms: match.latency.p50,
      match_p99_ms: match.latency.p99,
      trivial_p50_ms: trivial.latency.p50,
      errors: match.errors + match.non2xx + trivial.errors + trivial.non2xx,
      ...(Number.isFinite(matchCpu)
        ? {
            trivial_cpu_us: round(trivialCpu, 1),
            match_cpu_us: round(matchCpu, 1),
            cpu_ratio: round(trivialCpu / matchCpu, 3),
          }
        : {}),
    };
    return figures;
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
}

async function main(): Promise<void> {
  if (!workerCounts) {
    const figures = await measure();
    log('');
    for (const [k, v] of Object.entries(figures)) log(`${k.padEnd(16)} ${v}`);
    process.stdout.write(JSON.stringify(figures) + '\n');
    return;
  }
  const runs: Record<string, number>[] = [];
  for (const workers of workerCounts) runs.push({ workers, ...(await measure(workers)) });
  const base = runs[0]!.match_rps!;
  log('');
  log('workers  match_rps  ratio  match_p50_ms  match_p99_ms  trivial_rps  errors');
  for (const r of runs)
    log(
      [
        String(r.workers).padEnd(8),
        String(r.match_rps).padStart(9),
        String(round(r.match_rps! / base, 2)).padStart(6),
        String(r.match_p50_ms).padStart(13),
        String(r.match_p99_ms).padStart(13),
        String(r.trivial_rps).padStart(12),
        String(r.errors).padStart(7),
      ].join(' '),
    );
  const ratios = Object.fromEntries(runs.map((r) => [`ratio_${r.workers}`, round(r.match_rps! / base, 3)]));
  process.stdout.write(JSON.stringify({ size, seconds, connections, runs, ...ratios }) + '\n');
}

main().catch((err) => {
  log(String(err?.stack ?? err));
  process.exit(1);
});
