import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { pairHash } from './bigrams';
import { MAX_LEN } from './layout';
import { listedSlots, putSlot, slotBuffers, wideSlots, type ListedSlots } from './posting-slots';

/**
 * Building inverted indexes in CSR form: for each key, the slots holding it, each once, in slot order. Small key
 * spaces (stems) are bucketed directly; large ones (hashed bigrams) radix-sorted, which stays in cache where a
 * counting pass over millions of buckets would not.
 */

/**
 * Where a build's keys come from: per token position of a slot, its stem (`bits` 0), or the bucket of the stem bigram
 * ending there (the top `bits` bits of its pairHash: bigramKey; a slot's first token ends none). Computed a slot at
 * a time as the build reads them (slotKeys), never held for every position: that array was 4 bytes a token, 92 MB at
 * the bench's million units, on top of the postings being built.
 */
export interface KeySource {
  ids: Int32Array;
  stemOf: Int32Array;
  bits: number;
}

/** The keys of the token positions [from, end) (see KeySource) into `out` from 0; answers how many. */
export function slotKeys({ ids, stemOf, bits }: KeySource, from: number, end: number, out: Int32Array): number {
  if (bits === 0) {
    for (let j = from; j < end; j++) out[j - from] = stemOf[ids[j]!]!;
    return end - from;
  }
  if (from >= end) return 0;
  const shift = 32 - bits;
  let previous = stemOf[ids[from]!]!;
  let k = 0;
  for (let j = from + 1; j < end; j++) {
    const stem = stemOf[ids[j]!]!;
    out[k++] = pairHash(previous, stem) >>> shift;
    previous = stem;
  }
  return k;
}

/**
 * CSR postings: keys 0..k-1; the slots of key x are the listed slots off[x] .. off[x+1] of `post`, 3 bytes each
 * (posting-slots.ts); `open`: the lists of slots appended since (block.ts).
 */
export interface Postings {
  off: Uint32Array;
  post: ListedSlots;
  open: Map<number, number[]>;
}

/** Sealed postings as built (here, or on a thread and sent back), with no slot appended yet. */
export const sealedPostings = (off: Uint32Array, post: ListedSlots): Postings => ({ off, post, open: new Map() });

/** The buffers of sealed postings, to transfer them to another thread. */
export const postingBuffers = ({ off, post }: Pick<Postings, 'off' | 'post'>): ArrayBuffer[] => [
  off.buffer as ArrayBuffer,
  ...slotBuffers(post),
];

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

/**
 * Postings of each key (`keys`; a key below 0 is none), each slot listed once per key, in slot order; `wide`: with the
 * slots' top byte (a block of 2^24 slots or more; tests give it to a small block).
 */
export function buildPostings(
  keySpace: number,
  off: Uint32Array,
  lens: Uint16Array,
  slots: number,
  keys: KeySource,
  wide = wideSlots(slots),
): Postings {
  return keySpace <= DIRECT_KEYS
    ? bucketPostings(keySpace, off, lens, slots, keys, wide)
    : sortedPostings(keySpace, off, lens, slots, keys, wide);
}

function bucketPostings(
  keySpace: number,
  off: Uint32Array,
  lens: Uint16Array,
  slots: number,
  source: KeySource,
  wide: boolean,
): Postings {
  const postOff = new Uint32Array(keySpace + 1);
  const lastSeen = new Int32Array(keySpace).fill(-1);
  const keys = new Int32Array(MAX_LEN);
  let total = 0;
  for (let slot = 0; slot < slots; slot++) {
    for (let j = 0, end = slotKeys(source, off[slot]!, off[slot]! + lens[slot]!, keys); j < end; j++) {
      const key = keys[j]!;
      if (key >= 0 && lastSeen[key] !== slot) {
        lastSeen[key] = slot;
        postOff[key + 1]!++;
        total++;
      }
    }
  }
  for (let key = 0; key < keySpace; key++) postOff[key + 1]! += postOff[key]!;
  const post = listedSlots(total, wide);
  const { lo, hi, top } = post; // written inline: a call a listed slot cost the build ≈ 1.5 s at 1M units
  const fill = lastSeen; // reused as write cursors
  fill.set(postOff.subarray(0, keySpace));
  for (let slot = 0; slot < slots; slot++) {
    const low = slot & 0xffff;
    const high = (slot >>> 16) & 0xff;
    for (let j = 0, end = slotKeys(source, off[slot]!, off[slot]! + lens[slot]!, keys); j < end; j++) {
      const key = keys[j]!;
      if (key < 0) continue;
      const at = fill[key]!;
      // This slot already listed under this key (slots come in order: it would be the last listed).
      if (at > postOff[key]! && lo[at - 1] === low && hi[at - 1] === high && (!top || top[at - 1] === slot >>> 24)) {
        continue;
      }
      lo[at] = low;
      hi[at] = high;
      if (top) top[at] = slot >>> 24;
      fill[key] = at + 1;
    }
  }
  return sealedPostings(postOff, post);
}

