/**
 * Columnar storage of one language's units for matching, plus an inverted index from stem to units.
 *
 * Two posting families: by stem (unigrams) and by stem bigram (adjacent pair, hashed into 2^bits buckets; a
 * collision only adds candidates, never loses one). Bigrams are far rarer than words, so long queries take their
 * candidates from bigram postings; short ones, or low minimums, from stem postings (see search.ts).
 *
 * Slots [0, sealed) were bulk-built: ordered by token count, so each posting list is also ordered by length and a
 * length window is two binary searches; their postings are CSR arrays (offsets per key + slots). Slots appended
 * later (writes since the last build) have their postings in Maps. Removal marks a slot dead. The owner rebuilds
 * the segment when the appended or dead part grows too large (see TmIndex), so the structure stays compact.
 *
 * Memory per unit: 4 bytes per token (ids) + 4 per distinct stem + 4 per distinct bigram + ~16 fixed; stems come
 * from the vocabulary's table, not stored per unit.
 */
/** Units laid out flat, in any order: the token ids of unit i are ids[off[i] .. off[i+1]). */
export class FlatUnits {
  readonly unitIds: string[] = [];
  off: Uint32Array;
  ids: Int32Array;
  /** Per token: its stem, and the 32-bit hash of the stem bigram ending there (0 for a unit's first token). */
  stems: Int32Array;
  pairs: Int32Array;

  private stemOf: Int32Array;

  /** Capacity hints avoid regrowing (and copying) while a million units are added. */
  constructor(units: number, tokens: number, stemOf: Int32Array) {
    this.stemOf = stemOf;
    this.off = new Uint32Array(units + 1);
    this.ids = new Int32Array(tokens);
    this.stems = new Int32Array(tokens);
    this.pairs = new Int32Array(tokens);
  }

  /** The vocabulary's stem table grows while units are added: the caller passes the current one. */
  stemTable(stemOf: Int32Array): void {
    this.stemOf = stemOf;
  }

  get count(): number {
    return this.unitIds.length;
  }

  add(unitId: string, ids: ArrayLike<number>): void {
    const i = this.unitIds.length;
    if (i + 1 >= this.off.length) {
      const grown = new Uint32Array(this.off.length * 2);
      grown.set(this.off);
      this.off = grown;
    }
    const at = this.off[i]!;
    if (at + ids.length > this.ids.length) {
      const size = Math.max(this.ids.length * 2, at + ids.length);
      const grow = (a: Int32Array) => {
        const b = new Int32Array(size);
        b.set(a);
        return b;
      };
      this.ids = grow(this.ids);
      this.stems = grow(this.stems);
      this.pairs = grow(this.pairs);
    }
    const { ids: target, stems, pairs, stemOf } = this;
    for (let j = 0; j < ids.length; j++) {
      const id = ids[j]!;
      const stem = stemOf[id]!;
      target[at + j] = id;
      stems[at + j] = stem;
      pairs[at + j] = j === 0 ? 0 : pairHash(stems[at + j - 1]!, stem);
    }
    this.off[i + 1] = at + ids.length;
    this.unitIds.push(unitId);
  }
}

const MAX_LEN = 0xffff;

/** 32-bit hash of the stem bigram (a, b); its top `bits` bits are its bucket. */
export function pairHash(a: number, b: number): number {
  return Math.imul(Math.imul(a, 0x9e3779b1) ^ b, 0x85ebca6b);
}

/** Bucket of the stem bigram (a, b) in a table of 2^bits buckets. */
export function bigramKey(a: number, b: number, bits: number): number {
  return pairHash(a, b) >>> (32 - bits);
}

/** Table size for a number of bigram occurrences: about two occurrences per bucket, 2^16 to 2^24 buckets. */
function bigramBits(occurrences: number): number {
  return Math.max(16, Math.min(22, Math.ceil(Math.log2(Math.max(1, occurrences / 2)))));
}

/** CSR postings: keys 0..k-1; slots of key x are post[off[x] .. off[x+1]). */
interface Postings {
  off: Uint32Array;
  post: Int32Array;
  open: Map<number, number[]>;
}

const DIGIT_BITS = 11;

/**
 * Stable LSD radix sort of (key, value) pairs by key (keys < 2^bits), 11 bits per pass: sequential reads and
 * 2048 write cursors, so it stays in cache where a counting sort over millions of buckets would not.
 */
