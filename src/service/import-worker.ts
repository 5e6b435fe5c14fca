/**
 * The thread of readRecordsInWorker (import-thread.ts): reads the file from the descriptor it is given, or the source
 * chunks the import's thread passes on, runs readRecords over them and sends the batches back, never more than
 * BATCHES_AHEAD untaken.
 */
import fs from 'node:fs';
import { promisify } from 'node:util';
import { parentPort, workerData } from 'node:worker_threads';
import { ReadFailed, readRecords } from './import-records';
import { BATCHES_AHEAD, CHUNKS_AHEAD, toThreadError } from './import-thread';
import type { FromWorker, ToWorker, WorkerInput } from './import-thread';

const input = workerData as WorkerInput;

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
async function* passedOn(): AsyncGenerator<Uint8Array | string> {
  for (let i = 0; i < CHUNKS_AHEAD; i++) post({ t: 'need' });
  for (;;) {
    await until(() => chunks.length > 0);
    const chunk = chunks.shift()!;
    if (chunk === null) return;
    post({ t: 'need' });
    yield chunk;
  }
}

/** Bytes of a read (as a file stream reads them). */
const FILE_CHUNK = 1 << 16;
const read = promisify(fs.read);

/** The file, from its start, a chunk at a time; the descriptor is the import thread's to close, after this thread. */
async function* fromDescriptor(fd: number): AsyncGenerator<Uint8Array> {
  for (let position = 0; ;) {
    const { bytesRead, buffer } = await read(fd, Buffer.allocUnsafe(FILE_CHUNK), 0, FILE_CHUNK, position);
    if (bytesRead === 0) return;
    position += bytesRead;
    yield buffer.subarray(0, bytesRead);
  }
}

async function main(): Promise<void> {
  try {
    const source = input.fd === undefined ? passedOn() : fromDescriptor(input.fd);
    for await (const batch of readRecords(source, input.options)) {
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
