/**
 * readRecords (import-records.ts) on a worker thread of its own, so that parsing the file (saxes, the TMX reader,
 * the merger, the records) takes one core while the import's thread sends the records to Redis on another.
 *
 * The import's thread still reads the source (an upload or a file stream) and passes its chunks on as the worker
 * asks for them (a few chunks ahead); the worker sends batches of records back and waits once BATCHES_AHEAD of them
 * are untaken, so memory stays bounded whatever the file size. Errors keep their code and parameters across the
 * thread; stopping early (a cancel, a Redis failure while staging) ends the worker and closes the source.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { MizanError, type ErrorCode, type ErrorParams } from '../errors';
import type { ByteSource } from '../formats/xml-stream';
import { ReadFailed, type ReadingFields, type ReadRecordsOptions, type RecordBatch } from './import-records';

/** Batches the worker may have sent and the import not yet taken. */
export const BATCHES_AHEAD = 2;
/** Chunks of the source the worker asks for before it needs them. */
export const CHUNKS_AHEAD = 4;

/** An error as it crosses the thread: a MizanError's code and parameters, or another error's name and message. */
export type ThreadError =
  { code: ErrorCode; params: ErrorParams; message: string } | { name: string; message: string; stack?: string };

export function toThreadError(err: unknown): ThreadError {
  if (err instanceof MizanError) return { code: err.code, params: err.params, message: err.message };
  const e = err instanceof Error ? err : new Error(String(err));
  return { name: e.name, message: e.message, ...(e.stack ? { stack: e.stack } : {}) };
}

export function fromThreadError(e: ThreadError): Error {
  if ('code' in e) return new MizanError(e.code, e.params, { message: e.message });
  const err = new Error(e.message);
  err.name = e.name;
  if (e.stack) err.stack = e.stack;
  return err;
}

/** Worker → import. */
export type FromWorker =
  { t: 'need' } | { t: 'batch'; batch: RecordBatch } | { t: 'failed'; error: ThreadError; fields: ReadingFields };
/** Import → worker. */
export type ToWorker = { t: 'bytes'; chunk: Uint8Array | string } | { t: 'end' } | { t: 'ack' };

/** The entry module beside this one: compiled JavaScript from dist/, TypeScript (through tsx's hook) from src/. */
const WORKER: { file: string; execArgv?: string[] } = __filename.endsWith('.ts')
  ? { file: path.join(__dirname, 'import-worker.ts'), execArgv: ['--require', require.resolve('tsx/cjs')] }
  : { file: path.join(__dirname, 'import-worker.js') };

type Chunks = AsyncIterator<Uint8Array | string> | Iterator<Uint8Array | string>;

/** readRecords on a worker thread: the same batches, in the same order, and the same errors. */
export async function* readRecordsInWorker(
  source: ByteSource,
  options: ReadRecordsOptions,
): AsyncGenerator<RecordBatch> {
  const iterator = (
    Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]()
  ) as Chunks;
  const worker = new Worker(WORKER.file, {
    workerData: options,
    ...(WORKER.execArgv && { execArgv: WORKER.execArgv }),
  });
  const queue: FromWorker[] = [];
  let failure: { error: unknown } | undefined;
  let exited = false;
  let sourceDone = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  const send = (message: ToWorker) => {
    if (!exited) worker.postMessage(message);
  };
  /** The next chunk of the source to the worker; one read at a time, in order. */
  const pump = async () => {
    if (sourceDone || failure) return;
    try {
      const next = await iterator.next();
      if (next.done) {
        sourceDone = true;
        send({ t: 'end' });
      } else {
        send({ t: 'bytes', chunk: next.value });
      }
    } catch (error) {
      sourceDone = true;
      failure ??= { error };
      notify();
    }
  };
  let reading = Promise.resolve();
  worker.on('message', (m: FromWorker) => {
    if (m.t === 'need') reading = reading.then(pump);
    else {
      queue.push(m);
      notify();
    }
  });
  worker.on('error', (error) => {
    failure ??= { error };
    notify();
  });
  worker.on('exit', () => {
    exited = true;
    notify();
  });
  try {
    for (;;) {
      while (queue.length === 0 && !failure && !exited) await new Promise<void>((resolve) => (wake = resolve));
      const m = queue.shift();
      if (m?.t === 'failed') throw new ReadFailed(fromThreadError(m.error), m.fields);
      if (failure) throw failure.error;
      if (!m || m.t !== 'batch') throw new Error('the TMX reading thread stopped before the end of the file');
      send({ t: 'ack' });
      yield m.batch;
      if (m.batch.encoding !== undefined) return;
    }
  } finally {
    await worker.terminate();
    await reading;
    if (!sourceDone) await iterator.return?.();
  }
}
