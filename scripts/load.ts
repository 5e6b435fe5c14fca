/**
 * npm run load -- [--duration 60] [--connections 64] [--size 100000] [--writes 0.1] [--seed 42] [--url URL]
 *                 [--key KEY]
 *
 * A mixed load (scripts/lib/mix.ts: matches, batches, concordance, document reads, 10 % writes) with autocannon
 * against a mizan on a private redis-server holding the seed plus `--size` generated units (scripts/lib/rig.ts), or
 * against `--url`. Reports throughput, p50/p99, responses by status (429 counted as intended), every acknowledged
 * write read back, and the server's RSS sampled every 5 s with its trend (least-squares slope, MB per minute, and
 * the last third's mean against the second third's). The last line is one JSON object.
 */
import { readOptions } from './lib/cli';
import { generate, rng } from './lib/generate';
import { runMix, split, verifyWrites } from './lib/mix';
import { serverMetric, serverRss, startRig } from './lib/rig';
import { round } from './lib/stats';

const cli = readOptions(
  'usage: npm run load -- [--duration 60] [--connections 64] [--size 100000] [--writes 0.1] [--seed 42] ' +
    '[--url URL] [--key KEY]',
  {
    duration: { type: 'string' },
    connections: { type: 'string' },
    size: { type: 'string' },
    writes: { type: 'string' },
    seed: { type: 'string' },
    url: { type: 'string' },
    key: { type: 'string' },
  },
);
const seconds = cli.number('duration', 60);
const connections = cli.number('connections', 64);
const size = cli.number('size', 100_000);
const writeShare = cli.number('writes', 0.1);
const seed = cli.number('seed', 42);
const log = (s: string) => process.stderr.write(`${s}\n`);
const MB = 1024 * 1024;

/** Samples `read` every `ms` until stopped: [seconds since start, value] pairs. */
function sampler(read: () => Promise<number | undefined>, ms: number) {
  const started = Date.now();
  const samples: [number, number][] = [];
  const take = async () => {
    const v = await read().catch(() => undefined);
    if (v !== undefined) samples.push([(Date.now() - started) / 1000, v]);
  };
  void take();
  const timer = setInterval(() => void take(), ms);
  return {
    samples,
    async stop() {
      clearInterval(timer);
      await take();
      return samples;
    },
  };
}

/** Least-squares slope of y over x. */
function slope(points: readonly [number, number][]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const num = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const den = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

export function rssTrend(samples: readonly [number, number][]) {
  const third = Math.floor(samples.length / 3);
  const mean = (part: readonly [number, number][]) => part.reduce((s, [, y]) => s + y, 0) / Math.max(1, part.length);
  const middle = mean(samples.slice(third, 2 * third));
  const last = mean(samples.slice(2 * third));
  return {
    rss_start_mb: round((samples[0]?.[1] ?? 0) / MB, 1),
    rss_end_mb: round((samples.at(-1)?.[1] ?? 0) / MB, 1),
    rss_max_mb: round(Math.max(...samples.map(([, y]) => y)) / MB, 1),
    rss_slope_mb_per_min: round((slope(samples) * 60) / MB, 2),
    rss_last_third_vs_middle_pct: middle > 0 ? round((100 * (last - middle)) / middle, 1) : 0,
    rss_samples_mb: samples.map(([t, y]) => [Math.round(t), round(y / MB, 1)]),
  };
}

/**
 * The live heap (used heap after the last full collection, `mizan_heap_live_bytes`) against the units the server's
 * indexes hold: what stays reachable per unit written tells a TM that grew from a leak, where the RSS also carries
 * the room V8 keeps for garbage.
 */
function liveTrend(live: readonly [number, number][], units: readonly [number, number][]) {
  if (live.length === 0) return {};
  const first = live[0]![1];
  const last = live.at(-1)![1];
  const added = (units.at(-1)?.[1] ?? 0) - (units[0]?.[1] ?? 0);
  return {
    live_heap_start_mb: round(first / MB, 1),
    live_heap_end_mb: round(last / MB, 1),
    live_heap_max_mb: round(Math.max(...live.map(([, y]) => y)) / MB, 1),
    index_units_added: added,
    live_heap_kb_per_unit_added: added > 0 ? round((last - first) / 1024 / added, 2) : undefined,
    live_heap_samples_mb: live.map(([t, y]) => [Math.round(t), round(y / MB, 1)]),
  };
}

async function main(): Promise<void> {
  const data = generate(cli.values.url ? 0 : size, 600, seed);
  const sentences = data.tm.length > 0 ? data.tm : data.queries.map((q) => q.text);
  const rig = await startRig({ tm: data.tm, url: cli.values.url, key: cli.values.key, log });
  try {
    log(`warming up (the first query builds the index)...`);
    await fetch(`${rig.url}/api/v1/match?q=${encodeURIComponent(data.queries[0]!.text)}`);
    const rss = sampler(() => serverRss(rig), 5000);
    const live = sampler(() => serverMetric(rig, 'mizan_heap_live_bytes'), 5000);
    const units = sampler(() => serverMetric(rig, 'mizan_index_units'), 5000);
    log(`${seconds} s, ${connections} connections, ${Math.round(writeShare * 100)} % writes...`);
    const queries = data.queries.map((q) => q.text);
    const mix = await runMix({
      url: rig.url,
      queries,
      sentences,
      writeShare,
      writeKey: rig.writeKey,
      connections,
      seconds,
      random: rng(seed),
    });
    const samples = await rss.stop();
    const liveSamples = await live.stop();
    const unitSamples = await units.stop();
    log(`reading back ${mix.acks.length} acknowledged writes...`);
    const writes = await verifyWrites(rig.url, mix.acks);
    const { ok, limited, other } = split(mix.byStatus);
    const figures = {
      size: cli.values.url ? undefined : size,
      seconds,
      connections,
      requests: mix.requests,
      rps: mix.rps,
      p50_ms: mix.p50,
      p99_ms: mix.p99,
      max_ms: mix.max,
      ok,
      rate_limited_429: limited,
      errors_by_status: other,
      by_kind: mix.byKind,
      latency_ms_by_kind: mix.latencyByKind,
      writes_acknowledged: writes.checked,
      writes_lost: writes.lost.length,
      server_alive: rig.serverAlive(),
      ...rssTrend(samples),
      ...liveTrend(liveSamples, unitSamples),
    };
    log('');
    for (const [k, v] of Object.entries(figures))
      if (k !== 'rss_samples_mb' && k !== 'live_heap_samples_mb') log(`${k.padEnd(30)} ${JSON.stringify(v)}`);
    log(`rss every 5 s (MB): ${samples.map(([, y]) => round(y / MB, 0)).join(' ')}`);
    log(`live heap every 5 s (MB): ${liveSamples.map(([, y]) => round(y / MB, 0)).join(' ')}`);
    process.stdout.write(JSON.stringify(figures) + '\n');
  } finally {
    await rig.stop();
  }
}

main().catch((err: unknown) => {
  log(String((err as Error)?.stack ?? err));
  process.exit(1);
});
