/**
 * A row boundary the lexicon speaks against: a Chinese clause at the edge of a row whose words gloss (CC-CEDICT,
 * lexicon.ts) into the next (or previous) row's English and not into its own. Corpus and pasted text both have
 * Chinese lines that carry a clause of the next sentence (`…延迟了 4 至 6 个月，此外还导致全球个人防护设备短缺。`
 * where the English and Arabic put "It has also caused a shortage of personal protective equipment worldwide" in the
 * next sentence): every language then has as many sentences as the others, the lengths vary no more than right rows
 * do, and the DP is sure of both rows (0.97). Only the words tell.
 */
import type { AlignedRow } from './rows';
import { cedict, type ZhEnLexicon } from './lexicon';

/**
 * Words of the edge clause that gloss into the neighbour's English only, from which the boundary is doubtful (when
 * none glosses into the row's own English only). `eval:align --raw` (docs/benchmarks.md): 4 catches the tico19
 * rows and flags no more than 0.2 % more rows on any corpus; 3 flags 0.1–0.5 % more (wmt24pp 0.2 %), 2 up to 1.1 %.
 */
export const SHIFTED_WORDS = 4;

/** Clause marks of Chinese: a clause ends at one of these. */
const CLAUSE_END = /[，；：]/gu;

/** The Chinese text's last clause (after its last clause mark) and first one (up to its first), if it has two. */
function edges(zh: string): { first: string; last: string } | null {
  const marks = [...zh.matchAll(CLAUSE_END)].map((m) => m.index);
  if (marks.length === 0) return null;
  const first = zh.slice(0, marks[0]! + 1);
  const last = zh.slice(marks[marks.length - 1]! + 1);
  return first.trim() && last.trim() ? { first, last } : null;
}

class Glosses {
  private readonly en = new Map<number, Set<number>>();
  constructor(
    private readonly lexicon: ZhEnLexicon,
    private readonly rows: readonly AlignedRow[],
  ) {}

  /** English key ids of row k's English. */
  keys(k: number): Set<number> {
    let keys = this.en.get(k);
    if (!keys) this.en.set(k, (keys = new Set(this.lexicon.englishIds([this.rows[k]!.en]).ids)));
    return keys;
  }

  /** Words of `clause` glossing into `into`'s English and not into `not`'s. */
  only(clause: string, into: number, not: number): number {
    const [yes, no] = [this.keys(into), this.keys(not)];
    const { glossStart, glossIds } = this.lexicon;
    let n = 0;
    for (const entry of this.lexicon.words(clause)) {
      if (entry < 0) continue;
      let hit = false;
      let miss = false;
      for (let g = glossStart[entry]!; g < glossStart[entry + 1]!; g++) {
        hit ||= yes.has(glossIds[g]!);
        miss ||= no.has(glossIds[g]!);
      }
      if (hit && !miss) n++;
    }
    return n;
  }
}

/** A clause whose words speak for the neighbour row: SHIFTED_WORDS or more, and none for its own row. */
const speaksFor = (g: Glosses, clause: string, neighbour: number, own: number) =>
  g.only(clause, neighbour, own) >= SHIFTED_WORDS && g.only(clause, own, neighbour) === 0;

/**
 * Boundaries k (between rows k and k + 1, both with Arabic, English and Chinese) where row k's last Chinese clause
 * speaks for row k + 1's English, or row k + 1's first for row k's. Empty without the lexicon.
 */
export function shiftedBoundaries(rows: readonly AlignedRow[]): Set<number> {
  const out = new Set<number>();
  const lexicon = cedict();
  if (!lexicon) return out;
  const g = new Glosses(lexicon, rows);
  const full = (r: AlignedRow | undefined) => !!r && !!r.ar && !!r.en && !!r.zh;
  for (let k = 0; k + 1 < rows.length; k++) {
    if (!full(rows[k]) || !full(rows[k + 1])) continue;
    const here = edges(rows[k]!.zh);
    const next = edges(rows[k + 1]!.zh);
    if ((here && speaksFor(g, here.last, k + 1, k)) || (next && speaksFor(g, next.first, k, k + 1))) out.add(k);
  }
  return out;
}
