/**
 * npm run bench:tmx -- [--size 1000000] [--seed 42] [--keep] [--warm] [--rebuild]
 *
 * TMX import and export end to end against a private redis-server (free port, no persistence): generates a
 * trilingual TMX of N units (generated Arabic, English and Chinese; every 10th unit with inline codes; tuid and
 * creation date on each), then, each in a fresh child process so that peak RSS is the phase's own:
 *   import — the import job (stream → parse → merge → stage in Redis → commit), then "matchable": the TM's index
 *            built and a query answered. units/s over the whole (the reading and the commit also timed apart, with
 *            their CPU), peak RSS when committed and at the end. The index is built as the file is read
 *            (service/import-index.ts), as a server does; with --rebuild, read back from Redis after the commit, as
 *            a command-line import leaves it (and as every import did before);
 *   export — the whole TM as TMX to a file, units/s;
 *   warm (with --warm) — the same import into another TM that this process already holds an index of (one unit,
 *            matched before the clock starts), as into a running server: "matchable" is then the index catching
 *            up with the commit's log (service/mirror.ts), timed from the commit to the first answer finding a unit.
 * Each phase also reports CPU milliseconds per 1,000 units, its own and the Redis server's (INFO cpu), which a busy
 * machine moves much less than wall time. The last line is one JSON object. Targets (issue 9): import ≥ 30k units/s with peak RSS ≤ 512 MB for 1M units,
 * export ≥ 100k units/s.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_CONFIG, loadConfig, silentLogger, START_NODE_FLAGS, startEnv } from '../src/config';
import { TmxStreamWriter, type TmxTu } from '../src/formats';
import { indexTexts, TranslationMemory } from '../src/service';
import { connectRedis, createRedis, Keys, TmStore } from '../src/store';
import { findOnPath, startEmbeddedRedis } from '../src/store/embedded-redis';
import { readOptions } from '../scripts/lib/cli';
import { percentile, round } from '../scripts/lib/stats';
import { rng, sentence, syntheticLexicon } from './generate';

const cli = readOptions('usage: npm run bench:tmx -- [--size 1000000] [--seed 42] [--keep] [--warm] [--rebuild]', {
  size: { type: 'string' },
  seed: { type: 'string' },
  phase: { type: 'string' },
  file: { type: 'string' },
  redis: { type: 'string' },
  keep: { type: 'boolean', default: false },
  warm: { type: 'boolean', default: false },
  rebuild: { type: 'boolean', default: false },
});
const args = cli.values;
const size = cli.number('size', 1_000_000);
const seed = cli.number('seed', 42);
const log = (s: string) => process.stderr.write(`${s}\n`);
const peakMb = () => round(process.resourceUsage().maxRSS / 1024, 1);
const TM = 'bench';
const WARM_TM = 'bench-warm';
const POOL = 10_000;

function pool(): TmxTu[] {
  const random = rng(seed);
  const lex = syntheticLexicon([], 20_000, random);
  const latin = () => Math.floor(random() * 1e9).toString(36);
  const hanzi = (n: number) =>
    Array.from({ length: n }, () => String.fromCharCode(0x4e00 + Math.floor(random() * 0x5000))).join('');
  return Array.from({ length: POOL }, (_, i) => {
    const ar = sentence(lex, random);
    const words = ar.split(' ').length;
    const unit: TmxTu = {
      attrs: { creationdate: '20240101T120000Z', creationid: 'bench' },
      props: [],
      notes: [],
      langs: {
        ar: { tag: 'ar', text: ar, codes: [] },
        en: { tag: 'en', text: Array.from({ length: Math.round(words * 1.3) }, latin).join(' ') + '.', codes: [] },
        zh: { tag: 'zh', text: hanzi(Math.round(words * 1.6)) + '。', codes: [] },
      },
      apart: [],
    };
    if (i % 10 === 0) {
      for (const lang of ['ar', 'en', 'zh'] as const) {
        const v = unit.langs[lang]!;
        v.text = `\uE000${v.text}\uE001 \uE002`;
        v.codes = [
          { kind: 'bpt', i: '1', x: '1', xml: '<bpt i="1" x="1">&lt;b&gt;</bpt>' },
          { kind: 'ept', i: '1', xml: '<ept i="1">&lt;/b&gt;</ept>' },
          { kind: 'ph', x: '2', xml: '<ph x="2">{0}</ph>' },
        ];
      }
    }
    return unit;
  });
}

/** Unit i: pool[i % POOL] with its own tuid and a unique Arabic (a number appended). */
const unitAt = (base: TmxTu[], i: number): TmxTu => {
  const u = base[i % POOL]!;
  return { ...u, tuid: `u${i}`, langs: { ...u.langs, ar: { ...u.langs.ar!, text: `${u.langs.ar!.text} ${i}` } } };
};

async function generate(file: string): Promise<void> {
  const base = pool();
  const writer = new TmxStreamWriter(fs.createWriteStream(file), { toolVersion: 'bench' });
  for (let i = 0; i < size; i++) await writer.write(unitAt(base, i));
  await writer.end();
}

