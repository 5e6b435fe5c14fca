/**
 * Segmentation time on adversarial texts (scripts/lib/adversarial-text.ts: written shapes, then 6 seeded generated
 * ones): paragraphs and sentences of one text of --size characters per shape and language, best of --runs. Every
 * pass must stay linear: the target is ≤ 1 s for 500k characters whatever the content. Last line: one JSON object
 * with every figure (ms).
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

const figures: Record<string, Record<string, number>> = {};
let worst = 0;
for (const [shape, text] of Object.entries({ ...adversarialTexts(size), ...generatedTexts(size, 6) })) {
  figures[shape] = {};
  for (const lang of LANGS) {
    const segmenter = new Segmenter(lang);
    let best = Infinity;
    for (let r = 0; r < runs; r++) {
      const started = performance.now();
      segmentText(text, segmenter);
      best = Math.min(best, performance.now() - started);
    }
    figures[shape][lang] = round(best, 1);
    worst = Math.max(worst, best);
  }
  process.stderr.write(`${shape.padEnd(44)} ${LANGS.map((l) => `${l} ${figures[shape]![l]} ms`).join('  ')}\n`);
}
process.stdout.write(`${JSON.stringify({ size, runs, worst_ms: round(worst, 1), figures })}\n`);
