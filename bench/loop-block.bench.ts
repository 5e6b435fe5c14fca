/**
 * How long the heavy operations hold the event loop, in CPU time (which a loaded machine does not inflate, unlike
 * the loop delay): in-process against a private redis-server, a chain of setImmediate callbacks turns between any
 * two tasks, and the process CPU time (process.cpuUsage, all threads: GC helpers count too) between two turns is one
 * hold of the loop. Reported per operation: its CPU time, the longest hold, and the turns taken meanwhile.
 *
 * Operations: a document import of each adversarial segmentation text of scripts/lib/adversarial-text.ts (at
 * --chars characters, TM `fuzz`, after a warm-up import), then JSON.stringify of the imported document (the answer);
 * a batch of 500 queries over a TM of --size generated units; reading back the largest imported document; writing
 * a document of 3,000 rows (TmStore.putDocument) and the query after it, whose index applies those rows; the
 * compaction of a --compact-unit index block after 12 % of it is rewritten (at once, and aside: see compactions).
 *
 * npm run bench:loop -- [--chars 20000] [--size 2000] [--compact 100000]
 */
import { silentLogger } from '../src/config';
import { TmIndex } from '../src/match';
import { yieldLoop } from '../src/slices';
import { TranslationMemory, withUnitIds } from '../src/service';
import { Keys, TmStore } from '../src/store';
import { adversarialTexts } from '../scripts/lib/adversarial-text';
import { readOptions } from '../scripts/lib/cli';
import { bareUnit, generate } from '../scripts/lib/generate';
import { round } from '../scripts/lib/stats';
import { startPrivateRedis } from './private-redis';

const cli = readOptions('usage: npm run bench:loop -- [--chars 20000] [--size 2000] [--compact 100000]', {
  chars: { type: 'string' },
  size: { type: 'string' },
  compact: { type: 'string' },
});
const compactSize = cli.number('compact', 100_000);
const chars = cli.number('chars', 20_000);
const size = cli.number('size', 2000);
const log = (s: string) => process.stderr.write(`${s}\n`);

const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

interface Hold {
  op: string;
  cpu_ms: number;
  longest_hold_cpu_ms: number;
  /** Wall time of the longest stretch between two turns (what a waiting request feels; a busy machine inflates it). */
  longest_hold_ms: number;
  turns: number;
}

/** Runs `work` with a setImmediate chain turning beside it; the longest CPU time between two turns. */
async function measure(op: string, work: () => Promise<unknown> | unknown): Promise<Hold> {
  let last = process.cpuUsage();
  let lastWall = performance.now();
  let longest = 0;
  let longestWall = 0;
  let turns = 0;
  let running = true;
  const tick = () => {
    const now = process.cpuUsage();
    const wall = performance.now();
    longest = Math.max(longest, cpuMs({ user: now.user - last.user, system: now.system - last.system }));
    longestWall = Math.max(longestWall, wall - lastWall);
    last = now;
    lastWall = wall;
    turns++;
    if (running) setImmediate(tick);
  };
  const started = process.cpuUsage();
  setImmediate(tick);
  await work();
  const cpu = cpuMs(process.cpuUsage(started));
  tick(); // the stretch since the last turn
  running = false;
  const hold = {
    op,
    cpu_ms: round(cpu, 1),
    longest_hold_cpu_ms: round(longest, 1),
    longest_hold_ms: round(longestWall, 1),
    turns,
  };
  log(
    `${op.padEnd(60)} cpu ${String(hold.cpu_ms).padStart(7)} ms   longest hold ${hold.longest_hold_cpu_ms} ms CPU, ` +
      `${hold.longest_hold_ms} ms wall`,
  );
  return hold;
}

/**
 * The rebuild of an index block after writes: `units` units, 12 % of them then rewritten, and the query that finds
 * the block due. At once (a TmIndex without a pace: the query rebuilds it) and aside (with the service's yieldLoop:
 * the query starts the rebuild and goes on; measured until the new block takes over, writes continuing meanwhile).
 * The CPU column counts every thread, the block worker's too: the wall column is the main thread's hold here.
 */
