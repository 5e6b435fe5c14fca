/**
 * Lexical overlap of a Chinese text with its English counterpart through CC-CEDICT, by sentence pair: how many
 * content words of Chinese sentence t gloss into English sentence e, and how many keys of e some word of t glosses
 * into, and the same for only the words (keys) a sentence shares with no other sentence of a group (see
 * triangulate.ts for how they become evidence).
 *
 * Cost: the DP asks about tens of thousands of pairs per thousand sentences, so both counts are computed per
 * Chinese sentence at once for a window of English sentences (from a little before the first one asked about, twice
 * as wide as the DP's first band, so a row is computed once), kept in typed arrays; pairs outside the window (after
 * the band widens) are counted directly, the same way, uncached. Everything else is prepared once per document as
 * flat typed arrays (overlap-tables.ts).
 */
import { cedict } from './lexicon';
import { firstAtLeast, overlapTables, type Tables } from './overlap-tables';

/** Global key id → local id in the document being prepared (−1 elsewhere); all −1 between calls. */
let scratch: Int32Array | undefined;

/** Null without the lexicon. `band` (the DP's first half-width) sizes the cached window. */
export function lexicalOverlap(english: readonly string[], zh: readonly string[], band: number): Overlap | null {
  const lexicon = cedict();
  if (!lexicon) return null;
  // The document's English keys get local ids 0 … keyCount − 1 (through `localOf`, reset before returning), so
  // that per-document arrays are as small as the document.
  const en = lexicon.englishIds(english);
  const localOf = (scratch =
    scratch?.length === lexicon.keyCount ? scratch : new Int32Array(lexicon.keyCount).fill(-1));
  const globalIds: number[] = [];
  try {
    return new Overlap(english.length, overlapTables(lexicon, english, zh, en, localOf, globalIds), band);
  } finally {
    for (const id of globalIds) localOf[id] = -1;
  }
}

/** Window cache: English sentences a row starts before the first one asked about. */
const SLACK = 8;

export class Overlap {
  /** Prefix sums over Chinese sentences of content words with at least one gloss. */
  readonly wordsBefore: Int32Array;
  /** Prefix sums over English sentences of distinct keys that some Chinese word glosses into. */
  readonly keysBefore: Int32Array;
  private readonly width: number;
  /** Per Chinese sentence: first English sentence of its window (−1: not computed yet); counts per window slot. */
  private readonly start: Int32Array;
  private readonly wordRows: Uint16Array | Int32Array;
  private readonly keyRows: Uint16Array | Int32Array;
  private readonly seen: Int32Array;
  private stamp = 0;
  /** The second result of the last englishUnique / chineseUnique. */
  uniqueHits = 0;
  /** Key sets for the unique counts, by stamp. */
  private readonly others: Int32Array;
  private readonly across: Int32Array;
  private keyStamp = 0;

  constructor(
    private readonly english: number,
    private readonly d: Tables,
    band: number,
  ) {
    this.wordsBefore = d.wordsBefore;
    this.keysBefore = d.keysBefore;
    const chinese = d.wordsBefore.length - 1;
    this.width = Math.min(english, 4 * band + 2 * SLACK);
    this.start = new Int32Array(chinese).fill(-1);
    let most = 0; // counts never exceed a sentence's words or distinct glosses: 16 bits almost always suffice
    for (let t = 0; t < chinese; t++)
      most = Math.max(most, d.firstWord[t + 1]! - d.firstWord[t]!, d.keyFrom[t + 1]! - d.keyFrom[t]!);
    const Counts = most < 65536 ? Uint16Array : Int32Array;
    this.wordRows = new Counts(chinese * this.width);
    this.keyRows = new Counts(chinese * this.width);
    this.seen = new Int32Array(this.width).fill(-1);
    this.others = new Int32Array(d.postStart.length - 1);
    this.across = new Int32Array(d.postStart.length - 1);
  }

  /**
   * For English sentence e among the English sentences [g0, g1): how many of its keys occur in no other sentence of
   * the group, and (in uniqueHits) how many of those some word of Chinese sentences [t0, t1) glosses into. What a
   * sentence shares with its neighbours (a topic's words) cannot tell whether its own content is there.
   */
  englishUnique(e: number, g0: number, g1: number, t0: number, t1: number): number {
    const { keysBefore, englishKeys, keyFrom, keyList } = this.d;
    const stamp = ++this.keyStamp;
    for (let o = g0; o < g1; o++)
      if (o !== e) for (let k = keysBefore[o]!; k < keysBefore[o + 1]!; k++) this.others[englishKeys[k]!] = stamp;
    for (let k = keyFrom[t0]!; k < keyFrom[t1]!; k++) this.across[keyList[k]!] = stamp;
    let units = 0;
    let hits = 0;
    for (let k = keysBefore[e]!; k < keysBefore[e + 1]!; k++) {
      const id = englishKeys[k]!;
      if (this.others[id] === stamp) continue;
      units++;
      if (this.across[id] === stamp) hits++;
    }
    this.uniqueHits = hits;
    return units;
  }

