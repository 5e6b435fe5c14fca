/**
 * Deterministic benchmark data: a TM of Arabic units in clusters of near-duplicates, and a query mix
 * (⅓ exact copies of TM units, ⅓ with 1–3 word edits, ⅓ novel). Generated text by default; with a corpus file,
 * real sentences (one per line, or id<TAB>text) are the cluster bases and the corpus words the edit vocabulary.
 *
 * Generated text: a lexicon of synthetic Arabic words (triliteral roots in common patterns) plus the seed TM's
 * words, drawn with a Zipf distribution (s = 1.05) like real text, with clitic variants (و ف ب ل ال …).
 */
import fs from 'node:fs';
import type { Unit } from '../../src/types';
import { rng } from './rng';

export { rng };

const LETTERS = 'بتثجحخدذرزسشصضطظعغفقكلمنهوي';
const PATTERNS = [
  'C1aC2C3',
  'C1اC2C3',
  'مC1C2وC3',
  'C1C2يC3',
  'تC1C2يC3',
  'اC1C2C3',
  'مC1C2C3ة',
  'C1C2اC3ة',
  'يC1C2C3',
  'تC1C2C3',
  'مC1اC2C3',
  'C1C2C3ي',
];
const CLITICS = ['', '', '', '', 'و', 'ف', 'ب', 'ل', 'ال', 'وال', 'بال', 'لل'];

export interface Lexicon {
  words: string[];
  /** Cumulative Zipf weights. */
  cum: Float64Array;
}

function zipf(words: string[], s = 1.05): Lexicon {
  const cum = new Float64Array(words.length);
  let total = 0;
  for (let r = 0; r < words.length; r++) cum[r] = total += 1 / Math.pow(r + 1, s);
  return { words, cum };
}

export function draw(lex: Lexicon, random: () => number): string {
  const x = random() * lex.cum[lex.cum.length - 1]!;
  let lo = 0;
  let hi = lex.cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (lex.cum[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lex.words[lo]!;
}

export function syntheticLexicon(seedWords: string[], size: number, random: () => number): Lexicon {
  const seen = new Set<string>();
  const words: string[] = [];
  for (const w of seedWords) {
    if (seen.has(w)) continue;
    seen.add(w);
    words.push(w);
  }
  while (words.length < size) {
    const root = [0, 0, 0].map(() => LETTERS[Math.floor(random() * LETTERS.length)]!);
    const pattern = PATTERNS[Math.floor(random() * PATTERNS.length)]!;
    const stem = pattern.replace('C1', root[0]!).replace('C2', root[1]!).replace('C3', root[2]!).replace('a', '');
    const word = CLITICS[Math.floor(random() * CLITICS.length)]! + stem;
    if (seen.has(word)) continue;
    seen.add(word);
    words.push(word);
  }
  return zipf(words);
}

export function corpusLexicon(sentences: string[]): Lexicon {
  const freq = new Map<string, number>();
  for (const s of sentences) for (const w of s.split(/\s+/)) if (w) freq.set(w, (freq.get(w) ?? 0) + 1);
  const words = [...freq.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w);
  const cum = new Float64Array(words.length);
  let total = 0;
  words.forEach((w, i) => (cum[i] = total += freq.get(w)!));
  return { words, cum };
}

export function readCorpus(file: string): string[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => (line.includes('\t') ? line.slice(line.indexOf('\t') + 1) : line).trim())
    .filter((line) => line.split(/\s+/).length >= 3);
}

/** 1–k word edits: replace, insert, delete, or swap a clitic. */
export function edit(sentence: string, edits: number, lex: Lexicon, random: () => number): string {
  const words = sentence.split(' ');
  for (let e = 0; e < edits; e++) {
    const r = random();
    const at = Math.floor(random() * words.length);
    if (r < 0.45 || words.length < 3) words[at] = draw(lex, random);
    else if (r < 0.7) words.splice(at, 0, draw(lex, random));
    else if (r < 0.9) words.splice(at, 1);
    else words[at] = (random() < 0.5 ? 'و' : 'ب') + words[at]!;
  }
  return words.join(' ');
}

export function sentence(lex: Lexicon, random: () => number): string {
  const len = Math.max(4, Math.min(60, Math.round(22 + 8 * (random() + random() + random() - 1.5) * 1.4)));
  const words: string[] = [];
  for (let i = 0; i < len; i++) words.push(draw(lex, random));
  return words.join(' ') + '.';
}

export interface BenchData {
  tm: string[];
  queries: { text: string; kind: 'exact' | 'fuzzy' | 'novel' }[];
}

export function generate(size: number, queryCount: number, seed: number, corpus?: string[]): BenchData {
  const random = rng(seed);
  const lex = corpus ? corpusLexicon(corpus) : syntheticLexicon(seedWords(), 60_000, random);
  const bases = corpus ? [...corpus] : [];
  const held = corpus ? bases.splice(0, Math.min(Math.floor(bases.length / 10), queryCount)) : [];
  const unique = new Set<string>();
  const tm: string[] = [];
  let b = 0;
  while (tm.length < size) {
    const base = corpus ? bases[b++ % bases.length]! : sentence(lex, random);
    const variants = corpus ? Math.max(1, Math.round(size / bases.length)) : 1 + Math.floor(random() * 8);
    for (let v = 0; v < variants && tm.length < size; v++) {
      const text = v === 0 && b <= bases.length + 1 ? base : edit(base, 1 + Math.floor(random() * 5), lex, random);
      if (unique.has(text)) continue;
      unique.add(text);
      tm.push(text);
    }
  }
  const queries: BenchData['queries'] = [];
  for (let i = 0; i < queryCount; i++) {
    const kind = (['exact', 'fuzzy', 'novel'] as const)[i % 3]!;
    const source = tm[Math.floor(random() * tm.length)]!;
    if (kind === 'exact') queries.push({ text: source, kind });
    else if (kind === 'fuzzy') queries.push({ text: edit(source, 1 + Math.floor(random() * 3), lex, random), kind });
    else queries.push({ text: held.length ? held[i % held.length]! : sentence(lex, random), kind });
  }
  return { tm, queries };
}

/** Arabic words of the seed TM (tm/*.tmx), the start of the synthetic lexicon. */
function seedWords(): string[] {
  const dir = `${__dirname}/../../tm`;
  const words: string[] = [];
  for (const f of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.tmx'))
    .sort()) {
    const xml = fs.readFileSync(`${dir}/${f}`, 'utf8');
    for (const m of xml.matchAll(/<tuv xml:lang="ar"><seg>([^<]*)<\/seg>/g))
      words.push(...m[1]!.split(/[\s،.()"/:]+/).filter((w) => /[\u0621-\u064A]/.test(w)));
  }
  return words;
}

/** A unit of TM `t` in no document, with its Arabic text (the others empty unless given): for index tests and benches. */
export function bareUnit(unitId: string, ar: string, extra: Partial<Unit> = {}): Unit {
  return { unitId, tm: 't', documentId: '', position: 0, paragraph: 0, ar, en: '', zh: '', ...extra };
}