function radixSort(keys: Int32Array, vals: Int32Array, bits: number): [Int32Array, Int32Array] {
  const n = keys.length;
  let k: Int32Array = keys;
  let v: Int32Array = vals;
  let k2: Int32Array = new Int32Array(n);
  let v2: Int32Array = new Int32Array(n);
  const count = new Uint32Array(1 << DIGIT_BITS);
  for (let shift = 0; shift < bits; shift += DIGIT_BITS) {
    count.fill(0);
    const mask = (1 << DIGIT_BITS) - 1;
    for (let i = 0; i < n; i++) count[(k[i]! >>> shift) & mask]!++;
    let sum = 0;
    for (let d = 0; d < count.length; d++) {
      const c = count[d]!;
      count[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const at = count[(k[i]! >>> shift) & mask]!++;
      k2[at] = k[i]!;
      v2[at] = v[i]!;
    }
    [k, k2] = [k2, k];
    [v, v2] = [v2, v];
  }
  return [k, v];
}

/** Key spaces up to this size are bucketed directly (their counters stay in cache); larger ones radix-sorted. */
const DIRECT_KEYS = 1 << 22;

/** Postings of each key (keys[j] for token position j; −1 = none), each slot listed once per key, in slot order. */
function buildPostings(keySpace: number, off: Uint32Array, lens: Uint16Array, slots: number, keys: Int32Array): Postings {
  return keySpace <= DIRECT_KEYS ? bucketPostings(keySpace, off, lens, slots, keys) : sortedPostings(keySpace, off, lens, slots, keys);
}

function bucketPostings(keySpace: number, off: Uint32Array, lens: Uint16Array, slots: number, keys: Int32Array): Postings {
  const postOff = new Uint32Array(keySpace + 1);
  const lastSeen = new Int32Array(keySpace).fill(-1);
  let total = 0;
  for (let slot = 0; slot < slots; slot++) {
    for (let j = off[slot]!, end = off[slot]! + lens[slot]!; j < end; j++) {
      const key = keys[j]!;
      if (key >= 0 && lastSeen[key] !== slot) {
        lastSeen[key] = slot;
        postOff[key + 1]!++;
        total++;
      }
    }
  }
  for (let key = 0; key < keySpace; key++) postOff[key + 1]! += postOff[key]!;
  const post = new Int32Array(total);
  const fill = lastSeen; // reused as write cursors
  fill.set(postOff.subarray(0, keySpace));
  for (let slot = 0; slot < slots; slot++) {
    for (let j = off[slot]!, end = off[slot]! + lens[slot]!; j < end; j++) {
      const key = keys[j]!;
      if (key < 0) continue;
      const at = fill[key]!;
      if (at > postOff[key]! && post[at - 1] === slot) continue; // this slot already listed under this key
      post[at] = slot;
      fill[key] = at + 1;
    }
  }
  return { off: postOff, post, open: new Map() };
}

function sortedPostings(keySpace: number, off: Uint32Array, lens: Uint16Array, slots: number, keys: Int32Array): Postings {
  let pairs = 0;
  for (let slot = 0; slot < slots; slot++) {
    for (let j = off[slot]!, end = off[slot]! + lens[slot]!; j < end; j++) if (keys[j]! >= 0) pairs++;
  }
  const pk = new Int32Array(pairs);
  const pv = new Int32Array(pairs);
  let at = 0;
  for (let slot = 0; slot < slots; slot++) {
    for (let j = off[slot]!, end = off[slot]! + lens[slot]!; j < end; j++) {
      const key = keys[j]!;
      if (key < 0) continue;
      pk[at] = key;
      pv[at++] = slot;
    }
  }
  const [sk, sv] = radixSort(pk, pv, Math.max(1, Math.ceil(Math.log2(keySpace))));
  const postOff = new Uint32Array(keySpace + 1);
  // Compact the sorted slots in place (each is read before anything is written over it).
  const post = sv;
  let used = 0;
  let prevKey = -1;
  let prevSlot = -1;
  for (let i = 0; i < pairs; i++) {
    const key = sk[i]!;
    const slot = sv[i]!;
    if (key === prevKey && slot === prevSlot) continue; // same slot twice under one key
    prevKey = key;
    prevSlot = slot;
    postOff[key + 1]!++;
    post[used++] = slot;
  }
  for (let key = 0; key < keySpace; key++) postOff[key + 1]! += postOff[key]!;
  return { off: postOff, post: used > 0.9 * pairs ? post.subarray(0, used) : post.slice(0, used), open: new Map() };
}

/** Per-search hit counts by slot: `seen[slot] === stamp` marks slots touched by this search. */
export interface HitCounter {
  seen: Uint32Array;
  hits: Uint16Array;
  touched: number[];
  stamp: number;
}

export class Segment {
  readonly unitIds: string[] = [];
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
  private stems: Postings = { off: new Uint32Array(1), post: new Int32Array(0), open: new Map() };
  private bigrams: Postings = { off: new Uint32Array(1), post: new Int32Array(0), open: new Map() };

  private constructor(capacity: number, ids: Int32Array, sealed: number, bigramBits: number) {
    this.off = new Uint32Array(capacity);
    this.ids = ids;
    this.lens = new Uint16Array(capacity);
    this.alive = new Uint8Array(capacity);
    this.sealed = sealed;
    this.bigramBits = bigramBits;
  }

  static empty(): Segment {
    return new Segment(16, new Int32Array(64), 0, 16);
  }

  /**
   * Bulk build. The segment adopts the input's token buffer; slots are the units ordered by token count (a
   * counting sort of offsets, no token is copied). Postings: see buildPostings.
   */
  static build(input: FlatUnits, stemSpace: number): Segment {
    const n = input.count;
    const lenOf = (i: number) => Math.min(input.off[i + 1]! - input.off[i]!, MAX_LEN);
    const byLen = new Uint32Array(MAX_LEN + 2);
    for (let i = 0; i < n; i++) byLen[lenOf(i) + 1]!++;
    for (let l = 1; l < byLen.length; l++) byLen[l]! += byLen[l - 1]!;
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[byLen[lenOf(i)]!++] = i;

    const tokens = input.off[n]!;
    const bits = bigramBits(tokens);
    const seg = new Segment(Math.max(16, n), input.ids, n, bits);
    const { off, lens, alive } = seg;
    for (let slot = 0; slot < n; slot++) {
      const i = order[slot]!;
      seg.unitIds.push(input.unitIds[i]!);
      off[slot] = input.off[i]!;
      lens[slot] = lenOf(i);
      alive[slot] = 1;
    }
    seg.count = n;
    seg.live = n;
    seg.used = tokens;
    // Keys per token position were computed as the units were added: stems as they are, bigram hashes cut to
    // `bits` bits in place (a unit's first token has no bigram: −1).
    const stemKeys = input.stems;
    const pairKeys = input.pairs;
    const shift = 32 - bits;
    for (let i = 0; i < n; i++) {
      const a = input.off[i]!;
      const b = input.off[i + 1]!;
      if (a < b) pairKeys[a] = -1;
      for (let j = a + 1; j < b; j++) pairKeys[j] = pairKeys[j]! >>> shift;
    }
    seg.stems = buildPostings(stemSpace, off, lens, n, stemKeys);
    seg.bigrams = buildPostings(1 << bits, off, lens, n, pairKeys);
    return seg;
  }

  /** Adds a unit after the sealed part; returns its slot. */
  append(unitId: string, ids: Int32Array, stemOf: Int32Array): number {
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
    this.unitIds.push(unitId);
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
    this.count_(this.stems, stem, lo, hi, weight, counter);
  }

  /** Same, for every live slot with a bigram in this bucket. */
  countBigram(key: number, lo: number, hi: number, weight: number, counter: HitCounter): void {
    this.count_(this.bigrams, key, lo, hi, weight, counter);
  }

  /** Sealed postings are narrowed to the length window by binary search; appended ones are filtered. */
  private count_(p: Postings, key: number, lo: number, hi: number, weight: number, counter: HitCounter): void {
    const lens = this.lens;
    const alive = this.alive;
    const { seen, hits, touched } = counter;
    const stamp = counter.stamp;
    if (key >= 0 && key + 1 < p.off.length) {
      const post = p.post;
      let l = p.off[key]!;
      let r = p.off[key + 1]!;
      const end = r;
      while (l < r) {
        const mid = (l + r) >>> 1;
        if (lens[post[mid]!]! < lo) l = mid + 1;
        else r = mid;
      }
      const a = l;
      r = end;
      while (l < r) {
        const mid = (l + r) >>> 1;
        if (lens[post[mid]!]! <= hi) l = mid + 1;
        else r = mid;
      }
      for (let k = a; k < l; k++) {
        const slot = post[k]!;
        if (!alive[slot]) continue;
        if (seen[slot] !== stamp) {
          seen[slot] = stamp;
          hits[slot] = weight;
          touched.push(slot);
        } else hits[slot]! += weight;
      }
    }
    const list = p.open.get(key);
    if (list) {
      for (const slot of list) {
        const len = lens[slot]!;
        if (!alive[slot] || len < lo || len > hi) continue;
        if (seen[slot] !== stamp) {
          seen[slot] = stamp;
          hits[slot] = weight;
          touched.push(slot);
        } else hits[slot]! += weight;
      }
    }
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
  }
}

function dfOf(p: Postings, key: number): number {
  let n = p.open.get(key)?.length ?? 0;
  if (key >= 0 && key + 1 < p.off.length) n += p.off[key + 1]! - p.off[key]!;
  return n;
}
