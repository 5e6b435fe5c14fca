/**
 * npm run bench:match -- --size N [--queries 1000] [--seed 42] [--corpus FILE] [--recall-sample N]
 *                       [--pg-queries N] [--no-pg] [--min 70] [--limit 5]
 *
 * Builds a TM of N Arabic units (bench/generate.ts), then measures in this process: index build time, heap and
 * RSS, latency per query (p50/p95/p99) and queries/s of the candidate index, and recall@1 / recall@5 of the index
 * against the exhaustive scan of the same score (for queries whose best exhaustive match reaches --min). When
 * PostgreSQL answers (PGHOST/PGPORT/PGDATABASE/PGUSER, default 127.0.0.1:5432/test/postgres), the same queries go
 * through pg_trgm GiST KNN in the same run. The last line is one JSON object with every figure.
 */
import { TmIndex, type Hit } from '../src/match';
import type { Unit } from '../src/types';
import { readOptions } from '../scripts/lib/cli';
import { percentile, round } from '../scripts/lib/stats';
import { generate, readCorpus } from './generate';
import { connectPg, runPgTrgm } from './pg-trgm';

const cli = readOptions(
  `usage: npm run bench:match -- --size N [--queries 1000] [--seed 42] [--corpus FILE] [--recall-sample N]
                              [--pg-queries N] [--no-pg] [--min 70] [--limit 5]`,
  {
    size: { type: 'string' },
    queries: { type: 'string' },
    seed: { type: 'string' },
    min: { type: 'string' },
    limit: { type: 'string' },
    corpus: { type: 'string' },
    'recall-sample': { type: 'string' },
    'pg-queries': { type: 'string' },
    pg: { type: 'boolean', default: true },
  },
);
const size = cli.number('size', 10_000);
const queryCount = cli.number('queries', 1000);
const seed = cli.number('seed', 42);
const min = cli.number('min', 70);
const limit = cli.number('limit', 5);
const corpusFile = cli.values.corpus;
const recallSample = cli.number('recall-sample', size >= 500_000 ? 200 : queryCount);
const pgQueries = cli.number('pg-queries', size >= 500_000 ? 100 : size >= 100_000 ? 300 : queryCount);
const log = (s: string) => process.stderr.write(`${s}\n`);
const mb = (bytes: number) => round(bytes / 2 ** 20, 1);

type Search = (q: string, exhaustive?: boolean) => Hit[];

/** The index over the generated TM, its build time, and memory after it (RSS also over the generated data). */
async function buildIndex(tm: string[]) {
  const units: Unit[] = tm.map((ar, i) => ({
    unitId: `u${i}`,
    tm: 'bench',
    documentId: '',
    position: 0,
    paragraph: 0,
    ar,
    en: '',
    zh: '',
  }));
  global.gc?.();
  const baseRss = process.memoryUsage().rss;
  const index = new TmIndex();
  const t = performance.now();
  index.load(units);
  await index.prepareAsync('ar');
  const build_s = (performance.now() - t) / 1000;
  global.gc?.();
  const mem = process.memoryUsage();
  log(
    `index built in ${round(build_s, 2)} s; heap ${mb(mem.heapUsed)} MB, RSS ${mb(mem.rss)} MB ` +
      `(${mb(mem.rss - baseRss)} MB over the generated data)`,
  );
  return { index, build_s, mem, baseRss };
}

/** Every query once, after 100 warm-up queries: the answers, sorted latencies (ms) and the total time (s). */
function measureLatency(search: Search, queries: { text: string }[]) {
  for (const q of queries.slice(0, Math.min(100, queryCount))) search(q.text);
  const latencies: number[] = [];
  const results: Hit[][] = [];
  const started = performance.now();
  for (const q of queries) {
    const t = performance.now();
    results.push(search(q.text));
    latencies.push(performance.now() - t);
  }
  const total_s = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { latencies, results, total_s };
}

