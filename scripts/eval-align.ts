/**
 * npm run eval:align -- --corpus <dir> [--merge 0.1] [--seed 1] [--per-doc] [--join N] [--raw [--omit 0.1 | --omit-one]]
 *
 * Reads a line-aligned corpus folder (ar.txt, en.txt, zh.txt, docids.txt), rebuilds its documents, optionally merges
 * a seeded fraction of adjacent sentence pairs on one side at a time (creating 1:2 and 2:1 gold links), aligns
 * ar–en and ar–zh with mizan's aligner and with a Gale–Church baseline (length only) in the same run, and reports
 * precision/recall/F1 of links and the time. The last line is one JSON object.
 *
 * --raw: the documents as running text through the import step instead (scripts/lib/eval-raw.ts), with the review
 * flags measured too; --omit drops a seeded fraction of lines from one language each, --omit-one one line of one
 * language per document (issue 11's omission test).
 * EVAL_SWEEP=1 (with --raw): also each candidate review signal's figures (scripts/lib/flag-sweep.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { alignDocument, alignItems, type Bead, type TargetLang } from '../src/align';
import { DEFAULT_MODELS } from '../src/align/length-model';
import { cedict } from '../src/align/lexicon';
import { arEnLexicon } from '../src/align/ar-lexicon';
import { readOptions } from './lib/cli';
import { evalRaw, timeRaw } from './lib/eval-raw';
import { rng } from './lib/rng';
import { prf, round } from './lib/stats';

const cli = readOptions(
  `usage: npm run eval:align -- --corpus DIR [--merge 0.1] [--seed 1] [--per-doc] [--join N] [--raw [--omit 0.1 | --omit-one]]
  DIR holds ar.txt, en.txt, zh.txt and docids.txt, line-aligned. --merge: the fraction of adjacent sentence pairs
  merged on one side at a time (seeded by --seed); --per-doc: P/R/F1 of every document on standard error;
  --join N: every N consecutive documents read as one (article-length documents from a corpus of short ones).
  --raw: documents as running text, imported as POST /api/v1/documents does; --omit: the fraction of lines dropped
  from one language (--raw only); --omit-one: one line of one language dropped per document (--raw only).`,
  {
    raw: { type: 'boolean' },
    omit: { type: 'string' },
    'omit-one': { type: 'boolean' },
    corpus: { type: 'string' },
    merge: { type: 'string' },
    seed: { type: 'string' },
    'per-doc': { type: 'boolean' },
    join: { type: 'string' },
  },
);
const dir = cli.values.corpus ?? cli.fail('--corpus DIR is required');
const mergeRate = cli.number('merge', 0);
const random = rng(cli.number('seed', 1));
const log = (s: string) => process.stderr.write(`${s}\n`);

const read = (f: string) => fs.readFileSync(path.join(dir, f), 'utf8').replace(/\n$/, '').split('\n');
const lines = { ar: read('ar.txt'), en: read('en.txt'), zh: read('zh.txt') };
const docids = read('docids.txt');

/** A side of a document: sentences, and for each, which original lines it holds. */
interface Side {
  sentences: string[];
  lines: number[][];
}

function side(texts: string[], joiner: string): Side {
  const out: Side = { sentences: [], lines: [] };
  texts.forEach((t, k) => {
    const last = out.sentences.length - 1;
    if (k > 0 && mergeRate > 0 && random() < mergeRate && out.lines[last]!.length === 1) {
      out.sentences[last] += joiner + t;
      out.lines[last]!.push(k);
    } else {
      out.sentences.push(t);
      out.lines.push([k]);
    }
  });
  return out;
}

/** Links as "arLine:targetLine" pairs of original lines (gold: line k ↔ line k). */
function links(beads: Bead[], ar: Side, target: Side): Set<string> {
  const out = new Set<string>();
  for (const b of beads) {
    const al = ar.lines.slice(b.a0, b.a1).flat();
    const tl = target.lines.slice(b.t0, b.t1).flat();
    for (const a of al.length ? al : [-1]) for (const t of tl.length ? tl : [-1]) out.add(`${a}:${t}`);
  }
  return out;
}

/** Gold at sentence granularity: a merged sentence links to every line of the sentences it overlaps. */
function goldLinks(ar: Side, target: Side): Set<string> {
  const tOf = new Map<number, number>();
  target.lines.forEach((ls, s) => ls.forEach((l) => tOf.set(l, s)));
  const beads: Bead[] = [];
  let a = 0;
  let t = 0;
  while (a < ar.sentences.length) {
    // Grow the bead until both sides end on the same line.
    let a1 = a + 1;
    let t1 = tOf.get(ar.lines[a1 - 1]!.at(-1)!)! + 1;
    for (;;) {
      const lastT = target.lines[t1 - 1]!.at(-1)!;
      const lastA = ar.lines[a1 - 1]!.at(-1)!;
      if (lastT === lastA) break;
      if (lastT > lastA) a1++;
      else t1++;
    }
    beads.push({ a0: a, a1, t0: t, t1, confidence: 1 });
    a = a1;
    t = t1;
  }
  return links(beads, ar, target);
}

interface Score {
  tp: number;
  pred: number;
  gold: number;
}
const add = (s: Score, pred: Set<string>, gold: Set<string>) => {
  for (const p of pred) if (gold.has(p)) s.tp++;
  s.pred += pred.size;
  s.gold += gold.size;
};
const f1 = (s: Score) => prf(s.tp, s.pred, s.tp, s.gold);

