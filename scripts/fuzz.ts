/**
 * npm run fuzz -- [--count 5000] [--seed 42] [--concurrency 8] [--size 2000] [--url URL] [--out FILE] [--cpu-prof DIR]
 *
 * `--count` generated hostile requests (scripts/lib/hostile-cases.ts, fast-check, reproducible from `--seed`) plus
 * the fixed heavy shapes and slow/truncated bodies, against a mizan on a private Redis (scripts/lib/rig.ts, seed plus
 * `--size` generated units) or `--url`. Reports answers by status, every answer ≥ 500 (written with the request that
 * caused it to `--out`, one JSON object per line), requests with no answer, whether the server survived, the
 * event-loop delay during the run (from /metrics, which resets it at each scrape: every 2 s, the worst interval's
 * p99 and max), and a checksum of TM main (every unit, through the API) before and after: writes go to the TM
 * `fuzz`, or, when the server requires keys for writes, anywhere without one. The last line is one JSON object.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readOptions } from './lib/cli';
import { generate } from './lib/generate';
import { generateCases, heavyCases, keyed, slowCases, type Case } from './lib/hostile-cases';
import { sendRaw, type RawAnswer } from './lib/raw-http';
import { metricValue, startRig, type Rig } from './lib/rig';
import { round } from './lib/stats';

const cli = readOptions(
  'usage: npm run fuzz -- [--count 5000] [--seed 42] [--concurrency 8] [--size 2000] [--url URL] [--out FILE] [--cpu-prof DIR]',
  {
    count: { type: 'string' },
    seed: { type: 'string' },
    concurrency: { type: 'string' },
    size: { type: 'string' },
    url: { type: 'string' },
    out: { type: 'string' },
    'cpu-prof': { type: 'string' },
  },
);
const count = cli.number('count', 5000);
const seed = cli.number('seed', 42);
const concurrency = cli.number('concurrency', 8);
const size = cli.number('size', 2000);
const out = cli.values.out ?? path.join(os.tmpdir(), `mizan-fuzz-${seed}-${Date.now()}.jsonl`);
const log = (s: string) => process.stderr.write(`${s}\n`);
const TIMEOUT_MS = 60_000;

/** SHA-256 over every unit of TM main, read page by page through the API, sorted by unit id. */
async function checksum(rig: Rig): Promise<{ units: number; sha256: string }> {
  const units: string[] = [];
  let cursor: string | null = '0';
  while (cursor !== null) {
    const res = await fetch(`${rig.url}/api/v1/tms/main/units?limit=1000&cursor=${cursor}`);
    if (!res.ok) throw new Error(`checksum: GET units answered ${res.status}`);
    const page = (await res.json()) as { units: { unitId: string }[]; cursor: string | null };
    for (const u of page.units) units.push(JSON.stringify(u));
    cursor = page.cursor;
  }
  const sorted = [...new Set(units)].sort();
  return { units: sorted.length, sha256: createHash('sha256').update(sorted.join('\n')).digest('hex') };
}

/** The event-loop delay per interval between scrapes of /metrics (each scrape resets the histogram). */
function loopWatch(rig: Rig) {
  const p99s: number[] = [];
  const maxes: number[] = [];
  const scrape = async () => {
    const res = await fetch(`${rig.url}/metrics`, { headers: rig.metricsHeaders, signal: AbortSignal.timeout(30_000) });
    const text = await res.text();
    const p99 = metricValue(text, 'mizan_nodejs_eventloop_lag_p99_seconds');
    const max = metricValue(text, 'mizan_nodejs_eventloop_lag_max_seconds');
    return { p99, max };
  };
  let running = true;
  const loop = (async () => {
    await scrape().catch(() => undefined); // resets: the intervals start now
    while (running) {
      await new Promise((r) => setTimeout(r, 2000));
      const m = await scrape().catch(() => undefined);
      if (m?.p99 !== undefined) p99s.push(m.p99 * 1000);
      if (m?.max !== undefined) maxes.push(m.max * 1000);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      const sorted = [...p99s].sort((a, b) => a - b);
      return {
        event_loop_p99_ms_worst_interval: round(sorted.at(-1) ?? NaN, 1),
        event_loop_p99_ms_median_interval: round(sorted[Math.floor(sorted.length / 2)] ?? NaN, 1),
        event_loop_max_ms: round(Math.max(...maxes), 1),
        event_loop_intervals: p99s.length,
        event_loop_p99_ms_each_interval: p99s.map((p) => round(p, 1)),
      };
    },
  };
}

/** Does the server refuse a write without a key? Then hostile writes may aim at main. */
async function keysRequired(rig: Rig): Promise<boolean> {
  const res = await fetch(`${rig.url}/api/v1/units`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ar: 'وحدة فحص المفاتيح', tm: 'fuzz' }),
  });
  return res.status === 401 || res.status === 403;
}