async function compactions(units: number): Promise<Hold[]> {
  const { tm: sentences } = generate(units, 0, 3);
  const { tm: rewrites } = generate(Math.ceil(units * 0.12), 0, 4);
  const unit = (unitId: string, ar: string) => bareUnit(unitId, ar, { en: 'e' });
  const holds: Hold[] = [];
  for (const pace of [undefined, yieldLoop]) {
    const index = new TmIndex({ pace });
    index.load(sentences.map((ar, i) => unit(`u${i}`, ar)));
    await index.prepareAsync('ar');
    rewrites.forEach((ar, i) => index.upsert(unit(`u${i * 8}`, ar)));
    const query = () => index.search(sentences[1]!, 'ar', { min: 70, limit: 5 });
    const how = pace ? 'aside, until the new block takes over' : 'at once, by the query';
    holds.push(
      await measure(`compaction of ${units} units (12 % rewritten), ${how}`, async () => {
        query();
        for (let k = 0; index.compacting('ar'); k++) {
          index.upsert(unit(`u${k * 8 + 1}`, rewrites[k % rewrites.length]!));
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
      }),
    );
  }
  return holds;
}

async function main(): Promise<void> {
  const { redis, stop } = await startPrivateRedis('bench:loop');
  const holds: Hold[] = [];
  try {
    const store = new TmStore(redis, new Keys('mizan:'));
    const tm = new TranslationMemory(store, silentLogger, 'main');
    const { tm: sentences } = generate(size, 0, 42);
    const segments = sentences.map((ar, i) => ({ position: i, paragraph: 0, ar, en: `unit ${i}`, zh: `单元 ${i}` }));
    const meta = {
      id: 'bench-main',
      titles: { ar: 'وثيقة', en: '', zh: '' },
      source: 'b',
      date: '2026-12-04',
      order: 1,
    };
    await store.putDocument('main', withUnitIds('main', { meta, segments }));
    // Warm-up (the server does the same at startup): tables, ICU data, the index of TM main in Arabic.
    await tm.importDocument({ tm: 'fuzz', ar: 'نص قصير. وآخر.', en: 'A short text. Another.', zh: '短文。另一个。' });
    await tm.match({ q: sentences[0]!, src: 'ar', tgt: ['en'], min: 50, limit: 5, tms: ['main'] });
    let largest = { id: '', rows: 0 };
    const texts = { 'dots 24k': 'كلمة ' + '.'.repeat(24_000), ...adversarialTexts(chars) };
    for (const [name, ar] of Object.entries(texts)) {
      let doc: Awaited<ReturnType<TranslationMemory['importDocument']>>['document'] | undefined;
      holds.push(
        await measure(`import: ${name}`, async () => {
          // A text without words is refused (TEXT_EMPTY, as over HTTP): its hold up to the refusal counts.
          doc = (await tm.importDocument({ tm: 'fuzz', ar }).catch(() => undefined))?.document;
        }),
      );
      if (!doc) continue;
      holds.push(await measure(`  its answer, JSON.stringify (${doc.rows.length} rows)`, () => JSON.stringify(doc)));
      if (doc.rows.length > largest.rows) largest = { id: doc.summary.id, rows: doc.rows.length };
    }
    const queries = Array.from({ length: 500 }, (_, i) => ({
      q: sentences[i % sentences.length]!,
      src: 'ar' as const,
      tgt: ['en' as const],
      min: 50,
      limit: 5,
      tms: ['main'],
    }));
    holds.push(await measure('batch of 500 queries', () => tm.matchBatch(queries)));
    holds.push(
      await measure(`read back a document of ${largest.rows} rows`, () => store.getDocument('fuzz', largest.id)),
    );
    const rows = segments.slice(0, 3000).map((r, i) => ({ ...r, position: i, ar: `${r.ar} ${i}` }));
    const written = withUnitIds('fuzz', { meta: { ...meta, id: 'bench-write' }, segments: rows });
    holds.push(await measure(`write a document of ${rows.length} rows`, () => store.putDocument('fuzz', written)));
    const next = { ...queries[0]!, tms: ['fuzz'] };
    holds.push(await measure('the next query in that TM (its index catches up)', () => tm.match(next)));
    holds.push(...(await compactions(compactSize)));
    process.stdout.write(JSON.stringify({ chars, size, compact: compactSize, holds }) + '\n');
  } finally {
    await stop();
  }
}

main().catch((err: unknown) => {
  log(String((err as Error)?.stack ?? err));
  process.exit(1);
});