  /**
   * For Chinese sentence t among the Chinese sentences [g0, g1): how many of its content words have no gloss among
   * the other sentences' keys, and (in uniqueHits) how many of those gloss into English sentences [e0, e1).
   */
  chineseUnique(t: number, g0: number, g1: number, e0: number, e1: number): number {
    const { keysBefore, englishKeys, keyFrom, keyList, firstWord, glossFrom, glossList, wordsBefore } = this.d;
    const stamp = ++this.keyStamp;
    for (let o = g0; o < g1; o++)
      if (o !== t) for (let k = keyFrom[o]!; k < keyFrom[o + 1]!; k++) this.others[keyList[k]!] = stamp;
    for (let k = keysBefore[e0]!; k < keysBefore[e1]!; k++) this.across[englishKeys[k]!] = stamp;
    // Words with no gloss in this English at all are never shared and never hit.
    let units = wordsBefore[t + 1]! - wordsBefore[t]! - (firstWord[t + 1]! - firstWord[t]!);
    let hits = 0;
    for (let w = firstWord[t]!; w < firstWord[t + 1]!; w++) {
      let shared = false;
      let hit = false;
      for (let g = glossFrom[w]!; g < glossFrom[w + 1]!; g++) {
        shared ||= this.others[glossList[g]!] === stamp;
        hit ||= this.across[glossList[g]!] === stamp;
      }
      if (shared) continue;
      units++;
      if (hit) hits++;
    }
    this.uniqueHits = hits;
    return units;
  }

  /** Σ over English sentences e ∈ [e0, e1) of how many content words of Chinese sentence t gloss into e. */
  chineseHits(t: number, e0: number, e1: number): number {
    const lo = this.window(t, e0);
    let hits = 0;
    for (let e = e0; e < e1; e++)
      hits += e >= lo && e - lo < this.width ? this.wordRows[t * this.width + e - lo]! : this.directWordHits(e, t);
    return hits;
  }

  /** Σ over Chinese sentences t ∈ [t0, t1) of how many keys of English sentence e some word of t glosses into. */
  englishHits(e: number, t0: number, t1: number): number {
    let hits = 0;
    for (let t = t0; t < t1; t++) {
      const lo = this.window(t, e);
      hits += e >= lo && e - lo < this.width ? this.keyRows[t * this.width + e - lo]! : this.directKeyHits(e, t);
    }
    return hits;
  }

  /** The first English sentence of row t's window, computing the row on first use (from just before e). */
  private window(t: number, e: number): number {
    if (this.start[t] !== -1) return this.start[t]!;
    const lo = Math.max(0, Math.min(e - SLACK, this.english - this.width));
    const hi = lo + this.width;
    const { postStart, postings, firstWord, glossFrom, glossList, keyFrom, keyList } = this.d;
    const row = t * this.width;
    this.start[t] = lo;
    for (let w = firstWord[t]!; w < firstWord[t + 1]!; w++) {
      const stamp = ++this.stamp;
      for (let g = glossFrom[w]!; g < glossFrom[w + 1]!; g++) {
        const id = glossList[g]!;
        for (
          let k = firstAtLeast(postings, postStart[id]!, postStart[id + 1]!, lo);
          k < postStart[id + 1]! && postings[k]! < hi;
          k++
        ) {
          const slot = postings[k]! - lo;
          if (this.seen[slot] === stamp) continue;
          this.seen[slot] = stamp;
          this.wordRows[row + slot]!++;
        }
      }
    }
    for (let g = keyFrom[t]!; g < keyFrom[t + 1]!; g++) {
      const id = keyList[g]!;
      for (
        let k = firstAtLeast(postings, postStart[id]!, postStart[id + 1]!, lo);
        k < postStart[id + 1]! && postings[k]! < hi;
        k++
      )
        this.keyRows[row + postings[k]! - lo]!++;
    }
    return lo;
  }

  private holds(e: number, id: number): boolean {
    const { postStart, postings } = this.d;
    const k = firstAtLeast(postings, postStart[id]!, postStart[id + 1]!, e);
    return k < postStart[id + 1]! && postings[k] === e;
  }

  private directWordHits(e: number, t: number): number {
    const { firstWord, glossFrom, glossList } = this.d;
    let hits = 0;
    for (let w = firstWord[t]!; w < firstWord[t + 1]!; w++) {
      for (let g = glossFrom[w]!; g < glossFrom[w + 1]!; g++) {
        if (this.holds(e, glossList[g]!)) {
          hits++;
          break;
        }
      }
    }
    return hits;
  }

  private directKeyHits(e: number, t: number): number {
    const { keyFrom, keyList } = this.d;
    let hits = 0;
    for (let g = keyFrom[t]!; g < keyFrom[t + 1]!; g++) if (this.holds(e, keyList[g]!)) hits++;
    return hits;
  }
}
