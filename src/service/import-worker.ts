/**
 * The thread of readRecordsInWorker (import-thread.ts): reads the source chunks the import's thread passes on, runs
 * readRecords over them and sends the batches back, never more than BATCHES_AHEAD untaken.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ReadFailed, readRecords, type ReadRecordsOptions } from './import-records';
import { BATCHES_AHEAD, CHUNKS_AHEAD, toThreadError, type FromWorker, type ToWorker } from './import-thread';

const port = parentPort!;
const post = (message: FromWorker) => port.postMessage(message);

const chunks: (Uint8Array | string | null)[] = [];
let credits = BATCHES_AHEAD;
let wake: (() => void) | undefined;
const until = async (ready: () => boolean) => {
  while (!ready()) await new Promise<void>((resolve) => (wake = resolve));
};

port.on('message', (m: ToWorker) => {
  if (m.t === 'ack') credits++;
  else chunks.push(m.t === 'bytes' ? m.chunk : null);
  wake?.();
  wake = undefined;
});

/** The source, as the import's thread passes it on; a few chunks asked for ahead. */
async function* source(): AsyncGenerator<Uint8Array | string> {
  for (let i = 0; i < CHUNKS_AHEAD; i++) post({ t: 'need' });
  for (;;) {
    await until(() => chunks.length > 0);
    const chunk = chunks.shift()!;
    if (chunk === null) return;
    post({ t: 'need' });
    yield chunk;
  }
}

async function main(): Promise<void> {
  try {
    for await (const batch of readRecords(source(), workerData as ReadRecordsOptions)) {
      await until(() => credits > 0);
      credits--;
      port.postMessage({ t: 'batch', batch } satisfies FromWorker, [batch.records.buffer as ArrayBuffer]);
    }
  } catch (err) {
    const failed = err instanceof ReadFailed ? err : new ReadFailed(err, {});
    post({ t: 'failed', error: toThreadError(failed.error), fields: failed.fields });
  }
}

void main();
