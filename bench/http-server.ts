/**
 * The server side of bench:http, run as its own process so that the load generator does not share its core:
 * loads the generated TM into Redis under a throw-away key prefix (documents of 1,000 rows), builds the index with
 * one query, listens on a free port and prints `ready <port>`. On SIGTERM it deletes its keys and exits.
 * `--workers N` (N > 1): the primary loads Redis, then N node:cluster workers each build their own index from it and
 * share one port; `ready <port>` comes once all of them listen.
 */
import cluster from 'node:cluster';
import type { AddressInfo } from 'node:net';
import { loadConfig, silentLogger } from '../src/config';
import { createApp } from '../src/http/app';
import { createTranslator } from '../src/i18n';
import { indexTexts, TranslationMemory, withUnitIds } from '../src/service';
import { connectRedis, createRedis, Keys, TmStore, type RedisClient } from '../src/store';
import { readOptions } from '../scripts/lib/cli';
import { generate } from './generate';

const cli = readOptions('usage: node --import tsx bench/http-server.ts [--size 10000] [--seed 42] [--workers 1]', {
  size: { type: 'string' },
  seed: { type: 'string' },
  workers: { type: 'string' },
});
const size = cli.number('size', 10_000);
const seed = cli.number('seed', 42);
const workers = cli.number('workers', 1);
const prefix = process.env.MIZAN_BENCH_PREFIX ?? `mizan-bench-${process.pid}:`;
const ROWS_PER_DOC = 1000;

async function main(): Promise<void> {
  // Rate limits on but out of reach (the counting is measured, autocannon is never refused), unless the environment
  // sets them (MIZAN_RATE_READ_PER_MIN=0: measured without).
  const limits = process.env.MIZAN_RATE_READ_PER_MIN ? {} : { rateReadPerMin: 1_000_000, rateWritePerMin: 1_000_000 };
  const config = loadConfig(process.env, { keyPrefix: prefix, port: 0, host: '127.0.0.1', ...limits });
  const redis = createRedis(config, silentLogger);
  await connectRedis(redis, 5000);
  const keys = new Keys(prefix);
  const store = new TmStore(redis, keys);
  const data = generate(size, 0, seed);
  if (!cluster.isWorker) await fill(store, data.tm);
  if (cluster.isPrimary && workers > 1) return primary(redis, keys);
  const tm = new TranslationMemory(store, silentLogger, 'main', config.freshness, { indexTexts: indexTexts(config) });
  await tm.match({ q: data.tm[0]!, src: 'ar', tgt: ['en', 'zh'], min: 70, limit: 5, tms: ['main'] });
  const app = createApp({ tm, translator: await createTranslator(), config, logger: silentLogger, version: 'bench' });
  const server = app.listen(0, '127.0.0.1', () => {
    const port = (server.address() as AddressInfo).port;
    if (cluster.isWorker) process.send!({ port });
    else process.stdout.write(`ready ${port}\n`);
  });
  process.on('SIGTERM', async () => {
    server.close();
    if (!cluster.isWorker) await wipe(redis, keys);
    redis.disconnect();
    process.exit(0);
  });
}

async function fill(store: TmStore, tmRows: string[]): Promise<void> {
  for (let d = 0; d * ROWS_PER_DOC < tmRows.length; d++) {
    const segments = tmRows
      .slice(d * ROWS_PER_DOC, (d + 1) * ROWS_PER_DOC)
      .map((ar, i) => ({ position: i, paragraph: 0, ar, en: `en ${d}.${i}`, zh: `中文 ${d}.${i}` }));
    const meta = {
      id: `bench-${d}`,
      titles: { ar: `وثيقة ${d}`, en: `doc ${d}`, zh: `文档 ${d}` },
      source: 'bench',
      date: '2026-01-01',
      order: d,
    };
    await store.putDocument('main', withUnitIds('main', { meta, segments }));
  }
}

/** Forks the workers (they share the port node:cluster gives the first), prints `ready` once all listen. */
async function primary(redis: RedisClient, keys: Keys): Promise<void> {
  let listening = 0;
  for (let i = 0; i < workers; i++) {
    cluster.fork({ MIZAN_BENCH_PREFIX: prefix }).on('message', (m: { port: number }) => {
      if (++listening === workers) process.stdout.write(`ready ${m.port}\n`);
    });
  }
  process.on('SIGTERM', async () => {
    for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM');
    await wipe(redis, keys);
    redis.disconnect();
    process.exit(0);
  });
}

async function wipe(redis: RedisClient, keys: Keys): Promise<void> {
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', keys.everything(), 'COUNT', 5000);
    cursor = next;
    if (found.length) await redis.unlink(...found);
  } while (cursor !== '0');
}

main().catch((err) => {
  process.stderr.write(`${err?.stack ?? err}\n`);
  process.exit(1);
});
