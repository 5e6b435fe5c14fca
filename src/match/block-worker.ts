/**
 * The thread of `buildBlockOffMain` (block-build.ts): lays a block out and builds both families of its postings,
 * and sends them back (the main thread only attaches the unit ids). Its input is transferred, not copied.
 */
import { parentPort } from 'node:worker_threads';
import { layoutSlots } from './layout';
import { buildPostings } from './postings';

interface Input {
  unitOff: Uint32Array;
  n: number;
  stems: Int32Array;
  pairs: Int32Array;
  stemSpace: number;
}

parentPort!.once('message', ({ unitOff, n, stems, pairs, stemSpace }: Input) => {
  const { order, off, lens, bits } = layoutSlots(unitOff, n, pairs);
  const stemPostings = buildPostings(stemSpace, off, lens, n, stems);
  const bigramPostings = buildPostings(1 << bits, off, lens, n, pairs);
  const out = {
    order,
    off,
    lens,
    bits,
    stems: { off: stemPostings.off, post: stemPostings.post },
    bigrams: { off: bigramPostings.off, post: bigramPostings.post },
  };
  const buffers = [order, off, lens, out.stems.off, out.stems.post, out.bigrams.off, out.bigrams.post];
  parentPort!.postMessage(out, [...new Set(buffers.map((a) => a.buffer as ArrayBuffer))]);
});