// The lexicons (CC-CEDICT, FreeDict's Arabic–English) load once per process; their load time is reported apart
// from the alignment time.
const loadStart = performance.now();
cedict();
arEnLexicon();
const lexiconLoadMs = performance.now() - loadStart;

const docs = new Map<string, number[]>();
docids.forEach((id, k) => (docs.get(id) ?? docs.set(id, []).get(id)!).push(k));
// --join N: every N consecutive documents as one, in the order they first appear (flores200_devtest's 3-line
// documents read as 20-line articles: an omission is then one row among many, as in a news report).
const join = cli.number('join', 1);
if (join > 1) {
  const groups = [...docs.values()];
  docs.clear();
  for (let g = 0; g < groups.length; g += join) docs.set(`joined-${g / join}`, groups.slice(g, g + join).flat());
}
if (cli.values.raw) {
  const omitOne = !!cli.values['omit-one'];
  const run = evalRaw(lines, docs, { merge: mergeRate, omit: cli.number('omit', 0), omitOne, random, log });
  const n = Math.min(1000, lines.ar.length);
  const longMs = Math.min(...[0, 1, 2].map(() => timeRaw(lines, [...Array(n).keys()])));
  const result = {
    corpus: path.basename(path.resolve(dir)),
    raw: true,
    merge: mergeRate,
    omit: cli.number('omit', 0),
    omit_one: omitOne,
    join,
    docs: run.docs,
    sentences: run.lines,
    ...run.result,
    ms_per_1000_sentences: round((run.ms / run.lines) * 1000, 1),
    long_document_sentences: n,
    long_document_ms: round(longMs, 1),
    lexicon_load_ms: round(lexiconLoadMs, 0),
  };
  for (const [k, v] of Object.entries(result)) log(`${k.padEnd(24)} ${typeof v === 'object' ? JSON.stringify(v) : v}`);
  process.stdout.write(JSON.stringify(result) + '\n');
  process.exit(0);
}
const score = { en: { tp: 0, pred: 0, gold: 0 }, zh: { tp: 0, pred: 0, gold: 0 } };
const base = { en: { tp: 0, pred: 0, gold: 0 }, zh: { tp: 0, pred: 0, gold: 0 } };
let sentences = 0;
let ms = 0;
let done = 0;
const noAnchors = { numbers: [], spelled: [], latin: [], names: [], question: 0, exclaim: 0, quote: 0, paren: 0 };
for (const [id, ks] of docs) {
  const ar = side(
    ks.map((k) => lines.ar[k]!),
    ' ',
  );
  sentences += ar.sentences.length;
  const targets = {
    en: side(
      ks.map((k) => lines.en[k]!),
      ' ',
    ),
    zh: side(
      ks.map((k) => lines.zh[k]!),
      '',
    ),
  };
  const t = performance.now();
  const aligned = alignDocument(
    [{ sentences: ar.sentences }],
    [{ sentences: targets.en.sentences }],
    [{ sentences: targets.zh.sentences }],
  );
  ms += performance.now() - t;
  for (const lang of ['en', 'zh'] as TargetLang[]) {
    const target = targets[lang];
    const gold = goldLinks(ar, target);
    const beads = aligned[lang]!.beads;
    const predicted = links(beads, ar, target);
    add(score[lang], predicted, gold);
    if (cli.values['per-doc']) {
      const d = { tp: 0, pred: 0, gold: 0 };
      add(d, predicted, gold);
      log(`${lang} ${id} sentences=${ar.sentences.length} ${JSON.stringify(f1(d))}`);
    }
    const len = (s: string) => (lang === 'zh' ? s.replace(/\s+/g, '').length : s.length);
    const gc = alignItems(
      ar.sentences.map((s) => ({ len: s.length, anchors: noAnchors })),
      target.sentences.map((s) => ({ len: len(s), anchors: noAnchors })),
      { model: DEFAULT_MODELS[lang] },
    );
    add(base[lang], links(gc, ar, target), gold);
  }
  if (++done % 200 === 0) log(`${done}/${docs.size} documents`);
}

// One long document: the corpus's first 1,000 lines as a single triple.
const n = Math.min(1000, lines.ar.length);
const t0 = performance.now();
alignDocument(
  [{ sentences: lines.ar.slice(0, n) }],
  [{ sentences: lines.en.slice(0, n) }],
  [{ sentences: lines.zh.slice(0, n) }],
);
const longMs = performance.now() - t0;

const result = {
  corpus: path.basename(path.resolve(dir)),
  merge: mergeRate,
  docs: docs.size,
  sentences,
  ar_en: f1(score.en),
  ar_zh: f1(score.zh),
  baseline_ar_en: f1(base.en),
  baseline_ar_zh: f1(base.zh),
  ar_en_f1: f1(score.en).f1,
  ar_zh_f1: f1(score.zh).f1,
  baseline_ar_en_f1: f1(base.en).f1,
  baseline_ar_zh_f1: f1(base.zh).f1,
  ms_per_1000_sentences: round((ms / sentences) * 1000, 1),
  long_document_sentences: n,
  long_document_ms: round(longMs, 1),
  lexicon_load_ms: round(lexiconLoadMs, 0),
};
for (const [k, v] of Object.entries(result)) log(`${k.padEnd(24)} ${typeof v === 'object' ? JSON.stringify(v) : v}`);
process.stdout.write(JSON.stringify(result) + '\n');
