/**
 * Import time of one long document triple, as POST /api/v1/documents spends it (documentRows: segmentation,
 * alignment, splitting, flags; no TM evidence): --sentences lines of a line-aligned corpus (ar.txt, en.txt, zh.txt)
 * laid out as running text (scripts/lib/raw-layout.ts), best of --runs after one warm-up (which also loads
 * CC-CEDICT). Target: ≤ 200 ms for 1,000 sentences. Wall time, and CPU time (process.cpuUsage: on a shared machine
 * the wall time mostly measures the other work). Last line: one JSON object.
 *
 *   npm run bench:align -- --corpus ../shared/corpora/tico19 [--sentences 1000] [--runs 5]
 */
import fs from 'node:fs';
import path from 'node:path';
import { documentRows } from '../src/service/documents';
import type { Lang } from '../src/types';
import { readOptions } from '../scripts/lib/cli';
import { layout, LANGS3 } from '../scripts/lib/raw-layout';
import { round } from '../scripts/lib/stats';

const cli = readOptions('usage: npm run bench:align -- --corpus DIR [--sentences 1000] [--runs 5]', {
  corpus: { type: 'string' },
  sentences: { type: 'string' },
  runs: { type: 'string' },
});
const dir = cli.values.corpus ?? cli.fail('--corpus DIR is required');
const n = cli.number('sentences', 1000);
const runs = cli.number('runs', 5);
const lines = Object.fromEntries(
  LANGS3.map((l) => [
    l,
    fs
      .readFileSync(path.join(dir, `${l}.txt`), 'utf8')
      .split('\n')
      .slice(0, n),
  ]),
) as Record<Lang, string[]>;
const doc = layout(lines, { merge: 0, omit: 0, random: Math.random });
const texts = { ar: doc.ar.text, en: doc.en.text, zh: doc.zh.text };
const warm = performance.now();
const rows = documentRows(texts);
const firstMs = performance.now() - warm;
const times: number[] = [];
const cpu: number[] = [];
for (let r = 0; r < runs; r++) {
  const t = performance.now();
  const used = process.cpuUsage();
  documentRows(texts);
  const spent = process.cpuUsage(used);
  times.push(performance.now() - t);
  cpu.push((spent.user + spent.system) / 1000);
}
times.sort((a, b) => a - b);
cpu.sort((a, b) => a - b);
const result = {
  corpus: path.basename(path.resolve(dir)),
  sentences: lines.ar.length,
  characters: texts.ar.length + texts.en.length + texts.zh.length,
  rows: rows.length,
  first_ms: round(firstMs, 1),
  best_ms: round(times[0]!, 1),
  median_ms: round(times[Math.floor(times.length / 2)]!, 1),
  best_cpu_ms: round(cpu[0]!, 1),
  median_cpu_ms: round(cpu[Math.floor(cpu.length / 2)]!, 1),
};
process.stderr.write(`${JSON.stringify(result, null, 1)}\n`);
process.stdout.write(`${JSON.stringify(result)}\n`);
