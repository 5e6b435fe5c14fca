/**
 * How long Redis is blocked by writing a large document: a generated document of --rows short trilingual rows is
 * written through TmStore.putDocument to a private redis-server (new), written again with every row's English changed
 * (rewrite: every unit staged and renamed), one unit near its start deleted (row: the document written again
 * without it, as DELETE /api/v1/units/:id does; row-one-script: deleteUnit.lua alone, every row after it moved up in
 * one script, as it did before), then deleted whole (TmStore.deleteDocument); SLOWLOG (threshold 0) gives the
 * duration of every script call Redis ran, attributed to its script by SHA-1 (or by its source, for the EVAL that
 * loads it). Reported per phase: the longest call of each script, the number of calls, the client's wall and CPU
 * time. Then the one-call write of --single rows for comparison (the largest putDocument a single call takes). Last
 * line: one JSON object with every figure (ms).
 */
import { unitIdFor, withUnitIds } from '../src/service';
import { deleteFromLargeDocument } from '../src/service/unit-delete';
import { createHash } from 'node:crypto';
import { Keys, TmStore, UnitStore } from '../src/store';
import { SCRIPT_NAMES, scriptSource } from '../src/store/scripts';
import { readOptions } from '../scripts/lib/cli';
import { round } from '../scripts/lib/stats';
import { startPrivateRedis } from './private-redis';

const cli = readOptions('usage: npm run bench:document -- [--rows 50000] [--single 1000]', {
  rows: { type: 'string' },
  single: { type: 'string' },
});
const rows = cli.number('rows', 50_000);
const single = cli.number('single', 1000);

type SlowEntry = [number, number, number, string[]];

function document(n: number, id: string, version = '') {
  return withUnitIds('bench', {
    meta: { id, titles: { ar: 'وثيقة', en: '', zh: '' }, source: 'bench', date: '2026-12-04', order: 1 },
    segments: Array.from({ length: n }, (_, i) => ({
      position: i,
      paragraph: i,
      ar: `الجملة رقم ${i} في وثيقة طويلة.`,
      en: `Sentence number ${i} of a long document.${version}`,
      zh: `长文档的第${i}句。`,
    })),
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Script names by the SHA-1 EVALSHA names them with, and by their source's start (the EVAL that loads them). */
const SCRIPTS = SCRIPT_NAMES.map((name) => {
  const source = scriptSource(name);
  return { name, sha: createHash('sha1').update(source).digest('hex'), start: source.slice(0, 100) };
});

/** The script a SLOWLOG entry's arguments ran, if it ran one (SLOWLOG cuts long arguments at 128 bytes). */
function scriptOf(args: string[]): string | undefined {
  const command = String(args[0]).toLowerCase();
  if (command === 'evalsha') return SCRIPTS.find((s) => s.sha === args[1])?.name;
  // An EVAL shows only the start of its source: scripts that begin alike (the unit-tag function) are named together.
  if (command === 'eval')
    return (
      SCRIPTS.filter((s) => s.start.startsWith(String(args[1]).slice(0, 100)))
        .map((s) => s.name)
        .join('|') || undefined
    );
  return undefined;
}

async function main(): Promise<void> {
  const { redis, stop } = await startPrivateRedis('bench:document');
  try {
    // Every command is logged; only script calls are counted.
    await redis.config('SET', 'slowlog-log-slower-than', '0');
    await redis.config('SET', 'slowlog-max-len', '1000000');
    const keys = new Keys('bench:');
    const store = new TmStore(redis, keys);
    const figures: Record<string, number> = { rows, single };
    const phases: [string, () => Promise<unknown>][] = [
      ['new', () => store.putDocument('bench', document(rows, 'dlarge'))],
      ['rewrite', () => store.putDocument('bench', document(rows, 'dlarge', ' (revised)'))],
      // One unit near the start deleted: the document written again without it (what the API does), then the
      // next one by deleteUnit.lua alone (what it did: every row after it moved up in one script).
      ['row', () => deleteFromLargeDocument(store, 'bench', unitIdFor('bench', 'dlarge', 1))],
      ['row-one-script', () => new UnitStore(redis, keys).delete('bench', unitIdFor('bench', 'dlarge', 2))],
      ['delete', () => store.deleteDocument('bench', 'dlarge')],
      ['single', () => store.putDocument('bench', document(single, 'done'))],
    ];
    for (const [phase, run] of phases) {
      await redis.slowlog('RESET');
      const started = performance.now();
      const cpu = process.cpuUsage();
      await run();
      const { user, system } = process.cpuUsage(cpu);
      figures[`${phase}_total_ms`] = round(performance.now() - started, 0);
      figures[`${phase}_client_cpu_ms`] = round((user + system) / 1000, 0);
      const logged = (await redis.slowlog('GET', 1_000_000)) as SlowEntry[];
      const byScript = new Map<string, number[]>();
      for (const [, , micros, args] of logged) {
        const name = scriptOf(args);
        if (name) byScript.set(name, [...(byScript.get(name) ?? []), micros]);
      }
      const parts: string[] = [];
      for (const [name, micros] of byScript) {
        figures[`${phase}_${name}_calls`] = micros.length;
        figures[`${phase}_${name}_longest_ms`] = round(Math.max(...micros) / 1000, 1);
        figures[`${phase}_${name}_median_ms`] = round(median(micros) / 1000, 1);
        parts.push(
          `${name} ${micros.length}× median ${figures[`${phase}_${name}_median_ms`]} ms, ` +
            `longest ${figures[`${phase}_${name}_longest_ms`]} ms`,
        );
      }
      process.stderr.write(
        `${phase.padEnd(8)} ${parts.join(', ')}; client ${figures[`${phase}_total_ms`]} ms ` +
          `(${figures[`${phase}_client_cpu_ms`]} ms CPU)\n`,
      );
    }
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  } finally {
    await stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
