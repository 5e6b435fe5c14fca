/**
 * The thread of `startPostingsWorker` (postings.ts): builds one family of postings from its input and sends it back.
 */
import { parentPort } from 'node:worker_threads';
import { buildPostings, postingBuffers, type KeySource } from './postings';

interface Input {
  keySpace: number;
  off: Uint32Array;
  lens: Uint16Array;
  slots: number;
  keys: KeySource;
}

parentPort!.once('message', ({ keySpace, off, lens, slots, keys }: Input) => {
  const { off: postOff, post } = buildPostings(keySpace, off, lens, slots, keys);
  parentPort!.postMessage({ off: postOff, post }, postingBuffers({ off: postOff, post }));
});
