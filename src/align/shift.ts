/**
 * A row boundary the lexicon speaks against: a Chinese clause at the edge of a row whose words gloss (CC-CEDICT,
 * lexicon.ts) into the next (or previous) row's English and not into its own. Corpus and pasted text both have
 * Chinese lines that carry a clause of the next sentence (`…延迟了 4 至 6 个月，此外还导致全球个人防护设备短缺。`
 * where the English and Arabic put "It has also caused a shortage of personal protective equipment worldwide" in the
 * next sentence): every language then has as many sentences as the others, the lengths vary no more than right rows
 * do, and the DP is sure of both rows (0.97). Only the words tell.
 */
import type { AlignedRow } from './row';
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

/** Per English key id, the stamp of the row whose English holds it: one array for a row, one for the next. */
let marks: [Int32Array, Int32Array] | undefined;
let nextStamp = 1;

/**
 * The rows' English keys (one englishIds call for the document), marked in typed arrays for the two rows compared
 * (pair), so that a clause's words are looked up without a set per row: the check then costs about as much as
 * reading the document's English and its edge clauses once.
 */
class Glosses {
  private readonly en: { start: Int32Array; ids: Int32Array };
  private readonly here: Int32Array;
  private readonly next: Int32Array;
  private readonly base: number;
  private k = -1;

  constructor(
    private readonly lexicon: ZhEnLexicon,
    rows: readonly AlignedRow[],
  ) {
    this.en = lexicon.englishIds(rows.map((r) => r.en));
    if (marks?.[0].length !== lexicon.keyCount || nextStamp + rows.length > 2 ** 30) {
      marks = [new Int32Array(lexicon.keyCount), new Int32Array(lexicon.keyCount)];
      nextStamp = 1;
    }
    [this.here, this.next] = marks;
    this.base = nextStamp;
    nextStamp += rows.length;
  }

  /** Compares rows k and k + 1 from now on. */
  pair(k: number): void {
    this.k = k;
    this.mark(this.here, k);
    this.mark(this.next, k + 1);
  }

  private mark(into: Int32Array, row: number): void {
    for (let i = this.en.start[row]!; i < this.en.start[row + 1]!; i++) into[this.en.ids[i]!] = this.base + row;
  }

  /**
   * Words of `clause` glossing into the English of row k + 1 and not of row k, and the other way round (one pass over
   * its words).
   */
  sides(clause: string): [toNext: number, toHere: number] {
    const { glossStart, glossIds } = this.lexicon;
    const [here, next] = [this.base + this.k, this.base + this.k + 1];
    let toNext = 0;
    let toHere = 0;
    for (const entry of this.lexicon.words(clause)) {
      if (entry < 0) continue;
      let inHere = false;
      let inNext = false;
      for (let g = glossStart[entry]!; g < glossStart[entry + 1]!; g++) {
        inHere ||= this.here[glossIds[g]!] === here;
        inNext ||= this.next[glossIds[g]!] === next;
      }
      if (inNext && !inHere) toNext++;
      if (inHere && !inNext) toHere++;
    }
    return [toNext, toHere];
  }
}

/** A clause whose words speak for the other row of the pair: SHIFTED_WORDS or more, and none for its own row. */
function speaksFor(g: Glosses, clause: string, toNext: boolean): boolean {
  const [next, here] = g.sides(clause);
  const [other, own] = toNext ? [next, here] : [here, next];
  return other >= SHIFTED_WORDS && own === 0;
}

/**
 * Boundaries k (between rows k and k + 1, both with Arabic, English and Chinese) where row k's last Chinese clause
 * speaks for row k + 1's English, or row k + 1's first for row k's. Empty without the lexicon.
 */
export function shiftedBoundaries(rows: readonly AlignedRow[]): Set<number> {
  const out = new Set<number>();
  const lexicon = cedict();
  if (!lexicon) return out;
  let g: Glosses | undefined;
  const full = (r: AlignedRow | undefined) => !!r && !!r.ar && !!r.en && !!r.zh;
  for (let k = 0; k + 1 < rows.length; k++) {
    if (!full(rows[k]) || !full(rows[k + 1])) continue;
    const here = edges(rows[k]!.zh);
    const next = edges(rows[k + 1]!.zh);
    if (!here && !next) continue;
    (g ??= new Glosses(lexicon, rows)).pair(k);
    if ((here && speaksFor(g, here.last, true)) || (next && speaksFor(g, next.first, false))) out.add(k);
  }
  return out;
}
