/**
 * The thread of `IndexBlock.offMain` (block.ts): lays a block out and builds both families of its postings, their
 * keys computed a slot at a time from the units' ids and the stem table (postings.ts, KeySource), and sends them back
 * with the ids (the main thread only attaches the unit rows). Its input is transferred, not copied, but for the stem
 * table.
 */
import { parentPort } from 'node:worker_threads';
import { layoutSlots } from './layout';
import { buildPostings, postingBuffers } from './postings';

interface Input {
  unitOff: Uint32Array;
  n: number;
  ids: Int32Array;
  stemOf: Int32Array;
  stemSpace: number;
}

parentPort!.once('message', ({ unitOff, n, ids, stemOf, stemSpace }: Input) => {
  const { order, off, lens, bits } = layoutSlots(unitOff, n);
  const bigramPostings = buildPostings(1 << bits, off, lens, n, { ids, stemOf, bits });
  const stemPostings = buildPostings(stemSpace, off, lens, n, { ids, stemOf, bits: 0 });
  const out = {
    order,
    off,
    lens,
    bits,
    ids,
    stems: { off: stemPostings.off, post: stemPostings.post },
    bigrams: { off: bigramPostings.off, post: bigramPostings.post },
  };
  const buffers = [order, off, lens, ids].map((a) => a.buffer as ArrayBuffer);
  buffers.push(...postingBuffers(out.stems), ...postingBuffers(out.bigrams));
  parentPort!.postMessage(out, [...new Set(buffers)]);
});