/** CPU seconds of this process and of the Redis server (INFO cpu) so far: steadier than wall time on a busy machine. */
async function cpuSeconds(redis: ReturnType<typeof createRedis>): Promise<{ own: number; redis: number }> {
  const info = await redis.info('cpu');
  const field = (name: string) => Number(new RegExp(`${name}:([0-9.]+)`).exec(info)?.[1] ?? NaN);
  const { user, system } = process.cpuUsage();
  return { own: (user + system) / 1e6, redis: field('used_cpu_user') + field('used_cpu_sys') };
}

/** CPU milliseconds per 1,000 units between two readings. */
const perThousand = (from: { own: number; redis: number }, to: { own: number; redis: number }) => ({
  cpuMsPer1k: round(((to.own - from.own) * 1e6) / size, 1),
  redisCpuMsPer1k: round(((to.redis - from.redis) * 1e6) / size, 1),
});

async function connect(url: string) {
  // Where the index keeps its texts as the server would, MIZAN_INDEX_TEXTS_* taken from the environment.
  const { MIZAN_INDEX_TEXTS_DIR, MIZAN_INDEX_TEXTS_MEMORY_MB } = process.env;
  const env = { MIZAN_INDEX_TEXTS_DIR, MIZAN_INDEX_TEXTS_MEMORY_MB };
  const config = loadConfig(env, { redisUrl: url, keyPrefix: 'bench:', redisTimeoutMs: 120_000 });
  const redis = createRedis(config, silentLogger);
  await connectRedis(redis, 5000);
  const store = new TmStore(redis, new Keys(config.keyPrefix));
  const tm = new TranslationMemory(store, silentLogger, TM, 'strict', {
    indexImports: !args.rebuild,
    indexTexts: indexTexts(config),
  });
  return { tm, redis };
}

async function importPhase(file: string, url: string, warm = false): Promise<Record<string, number>> {
  const { tm, redis } = await connect(url);
  const into = warm ? WARM_TM : TM;
  // The queries are made before the clock starts, and the pool they come from dropped: generating it is the bench's
  // work, and holding it (≈ 10k generated units) would count in the import's peak RSS.
  const [query, timed] = ((base) => {
    const first = unitAt(base, Math.floor(size / 2)).langs.ar!.text.replace(/[\uE000-\uF8FF]/g, '');
    return [first, timedQueries(base)] as const;
  })(pool());
  if (warm) {
    await tm.createUnit(into, { ar: 'وحدة أولى في ذاكرة الترجمة', en: 'A first unit in the memory' });
    await tm.match({ q: 'وحدة أولى', src: 'ar', tgt: ['en'], min: 30, limit: 1, tms: [into] });
  }
  const cpu0 = await cpuSeconds(redis);
  const t0 = performance.now();
  // run()'s three steps, the reading (parse and stage) timed apart from the commit that follows it.
  const id = await tm.imports.create(into, 'bench.tmx');
  await tm.imports.read(id, into, { path: file }, { file: 'bench.tmx' });
  const read = (performance.now() - t0) / 1000;
  const cpuRead = await cpuSeconds(redis);
  const job = await tm.imports.commit(id, into);
  const committed = (performance.now() - t0) / 1000;
  const rssCommitted = peakMb();
  const cpu1 = await cpuSeconds(redis);
  if (job.status !== 'done' || job.units.written !== size) throw new Error(`import: ${JSON.stringify(job)}`);
  const [hit] = await tm.match({ q: query, src: 'ar', tgt: ['en', 'zh'], min: 95, limit: 1, tms: [into] });
  if (!hit) throw new Error('the imported unit was not found by a query');
  const seconds = (performance.now() - t0) / 1000;
  const cpu2 = await cpuSeconds(redis);
  const queries = await queryTimes(tm, into, timed);
  await tm.close();
  redis.disconnect();
  const committing = perThousand(cpu0, cpu1);
  const [reading, commit] = [perThousand(cpu0, cpuRead), perThousand(cpuRead, cpu1)];
  const indexing = perThousand(cpu1, cpu2);
  return {
    unitsPerSecond: Math.round(size / seconds),
    seconds: round(seconds, 2),
    committedSeconds: round(committed, 2),
    readSeconds: round(read, 2),
    commitSeconds: round(committed - read, 2),
    indexSeconds: round(seconds - committed, 2),
    peakRssCommittedMb: rssCommitted,
    peakRssMb: peakMb(),
    committedCpuMsPer1k: committing.cpuMsPer1k,
    committedRedisCpuMsPer1k: committing.redisCpuMsPer1k,
    readCpuMsPer1k: reading.cpuMsPer1k,
    readRedisCpuMsPer1k: reading.redisCpuMsPer1k,
    commitCpuMsPer1k: commit.cpuMsPer1k,
    commitRedisCpuMsPer1k: commit.redisCpuMsPer1k,
    indexCpuMsPer1k: indexing.cpuMsPer1k,
    indexRedisCpuMsPer1k: indexing.redisCpuMsPer1k,
    ...queries,
  };
}

