/** The worker thread of `buildPostingsInWorker` (postings.ts): builds one family of postings and sends it back. */
import { parentPort, workerData } from 'node:worker_threads';
import { buildPostings } from './postings';

const { keySpace, off, lens, slots, keys } = workerData as {
  keySpace: number;
  off: Uint32Array;
  lens: Uint16Array;
  slots: number;
  keys: Int32Array;
};
const { off: postOff, post } = buildPostings(keySpace, off, lens, slots, keys);
parentPort!.postMessage({ off: postOff, post }, [postOff.buffer as ArrayBuffer, post.buffer as ArrayBuffer]);
