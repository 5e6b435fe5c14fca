/**
 * An index block: columnar storage of one language's units for matching, plus inverted indexes from stem and stem
 * bigram to units. (Not to be confused with an aligned document row, nor with the sentence Segmenter.)
 *
 * Two posting families: by stem (unigrams) and by stem bigram (adjacent pair, hashed into 2^bits buckets; a
 * collision only adds candidates, never loses one). Bigrams are far rarer than words, so long queries take their
 * candidates from bigram postings; short ones, or low minimums, from stem postings (see search.ts).
 *
 * Slots [0, sealed) were bulk-built: ordered by token count, so each posting list is also ordered by length and a
 * length window is two binary searches; their postings are CSR arrays (offsets per key + slots). Slots appended
 * later (writes since the last build) have their postings in Maps. Removal marks a slot dead. The owner rebuilds
 * the block when the appended or dead part grows too large (see TmIndex), so the structure stays compact.
 *
 * Memory per unit: 4 bytes per token (ids) + 3 per distinct stem + 3 per distinct bigram (listed slots:
 * posting-slots.ts) + ~16 fixed; stems come from the vocabulary's table, not stored per unit.
 */
import { FlatUnits } from './flat-units';
import { Worker } from 'node:worker_threads';
import { bigramKey } from './bigrams';
import { MAX_LEN, layoutSlots, type Layout } from './layout';
import { countKey, type HitCounter } from './hit-count';
import { listedSlots, type ListedSlots } from './posting-slots';
import {
  buildPostings,
  dfOf,
  sealedPostings,
  startPostingsWorker,
  workerScript,
  WORKER_MIN_POSITIONS,
  type KeySource,
  type Postings,
} from './postings';

export { FlatUnits };
export type { HitCounter };
export { bigramKey, pairHash } from './bigrams';

/** What block-worker.ts sends back: the layout and both families of postings. */
interface BuiltOffMain extends Layout {
  ids: Int32Array;
  stems: { off: Uint32Array; post: ListedSlots };
  bigrams: { off: Uint32Array; post: ListedSlots };
}

export class IndexBlock {
  /** Per slot: the row of its unit in the index's unit table. */
  rows: Int32Array;
  /** Token ids of slot i: ids[off[i] .. off[i] + lens[i]). */
  off: Uint32Array;
  ids: Int32Array;
  lens: Uint16Array;
  alive: Uint8Array;
  /** Slots in use (dead included). */
  count = 0;
  /** Slots not removed. */
  live = 0;
  /** Slots [0, sealed) are in the CSR postings and ordered by length. */
  readonly sealed: number;
  /** log2 of the bigram table size. */
  readonly bigramBits: number;
  /** ids[0 .. used) hold tokens; appends go after. */
  private used = 0;
  private stems: Postings = sealedPostings(new Uint32Array(1), listedSlots(0, false));
  private bigrams: Postings = sealedPostings(new Uint32Array(1), listedSlots(0, false));

  private constructor(capacity: number, ids: Int32Array, sealed: number, bigramBits: number, rows?: Int32Array) {
    this.rows = rows && rows.length >= capacity ? rows : new Int32Array(capacity);
    if (rows && rows !== this.rows) this.rows.set(rows);
    this.off = new Uint32Array(capacity);
    this.ids = ids;
    this.lens = new Uint16Array(capacity);
    this.alive = new Uint8Array(capacity);
    this.sealed = sealed;
    this.bigramBits = bigramBits;
  }

  static empty(): IndexBlock {
    return new IndexBlock(16, new Int32Array(64), 0, 16);
  }

  /**
   * Bulk build. The block adopts the input's token buffer; slots are the units ordered by token count (a
   * counting sort of offsets, no token is copied). Postings: see postings.ts.
   */
  static build(input: FlatUnits, stemSpace: number): IndexBlock {
    const block = IndexBlock.assemble(input, layoutSlots(input.off, input.count));
    block.bigrams = buildPostings(
      1 << block.bigramBits,
      block.off,
      block.lens,
      block.count,
      block.keys(input, 'pairs'),
    );
    block.stems = buildPostings(stemSpace, block.off, block.lens, block.count, block.keys(input, 'stems'));
    return block;
  }

  /**
   * The same, with the bigram postings built on a second thread when the block has at least `workerMin` token
   * positions (below that a worker costs more than it saves), from a copy of the ids. The thread starts before the
   * layout, so that its start-up overlaps it.
   */
  static async buildAsync(input: FlatUnits, stemSpace: number, workerMin = WORKER_MIN_POSITIONS): Promise<IndexBlock> {
    if (input.off[input.count]! < workerMin) return IndexBlock.build(input, stemSpace);
    const worker = startPostingsWorker();
    let block: IndexBlock;
    try {
      block = IndexBlock.assemble(input, layoutSlots(input.off, input.count));
    } catch (error) {
      worker.cancel();
      throw error;
    }
    const pairs = block.keys(input, 'pairs');
    const copy = { ...pairs, ids: input.ids.slice(0, block.used) };
    const bigrams = worker.build(1 << block.bigramBits, block.off, block.lens, block.count, copy);
    block.stems = buildPostings(stemSpace, block.off, block.lens, block.count, block.keys(input, 'stems'));
    block.bigrams = await bigrams;
    return block;
  }