function preview(c: Case): Record<string, unknown> {
  const body = c.req.body;
  return {
    kind: c.kind,
    method: c.req.method,
    path: c.req.path.length > 500 ? `${c.req.path.slice(0, 500)}… (${c.req.path.length} chars)` : c.req.path,
    headers: Object.fromEntries(Object.entries(c.req.headers).map(([k, v]) => [k, v.slice(0, 200)])),
    ...(body
      ? {
          bodyBytes: body.length,
          bodyHead: body.subarray(0, 400).toString('utf8'),
          bodyBase64: body.length <= 4096 ? body.toString('base64') : undefined,
        }
      : {}),
  };
}

/** The server's error lines (each 500's stack, under the reference its answer names), kept beside the failures. */
function keepErrors(rig: Rig, file: string): string | undefined {
  if (!rig.logFile || !fs.existsSync(rig.logFile)) return undefined;
  const lines = fs
    .readFileSync(rig.logFile, 'utf8')
    .split('\n')
    .filter((l) => !l.startsWith('{') || l.includes('"level":"error"'));
  fs.writeFileSync(file, lines.join('\n'));
  return file;
}

async function main(): Promise<void> {
  const data = generate(cli.values.url ? 0 : size, 0, seed);
  const profDir = cli.values['cpu-prof'];
  const nodeArgs = profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`, '--cpu-prof-interval=200'] : undefined;
  const rig = await startRig({ tm: data.tm, url: cli.values.url, log, nodeArgs });
  const port = Number(new URL(rig.url).port || 80);
  try {
    const hostileWrites = await keysRequired(rig);
    const before = await checksum(rig);
    log(
      `TM main: ${before.units} units, sha256 ${before.sha256.slice(0, 16)}…; keys required for writes: ${hostileWrites}`,
    );
    const cases = [
      ...heavyCases('fuzz').map(keyed(rig.writeKey)),
      ...generateCases(count, seed, hostileWrites, rig.writeKey),
    ];
    log(`${cases.length} hostile requests (+ slow and truncated bodies), ${concurrency} at a time...`);
    const watch = loopWatch(rig);
    const byStatus: Record<string, number> = {};
    const byKind: Record<string, number> = {};
    const failures = fs.createWriteStream(out);
    let serverErrors = 0;
    let noAnswer = 0;
    let slowest = { ms: 0, kind: '' };
    const record = (c: Case, a: RawAnswer) => {
      const key =
        a.status === null
          ? c.req.truncateAt !== undefined
            ? 'closed-by-client'
            : `none:${a.error}`
          : String(a.status);
      byStatus[key] = (byStatus[key] ?? 0) + 1;
      byKind[c.kind] = (byKind[c.kind] ?? 0) + 1;
      if (a.ms > slowest.ms) slowest = { ms: a.ms, kind: c.kind };
      if (a.status === null && c.req.truncateAt === undefined) noAnswer++;
      if (a.status !== null && a.status >= 500) {
        serverErrors++;
        failures.write(
          JSON.stringify({ status: a.status, ms: a.ms, answer: a.head.slice(0, 1000), request: preview(c) }) + '\n',
        );
      }
    };
    const slow = Promise.all(
      slowCases('fuzz')
        .map(keyed(rig.writeKey))
        .map(async (c) => record(c, await sendRaw(port, c.req, TIMEOUT_MS))),
    );
    let next = 0;
    let done = 0;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < cases.length && rig.serverAlive()) {
          const c = cases[next++]!;
          record(c, await sendRaw(port, c.req, TIMEOUT_MS));
          if (++done % 1000 === 0) log(`  ${done} / ${cases.length} (${Math.round((Date.now() - started) / 1000)} s)`);
        }
      }),
    );
    await slow;
    const loop = await watch.stop();
    await new Promise((r) => failures.end(r));
    const alive =
      rig.serverAlive() &&
      (await fetch(`${rig.url}/healthz`).then(
        (r) => r.ok,
        () => false,
      ));
    const after = alive ? await checksum(rig) : { units: 0, sha256: 'server down' };
    const errorLog = keepErrors(rig, `${out}.server-errors.log`);
    const figures = {
      requests: cases.length + slowCases('fuzz').length,
      seconds: Math.round((Date.now() - started) / 1000),
      by_status: byStatus,
      responses_5xx: serverErrors,
      no_answer: noAnswer,
      server_alive: alive,
      crashes: alive ? 0 : 1,
      slowest_ms: slowest.ms,
      slowest_kind: slowest.kind,
      ...loop,
      checksum_before: before.sha256,
      checksum_after: after.sha256,
      checksum_same: before.sha256 === after.sha256,
      units_before: before.units,
      units_after: after.units,
      keys_required: hostileWrites,
      failures_file: out,
      server_errors_file: errorLog,
      by_kind: byKind,
    };
    log('');
    for (const [k, v] of Object.entries(figures)) if (k !== 'by_kind') log(`${k.padEnd(34)} ${JSON.stringify(v)}`);
    process.stdout.write(JSON.stringify(figures) + '\n');
  } finally {
    await rig.stop();
  }
}

main().catch((err: unknown) => {
  log(String((err as Error)?.stack ?? err));
  process.exit(1);
});
