/**
 * Segmentation time on adversarial texts (scripts/lib/adversarial-text.ts: written shapes, then 6 seeded generated
 * ones): paragraphs and sentences of one text of --size characters per shape and language, best of --runs. Every
 * pass must stay linear: the target is ≤ 1 s for 500k characters whatever the content. The figures are CPU time
 * (process.cpuUsage: on a shared machine, wall time mostly measures the other work); the wall time of the same runs
 * is in the JSON too. Last line: one JSON object with every figure (ms).
 */
import { segmentText, Segmenter } from '../src/align';
import { LANGS } from '../src/types';
import { adversarialTexts, generatedTexts } from '../scripts/lib/adversarial-text';
import { readOptions } from '../scripts/lib/cli';
import { round } from '../scripts/lib/stats';

const cli = readOptions('usage: npm run bench:segment -- [--size 500000] [--runs 3]', {
  size: { type: 'string' },
  runs: { type: 'string' },
});
const size = cli.number('size', 500_000);
const runs = cli.number('runs', 3);

const cpu: Record<string, Record<string, number>> = {};
const wall: Record<string, Record<string, number>> = {};
let worst = { ms: 0, shape: '', lang: '' };
for (const [shape, text] of Object.entries({ ...adversarialTexts(size), ...generatedTexts(size, 6) })) {
  cpu[shape] = {};
  wall[shape] = {};
  for (const lang of LANGS) {
    const segmenter = new Segmenter(lang);
    let best = Infinity;
    let bestWall = Infinity;
    for (let r = 0; r < runs; r++) {
      const started = performance.now();
      const used = process.cpuUsage();
      segmentText(text, segmenter);
      const spent = process.cpuUsage(used);
      best = Math.min(best, (spent.user + spent.system) / 1000);
      bestWall = Math.min(bestWall, performance.now() - started);
    }
    cpu[shape][lang] = round(best, 1);
    wall[shape][lang] = round(bestWall, 1);
    if (best > worst.ms) worst = { ms: best, shape, lang };
  }
  process.stderr.write(`${shape.padEnd(44)} ${LANGS.map((l) => `${l} ${cpu[shape]![l]} ms`).join('  ')} (CPU)\n`);
}
const summary = { size, runs, worst_cpu_ms: round(worst.ms, 1), worst_shape: worst.shape, worst_lang: worst.lang };
process.stdout.write(`${JSON.stringify({ ...summary, cpu_ms: cpu, wall_ms: wall })}\n`);
