/**
 * npm run bench:http -- [--size 10000] [--seconds 10] [--connections 10] [--seed 42] [--queries 300]
 *
 * Throughput of GET /api/v1/match over HTTP against the same app's trivial route (GET /healthz), measured with
 * autocannon in the same run, the server in its own process on a real Redis (REDIS_URL, default 127.0.0.1:6379,
 * under a throw-away key prefix). Queries rotate through the generated mix (⅓ exact, ⅓ 1–3 word edits, ⅓ novel).
 * The last line is one JSON object.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
import { readOptions } from '../scripts/lib/cli';
import { round } from '../scripts/lib/stats';
import { generate } from './generate';

const cli = readOptions(
  'usage: npm run bench:http -- [--size 10000] [--seconds 10] [--connections 10] [--seed 42] [--queries 300]',
  {
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

async function load(url: string, paths: string[]): Promise<autocannon.Result> {
  let i = 0;
  return autocannon({
    url,
    connections,
    duration: seconds,
    requests: [{ setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length]! }) }],
  });
}

async function main(): Promise<void> {
  log(`starting the server with ${size} units...`);
  const server = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'http-server.ts'), '--size', String(size), '--seed', String(seed)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: process.env,
    },
  );
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
    const trivial = await load(url, ['/healthz']);
    log(`/api/v1/match, ${seconds} s...`);
    const match = await load(url, queries);
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
    };
    log('');
    for (const [k, v] of Object.entries(figures)) log(`${k.padEnd(16)} ${v}`);
    process.stdout.write(JSON.stringify(figures) + '\n');
  } finally {
    server.kill('SIGTERM');
  }
}

main().catch((err) => {
  log(String(err?.stack ?? err));
  process.exit(1);
});