  /**
   * A thread building a block entirely off the main thread (layout, both posting families and their keys:
   * block-worker.ts), for a build while requests are served. Started before the input is collected, so that its
   * start-up overlaps that; `build` lends it the input's ids (back with the postings) and adopts `bySlot`, the units'
   * rows in slot order, when given (slotMapOfInput); `close` ends the thread, built or not.
   */
  static offMain(): {
    build(input: FlatUnits, stemSpace: number, bySlot?: Promise<Int32Array>): Promise<IndexBlock>;
    close(): void;
  } {
    const script = workerScript('block-worker');
    const worker = new Worker(script.file, { execArgv: script.execArgv });
    const done = new Promise<BuiltOffMain>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`block worker exited with ${code}`)));
    });
    done.catch(() => undefined); // awaited by build; a thread closed unused rejects unseen
    const build = async (input: FlatUnits, stemSpace: number, bySlot?: Promise<Int32Array>) => {
      const n = input.count;
      const stemOf = input.stemTableNow;
      const message = { unitOff: input.off.slice(0, n + 1), n, ids: input.ids, stemOf, stemSpace };
      worker.postMessage(message, [message.unitOff.buffer, input.ids.buffer as ArrayBuffer]);
      const built = await done;
      input.ids = built.ids;
      const block = IndexBlock.assemble(input, built, await bySlot);
      block.stems = sealedPostings(built.stems.off, built.stems.post);
      block.bigrams = sealedPostings(built.bigrams.off, built.bigrams.post);
      return block;
    };
    return { build, close: () => void worker.terminate() };
  }

  /** Where the block's postings of a family take their keys (postings.ts): its ids, read with the input's stems. */
  private keys(input: FlatUnits, family: 'stems' | 'pairs'): KeySource {
    return { ids: this.ids, stemOf: input.stemTableNow, bits: family === 'stems' ? 0 : this.bigramBits };
  }

  /**
   * A block holding the input's units in the layout's slots (postings still to build), adopting its token ids, and
   * `bySlot` (the units' rows in slot order) when given.
   */
  private static assemble(input: FlatUnits, { order, off, lens, bits }: Layout, bySlot?: Int32Array): IndexBlock {
    const n = input.count;
    const block = new IndexBlock(Math.max(16, n), input.ids, n, bits, bySlot);
    block.off.set(off);
    block.lens.set(lens);
    block.alive.fill(1, 0, n);
    if (!bySlot) for (let slot = 0; slot < n; slot++) block.rows[slot] = input.rows[order[slot]!]!;
    block.count = n;
    block.live = n;
    block.used = input.off[n]!;
    return block;
  }

  /** Adds the unit in table row `row` after the sealed part; returns its slot. */
  append(row: number, ids: Int32Array, stemOf: Int32Array): number {
    const slot = this.count;
    if (slot >= this.lens.length) this.growSlots(slot * 2 + 16);
    const len = Math.min(ids.length, MAX_LEN);
    const at = this.used;
    if (at + len > this.ids.length) {
      const grown = new Int32Array(Math.max(this.ids.length * 2, at + len));
      grown.set(this.ids.subarray(0, at));
      this.ids = grown;
    }
    for (let j = 0; j < len; j++) this.ids[at + j] = ids[j]!;
    this.used = at + len;
    this.off[slot] = at;
    this.lens[slot] = len;
    this.alive[slot] = 1;
    this.rows[slot] = row;
    const add = (open: Map<number, number[]>, key: number) => {
      let list = open.get(key);
      if (!list) open.set(key, (list = []));
      if (list[list.length - 1] !== slot) list.push(slot);
    };
    const stems = new Set<number>();
    const pairs = new Set<number>();
    for (let j = 0; j < len; j++) stems.add(stemOf[ids[j]!]!);
    for (let j = 1; j < len; j++) pairs.add(bigramKey(stemOf[ids[j - 1]!]!, stemOf[ids[j]!]!, this.bigramBits));
    for (const key of stems) add(this.stems.open, key);
    for (const key of pairs) add(this.bigrams.open, key);
    this.count++;
    this.live++;
    return slot;
  }

  /** The token ids of a slot (a view, not a copy). */
  tokens(slot: number): Int32Array {
    return this.ids.subarray(this.off[slot]!, this.off[slot]! + this.lens[slot]!);
  }

  kill(slot: number): void {
    if (this.alive[slot]) {
      this.alive[slot] = 0;
      this.live--;
    }
  }

  /** Number of slots (sealed and appended, dead included) whose unit contains the stem. */
  df(stem: number): number {
    return dfOf(this.stems, stem);
  }

  /** Number of slots whose unit contains a bigram hashing to this bucket. */
  bigramDf(key: number): number {
    return dfOf(this.bigrams, key);
  }

  /** Adds `weight` to the hit count of every live slot containing the stem whose length is within [lo, hi]. */
  countStem(stem: number, lo: number, hi: number, weight: number, counter: HitCounter): void {
    countKey(this.stems, stem, lo, hi, weight, this, counter);
  }

  /** Same, for every live slot with a bigram in this bucket. */
  countBigram(key: number, lo: number, hi: number, weight: number, counter: HitCounter): void {
    countKey(this.bigrams, key, lo, hi, weight, this, counter);
  }

  /** Slots appended since the build. */
  get appended(): number {
    return this.count - this.sealed;
  }

  private growSlots(capacity: number): void {
    const off = new Uint32Array(capacity);
    off.set(this.off);
    this.off = off;
    const lens = new Uint16Array(capacity);
    lens.set(this.lens);
    this.lens = lens;
    const alive = new Uint8Array(capacity);
    alive.set(this.alive);
    this.alive = alive;
    const rows = new Int32Array(capacity);
    rows.set(this.rows);
    this.rows = rows;
  }
}
