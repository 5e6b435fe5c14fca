/**
 * Concordance: units whose text contains a phrase, as a run of consecutive tokens. Each phrase token matches a unit
 * token with the same id or the same stem, so "الصين" also finds "والصين" and "للصين". Candidates come from the
 * postings of the phrase's rarest stem; slots are ordered by length, so shorter units come first.
 */
import { TokenBuffer, tokenizeCodes } from '../normalize';
import type { HitCounter, IndexBlock } from './block';
import type { PreparedQuery } from './query';
import type { Vocabulary } from './vocabulary';

export interface ConcordanceResult {
  total: number;
  /** Unit ids of the requested page, in order. */
  unitIds: string[];
}

/** The same with the page's units as table rows (TmIndex names them). */
export interface PhraseRows {
  total: number;
  rows: number[];
}

function matchesAt(block: IndexBlock, slot: number, at: number, q: PreparedQuery, stemOf: Int32Array): boolean {
  const from = block.off[slot]! + at;
  for (let k = 0; k < q.n; k++) {
    const id = block.ids[from + k]!;
    if (id !== q.ids[k] && stemOf[id] !== q.stems[k]) return false;
  }
  return true;
}

/** Start positions (token indexes) of the phrase in a slot. */
function occurrences(block: IndexBlock, slot: number, q: PreparedQuery, stemOf: Int32Array): number[] {
  const out: number[] = [];
  for (let at = 0; at + q.n <= block.lens[slot]!; at++) if (matchesAt(block, slot, at, q, stemOf)) out.push(at);
  return out;
}

export function findPhrase(
  block: IndexBlock,
  vocabulary: Vocabulary,
  q: PreparedQuery,
  offset: number,
  limit: number,
  counter: HitCounter,
): PhraseRows {
  const stemOf = vocabulary.stems;
  // A phrase stem the TM has never seen cannot match anything.
  if (q.n === 0 || [...q.stems].some((s) => s < 0)) return { total: 0, rows: [] };
  let rarest = q.stems[0]!;
  for (const s of q.stems) if (block.df(s) < block.df(rarest)) rarest = s;
  counter.touched.length = 0;
  block.countStem(rarest, q.n, Number.MAX_SAFE_INTEGER, 1, counter);
  const slots = [...counter.touched].sort((a, b) => a - b);
  let total = 0;
  const rows: number[] = [];
  for (const slot of slots) {
    if (occurrences(block, slot, q, stemOf).length === 0) continue;
    if (total >= offset && rows.length < limit) rows.push(block.rows[slot]!);
    total++;
  }
  return { total, rows };
}

const buffer = new TokenBuffer();

/** [start, end) spans of every occurrence of the phrase in a text. */
export function highlight(text: string, vocabulary: Vocabulary, q: PreparedQuery): [number, number][] {
  const tokens = tokenizeCodes(text, buffer);
  const looked = vocabulary.lookupCodes(tokens);
  const out: [number, number][] = [];
  for (let at = 0; at + q.n <= tokens.count; at++) {
    let ok = true;
    for (let k = 0; k < q.n && ok; k++) ok = looked.ids[at + k] === q.ids[k] || looked.stems[at + k] === q.stems[k];
    if (ok) out.push([tokens.from[at]!, tokens.to[at + q.n - 1]!]);
  }
  return out;
}
