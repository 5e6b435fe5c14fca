/**
 * How long Redis is blocked by writing a large document: a generated document of --rows short trilingual rows is
 * written through TmStore.putDocument to a private redis-server, and SLOWLOG (threshold 1 ms) gives the duration
 * of every script call Redis ran. Reported: the longest stageDocument/putDocument call, the commitDocument call,
 * the number of calls and the client's total time; then the same for the one-call write of --single rows for
 * comparison (the largest putDocument a single call takes). Last line: one JSON object with every figure (ms).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../src/config';
import { withUnitIds } from '../src/service';
import { connectRedis, createRedis, Keys, TmStore } from '../src/store';
import { findOnPath, startEmbeddedRedis } from '../src/store/embedded-redis';
import { readOptions } from '../scripts/lib/cli';
import { round } from '../scripts/lib/stats';
import { freePort } from '../__tests__/helpers/redis-server';

const cli = readOptions('usage: npm run bench:document -- [--rows 50000] [--single 1000]', {
  rows: { type: 'string' },
  single: { type: 'string' },
});
const rows = cli.number('rows', 50_000);
const single = cli.number('single', 1000);

type SlowEntry = [number, number, number, string[]];

function document(n: number, id: string) {
  return withUnitIds('bench', {
    meta: { id, titles: { ar: 'وثيقة', en: '', zh: '' }, source: 'bench', date: '2026-12-04', order: 1 },
    segments: Array.from({ length: n }, (_, i) => ({
      position: i,
      paragraph: i,
      ar: `الجملة رقم ${i} في وثيقة طويلة.`,
      en: `Sentence number ${i} of a long document.`,
      zh: `长文档的第${i}句。`,
    })),
  });
}

async function main(): Promise<void> {
  const binary = findOnPath('redis-server');
  if (!binary) throw new Error('bench:document starts its own redis-server: none is on PATH');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mizan-document-'));
  const server = await startEmbeddedRedis({
    binary,
    port: await freePort(),
    dataDir,
    appendOnly: false,
    logger: silentLogger,
  });
  const redis = createRedis(
    { redisUrl: `redis://127.0.0.1:${server.port}`, redisClusterNodes: [], redisTimeoutMs: 60_000 },
    silentLogger,
  );
  try {
    await connectRedis(redis, 5000);
    // Commands run inside a script are logged too (Redis 7): only calls over 1 ms are kept, which every script call
    // of this size is and no single command inside one is.
    await redis.config('SET', 'slowlog-log-slower-than', '1000');
    await redis.config('SET', 'slowlog-max-len', '100000');
    const store = new TmStore(redis, new Keys('bench:'));
    const figures: Record<string, number> = { rows, single };
    for (const [label, n] of [
      ['staged', rows],
      ['one call', single],
    ] as const) {
      const doc = document(n, label === 'staged' ? 'dstaged' : 'done');
      await redis.slowlog('RESET');
      const started = performance.now();
      await store.putDocument('bench', doc);
      const total = performance.now() - started;
      const logged = (await redis.slowlog('GET', 100000)) as SlowEntry[];
      const calls = logged.filter((e) => /^eval(sha)?$/i.test(String(e[3][0])));
      const micros = calls.map((e) => e[2]);
      // The last script call is the commit (staged) or the only call (one call).
      const last = micros[0] ?? 0;
      const chunks = micros.slice(1);
      const key = label === 'staged' ? 'staged' : 'single';
      figures[`${key}_calls`] = calls.length;
      figures[`${key}_longest_ms`] = round(Math.max(...micros) / 1000, 1);
      figures[`${key}_last_call_ms`] = round(last / 1000, 1);
      if (chunks.length > 0) figures[`${key}_longest_chunk_ms`] = round(Math.max(...chunks) / 1000, 1);
      figures[`${key}_total_ms`] = round(total, 0);
      process.stderr.write(
        `${label.padEnd(9)} ${String(n).padStart(6)} rows: ${calls.length} script calls, longest ` +
          `${figures[`${key}_longest_ms`]} ms (last ${figures[`${key}_last_call_ms`]} ms), client total ` +
          `${figures[`${key}_total_ms`]} ms\n`,
      );
    }
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  } finally {
    redis.disconnect();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
