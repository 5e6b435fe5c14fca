/**
 * The thread of `IndexBlock.offMain` (block.ts): lays a block out and builds both families of its postings, their
 * keys computed here from the units' ids and the stem table one family at a time (one array: the bigrams' keys are
 * spent when the stems are written over them), and sends them back with the ids (the main thread only attaches the
 * unit rows). Its input is transferred, not copied, but for the stem table.
 */
import { parentPort } from 'node:worker_threads';
import { tokenKeys } from './flat-units';
import { layoutSlots } from './layout';
import { buildPostings } from './postings';

interface Input {
  unitOff: Uint32Array;
  n: number;
  ids: Int32Array;
  stemOf: Int32Array;
  stemSpace: number;
}

parentPort!.once('message', ({ unitOff, n, ids, stemOf, stemSpace }: Input) => {
  const keys = tokenKeys('pairs', ids, unitOff, n, stemOf);
  const { order, off, lens, bits } = layoutSlots(unitOff, n, keys);
  const bigramPostings = buildPostings(1 << bits, off, lens, n, keys);
  const stemPostings = buildPostings(stemSpace, off, lens, n, tokenKeys('stems', ids, unitOff, n, stemOf, keys));
  const out = {
    order,
    off,
    lens,
    bits,
    ids,
    stems: { off: stemPostings.off, post: stemPostings.post },
    bigrams: { off: bigramPostings.off, post: bigramPostings.post },
  };
  const buffers = [order, off, lens, ids, out.stems.off, out.stems.post, out.bigrams.off, out.bigrams.post];
  parentPort!.postMessage(out, [...new Set(buffers.map((a) => a.buffer as ArrayBuffer))]);
});