function sortedPostings(
  keySpace: number,
  off: Uint32Array,
  lens: Uint16Array,
  slots: number,
  source: KeySource,
  wide: boolean,
): Postings {
  const keys = new Int32Array(MAX_LEN);
  let pairs = 0;
  for (let slot = 0; slot < slots; slot++) {
    const end = slotKeys(source, off[slot]!, off[slot]! + lens[slot]!, keys);
    for (let j = 0; j < end; j++) if (keys[j]! >= 0) pairs++;
  }
  const pk = new Int32Array(pairs);
  const pv = new Int32Array(pairs);
  let at = 0;
  for (let slot = 0; slot < slots; slot++) {
    for (let j = 0, end = slotKeys(source, off[slot]!, off[slot]! + lens[slot]!, keys); j < end; j++) {
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
  const listed = listedSlots(used, wide);
  for (let i = 0; i < used; i++) putSlot(listed, i, post[i]!);
  return sealedPostings(postOff, listed);
}

/** Below this many keyed positions a worker costs more than it saves. */
export const WORKER_MIN_POSITIONS = 4_000_000;

/** buildPostings on a thread of its own: started first, given its input once the caller has it. */
export interface PostingsWorker {
  /** `keys.ids` is transferred, not copied (the caller gives the thread a copy); the stem table is copied. */
  build(keySpace: number, off: Uint32Array, lens: Uint16Array, slots: number, keys: KeySource): Promise<Postings>;
  /** Ends the thread if `build` is not going to be called. */
  cancel(): void;
}

/**
 * Starts the worker thread (postings-worker.ts) now, so that its start-up overlaps the caller's work on the main
 * thread (the block's layout), and returns the handle that hands it its input.
 */
export function startPostingsWorker(): PostingsWorker {
  const worker = new Worker(WORKER.file, { execArgv: WORKER.execArgv });
  const result = new Promise<Postings>((resolve, reject) => {
    worker.once('message', (m: { off: Uint32Array; post: ListedSlots }) => {
      resolve(sealedPostings(m.off, m.post));
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`postings worker exited with ${code}`));
    });
  });
  return {
    build(keySpace, off, lens, slots, keys) {
      const input = { keySpace, off: off.slice(0, slots), lens: lens.slice(0, slots), slots, keys };
      worker.postMessage(input, [input.off.buffer, input.lens.buffer, keys.ids.buffer as ArrayBuffer]);
      return result;
    },
    cancel() {
      result.catch(() => undefined);
      void worker.terminate();
    },
  };
}

/**
 * A worker module beside this one (`postings-worker`, `block-worker`). Run from dist/, it is compiled JavaScript.
 * Run from the TypeScript sources (jest, scripts under `node --import tsx`), it is TypeScript, and the worker thread
 * registers tsx's require hook itself (an inherited `--import tsx` does not reach a worker's entry module on Node
 * 20, and jest transpiles in-process).
 */
export function workerScript(name: string): { file: string; execArgv?: string[] } {
  return __filename.endsWith('.ts')
    ? { file: path.join(__dirname, `${name}.ts`), execArgv: ['--require', require.resolve('tsx/cjs')] }
    : { file: path.join(__dirname, `${name}.js`) };
}

const WORKER = workerScript('postings-worker');

/** Number of slots (sealed and appended, dead included) under a key. */
export function dfOf(p: Postings, key: number): number {
  let n = p.open.get(key)?.length ?? 0;
  if (key >= 0 && key + 1 < p.off.length) n += p.off[key + 1]! - p.off[key]!;
  return n;
}