/**
 * Queries once the TM is matchable, timed one by one: 300 units' Arabic as stored (about 100 units of the file share
 * each sentence but its number: a number adaptation each) and with its first word left out (fuzzy). Their texts are
 * read where the index keeps them (MIZAN_INDEX_TEXTS_MEMORY_MB: in memory, or from its file).
 */
/** The Arabic of 300 units of the file, as stored and without its first word: what queryTimes asks. */
function timedQueries(base: TmxTu[]): string[] {
  const random = rng(seed + 1);
  const queries: string[] = [];
  for (let k = 0; k < 300; k++) {
    const ar = unitAt(base, Math.floor(random() * size))
      .langs.ar!.text.replace(/[\uE000-\uF8FF]/g, '')
      .trim();
    queries.push(ar, ar.split(' ').slice(1).join(' '));
  }
  return queries;
}

async function queryTimes(tm: TranslationMemory, into: string, queries: string[]): Promise<Record<string, number>> {
  const times: number[] = [];
  let found = 0;
  for (const q of queries) {
    const start = performance.now();
    const hits = await tm.match({ q, src: 'ar', tgt: ['en', 'zh'], min: 75, limit: 5, tms: [into] });
    times.push(performance.now() - start);
    if (hits.length > 0) found++;
  }
  times.sort((a, b) => a - b);
  return {
    queryP50Ms: round(percentile(times, 0.5), 3),
    queryP95Ms: round(percentile(times, 0.95), 3),
    queriesFound: found,
  };
}

async function exportPhase(file: string, url: string): Promise<Record<string, number>> {
  const { tm, redis } = await connect(url);
  const cpu0 = await cpuSeconds(redis);
  const t0 = performance.now();
  const result = await tm.exportTm(TM, fs.createWriteStream(file), { format: 'tmx', toolVersion: 'bench' });
  const seconds = (performance.now() - t0) / 1000;
  const cpu1 = await cpuSeconds(redis);
  await tm.close();
  redis.disconnect();
  if (result.written !== size) throw new Error(`export wrote ${result.written} units`);
  const unitsPerSecond = Math.round(size / seconds);
  return { unitsPerSecond, seconds: round(seconds, 2), peakRssMb: peakMb(), ...perThousand(cpu0, cpu1) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function main(): Promise<void> {
  if (args.phase) {
    const run = { import: importPhase, export: exportPhase, warm: (f: string, u: string) => importPhase(f, u, true) };
    const phase = run[args.phase as keyof typeof run];
    if (!phase) throw new Error(`unknown phase ${args.phase}`);
    process.stdout.write(`${JSON.stringify(await phase(args.file!, args.redis!))}\n`);
    return;
  }
  const binary = findOnPath('redis-server');
  if (!binary) throw new Error('bench:tmx needs redis-server on PATH');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mizan-bench-tmx-'));
  const port = await freePort();
  const server = await startEmbeddedRedis({ binary, port, dataDir: dir, appendOnly: false, logger: silentLogger });
  const url = `redis://127.0.0.1:${port}`;
  const file = path.join(dir, 'bench.tmx');
  try {
    log(`generating ${size} trilingual units to ${file}`);
    await generate(file);
    const results: Record<string, unknown> = { units: size, fileMb: round(fs.statSync(file).size / 2 ** 20, 1) };
    log(`  ${String(results.fileMb)} MB`);
    for (const phase of ['import', 'export', ...(args.warm ? ['warm'] : [])]) {
      // V8's heap growth as the server sets it (MIZAN_HEAP_GROWTH_PERCENT's default), and the flags and environment
      // `npm start` gives it (config/start-settings.ts; the environment's own values win): the phase runs as mizan.
      const growth = `--heap-growing-percent=${DEFAULT_CONFIG.heapGrowthPercent}`;
      const argv = [...process.execArgv, growth, ...START_NODE_FLAGS, process.argv[1]!, '--phase', phase];
      argv.push('--size', String(size));
      argv.push('--seed', String(seed), '--redis', url, '--file', phase === 'export' ? `${file}.out` : file);
      if (args.rebuild) argv.push('--rebuild');
      const stdio: ['ignore', 'pipe', 'inherit'] = ['ignore', 'pipe', 'inherit'];
      const out = execFileSync(process.execPath, argv, { encoding: 'utf8', stdio, env: startEnv() });
      results[phase] = JSON.parse(out.trim().split('\n').pop()!);
      log(`${phase}: ${JSON.stringify(results[phase])}`);
    }
    process.stdout.write(`${JSON.stringify(results)}\n`);
  } finally {
    await server.stop();
    if (!args.keep) fs.rmSync(dir, { recursive: true, force: true });
    else log(`kept ${dir}`);
  }
}

main().catch((err: unknown) => {
  log(String((err as Error)?.stack ?? err));
  process.exit(1);
});
