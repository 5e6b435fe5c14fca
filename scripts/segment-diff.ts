/**
 * node --import tsx scripts/segment-diff.ts --corpus DIR [--corpus DIR …] [--base CHECKOUT] [--fuzz 20000]
 *
 * Whether segmentation gives the same sentences two ways, on real text and on hostile text:
 * - this checkout's segmenter where it does without ICU (icu-verdict.ts) against the same segmenter made to ask ICU
 *   about every paragraph (the path every paragraph took before);
 * - with --base, this checkout against another checkout's segmenter (e.g. `--base ../main`), both as users call them.
 * Texts: each corpus line of ar.txt, en.txt and zh.txt alone, and 40 and 400 consecutive lines joined into one
 * paragraph; every adversarial and generated shape of scripts/lib/adversarial-text.ts (20k characters); --fuzz random
 * texts of 1–60 characters drawn from the characters that sentence breaking treats specially. Prints the counts and
 * the first differences; the last line is one JSON object. Exits with 1 when anything differs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { paragraphs, Segmenter, segmentText } from '../src/align';
import { LANGS, type Lang } from '../src/types';
import { adversarialTexts, fuzzTexts, generatedTexts } from './lib/adversarial-text';
import { readOptions } from './lib/cli';

const cli = readOptions(
  'usage: node --import tsx scripts/segment-diff.ts --corpus DIR [--corpus DIR …] [--base CHECKOUT] [--fuzz N]',
  {
    corpus: { type: 'string', multiple: true },
    base: { type: 'string' },
    fuzz: { type: 'string' },
  },
);
const log = (s: string) => process.stderr.write(`${s}\n`);

interface BaseSegmenter {
  sentences(text: string): string[];
}
interface Base {
  Segmenter: new (lang: Lang) => BaseSegmenter;
  segmentText(text: string, segmenter: BaseSegmenter): { sentences: string[] }[];
}

async function main(): Promise<void> {
  const base = cli.values.base
    ? ((await import(path.resolve(cli.values.base, 'src/align/segment.ts'))) as Base)
    : undefined;
  const texts: Record<Lang, string[]> = { ar: [], en: [], zh: [] };
  for (const dir of cli.values.corpus ?? []) {
    for (const lang of LANGS) {
      const lines = fs
        .readFileSync(path.join(dir, `${lang}.txt`), 'utf8')
        .split('\n')
        .filter(Boolean);
      texts[lang].push(...lines);
      for (const size of [40, 400])
        for (let k = 0; k < lines.length; k += size) texts[lang].push(lines.slice(k, k + size).join(' '));
    }
  }
  const hostile = Object.values({ ...adversarialTexts(20_000), ...generatedTexts(20_000, 6) });
  const fuzz = fuzzTexts(cli.number('fuzz', 20_000));
  const report: Record<string, number> = {};
  let differences = 0;
  for (const lang of LANGS) {
    const segmenter = new Segmenter(lang);
    const old = base ? new base.Segmenter(lang) : undefined;
    const counted = differences;
    let withIcu = 0;
    let k = 0;
    const all = [...texts[lang], ...fuzz];
    for (const text of all) {
      if (k++ < texts[lang].length && !segmenter.withoutIcu(text)) withIcu++;
      const now = segmenter.sentences(text);
      const forced = segmenter.sentences(text, segmenter.icuBreaks(text));
      const before = old?.sentences(text) ?? forced;
      if (same(now, forced) && same(now, before)) continue;
      if (differences++ < 10)
        log(`${lang}: ${JSON.stringify(text)}\n  now ${show(now)}\n  ICU ${show(forced)}\n  base ${show(before)}`);
    }
    for (const text of hostile) {
      const now = segmentText(text, segmenter).flatMap((p) => p.sentences);
      const forced = paragraphs(text).flatMap((p) => segmenter.sentences(p, segmenter.icuBreaks(p)));
      const before = base && old ? base.segmentText(text, old).flatMap((p) => p.sentences) : forced;
      if (same(now, forced) && same(now, before)) continue;
      if (differences++ < 10) log(`${lang}: hostile text ${JSON.stringify(text.slice(0, 40))}…`);
    }
    report[`${lang}_texts`] = all.length + hostile.length;
    report[`${lang}_differences`] = differences - counted;
    report[`${lang}_corpus_texts`] = texts[lang].length;
    report[`${lang}_corpus_texts_asking_icu`] = withIcu;
    log(
      `${lang}: ${all.length + hostile.length} texts, ${texts[lang].length} from corpora (${withIcu} of them ask ICU)`,
    );
  }
  report.differences = differences;
  process.stdout.write(`${JSON.stringify(report)}\n`);
  process.exitCode = differences ? 1 : 0;
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((s, k) => s === b[k]);
const show = (s: readonly string[]) => JSON.stringify(s);

void main();