/** recall@1 and @5 of the index against the exhaustive scan, on every `step`-th query (up to --recall-sample). */
function measureRecall(search: Search, queries: { text: string }[], results: Hit[][]) {
  log(`recall against the exhaustive scan on ${Math.min(recallSample, queryCount)} queries...`);
  let withMatch = 0;
  let hit1 = 0;
  let hit5 = 0;
  const exhaustiveMs: number[] = [];
  const reference: Hit[][] = [];
  const step = Math.max(1, Math.floor(queryCount / Math.max(1, recallSample)));
  for (let i = 0; i < queryCount && reference.length < recallSample; i += step) {
    const t = performance.now();
    const ref = search(queries[i]!.text, true);
    exhaustiveMs.push(performance.now() - t);
    reference.push(ref);
    if (ref.length === 0) continue;
    withMatch++;
    const got = results[i]!;
    if (got[0]?.unitId === ref[0]!.unitId) hit1++;
    const mine = new Set(got.map((h) => h.unitId));
    hit5 += ref.filter((h) => mine.has(h.unitId)).length / ref.length;
  }
  exhaustiveMs.sort((a, b) => a - b);
  return { withMatch, hit1, hit5, exhaustiveMs, reference, step };
}

/** The pg_trgm peer on the same TM and queries, with its recall@1 against the same exhaustive reference. */
async function pgPeer(
  data: { tm: string[]; queries: { text: string }[] },
  reference: Hit[][],
  step: number,
  p50: number,
): Promise<Record<string, unknown>> {
  const client = await connectPg();
  if (!client) return {};
  const n = Math.min(pgQueries, queryCount);
  log(`pg_trgm GiST KNN on ${n} of the same queries...`);
  const table = `mizan_bench_${size}_${seed}_${corpusFile ? 'c' : 'g'}`;
  const queries = data.queries.slice(0, n).map((q) => q.text);
  const pg = await runPgTrgm(client, table, data.tm, queries, limit, log);
  await client.end();
  // Queries in both samples with a match.
  let pgWith = 0;
  let pgHit = 0;
  for (let r = 0, i = 0; i < n && r < reference.length; r++, i += step) {
    const ref = reference[r]!;
    if (ref.length === 0) continue;
    pgWith++;
    if (`u${pg.top[i]?.[0]}` === ref[0]!.unitId) pgHit++;
  }
  return {
    pg_trgm_queries: n,
    pg_trgm_p50_ms: round(pg.p50_ms, 2),
    pg_trgm_p95_ms: round(pg.p95_ms, 2),
    pg_trgm_index_s: pg.reused ? 'reused' : round(pg.index_s, 1),
    pg_trgm_ratio_p50: round(pg.p50_ms / p50, 1),
    pg_trgm_recall1: pgWith ? round(pgHit / pgWith, 4) : null,
  };
}

async function main(): Promise<void> {
  const source = corpusFile ? `, corpus ${corpusFile}` : ', generated text';
  log(`generating ${size} units and ${queryCount} queries (seed ${seed}${source})`);
  const data = generate(size, queryCount, seed, corpusFile ? readCorpus(corpusFile) : undefined);
  const { index, build_s, mem, baseRss } = await buildIndex(data.tm);
  const search: Search = (q, exhaustive = false) => index.search(q, 'ar', { min, limit, exhaustive });
  const { latencies, results, total_s } = measureLatency(search, data.queries);
  const { withMatch, hit1, hit5, exhaustiveMs, reference, step } = measureRecall(search, data.queries, results);

  const figures: Record<string, unknown> = {
    size,
    queries: queryCount,
    data: corpusFile ? `corpus:${corpusFile}` : 'generated',
    min,
    limit,
    build_s: round(build_s, 2),
    p50_ms: round(percentile(latencies, 0.5)),
    p95_ms: round(percentile(latencies, 0.95)),
    p99_ms: round(percentile(latencies, 0.99)),
    max_ms: round(latencies[latencies.length - 1]!),
    qps: Math.round(queryCount / total_s),
    recall1: withMatch ? round(hit1 / withMatch, 4) : null,
    recall5: withMatch ? round(hit5 / withMatch, 4) : null,
    recall_queries: withMatch,
    exhaustive_p50_ms: round(percentile(exhaustiveMs, 0.5), 2),
    heap_mb: mb(mem.heapUsed),
    rss_mb: mb(mem.rss),
    index_rss_mb: mb(mem.rss - baseRss),
  };
  if (cli.values.pg) Object.assign(figures, await pgPeer(data, reference, step, percentile(latencies, 0.5)));

  log('');
  for (const [k, v] of Object.entries(figures)) log(`${k.padEnd(20)} ${v}`);
  process.stdout.write(JSON.stringify(figures) + '\n');
}

main().catch((err) => {
  log(String(err?.stack ?? err));
  process.exit(1);
});
