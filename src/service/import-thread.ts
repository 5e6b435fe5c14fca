/**
 * readRecords (import-records.ts) on a worker thread of its own, so that parsing the file (saxes, the TMX reader,
 * the merger, the records) takes one core while the import's thread sends the records to Redis on another.
 *
 * The import's thread reads the source (a file on disk, `{ path }`, or bytes as they come: an upload, a stream) and
 * passes its chunks on as the worker asks for them, CHUNKS_AHEAD of them ahead: enough that the parser does not run
 * dry while the import's thread is busy with Redis, the TM's index or a GC pause. (The worker reading a file itself
 * was measured and not kept: it cost the reading more CPU and time than the chunks passed on, docs/benchmarks.md,
 * "Ninth session".) The worker sends batches of records back and waits once BATCHES_AHEAD of them are untaken, so
 * memory stays bounded whatever the file size. Errors keep their code and parameters across the thread; stopping
 * early (a cancel, a Redis failure while staging) ends the worker and closes the source.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { MizanError, type ErrorCode, type ErrorParams } from '../errors';
import type { ByteSource } from '../formats/xml-stream';
import { ReadFailed, type ReadingFields, type ReadRecordsOptions, type RecordBatch } from './import-records';

/**
 * Batches the worker may have sent and the import not yet taken (≈ 0.8 MB each at the default chunk): enough to
 * ride out a pause of the import's thread (a major GC of a large TM's index) without stopping the reading.
 */
export const BATCHES_AHEAD = 8;
/** Chunks of the source (64 kB each from a file: 4 MB) the worker asks for before it needs them. */
export const CHUNKS_AHEAD = 64;

/** A file on disk. */
export interface FileSource {
  path: string;
}
/** What an import reads: a file on disk, or bytes as they come. */
export type ImportSource = ByteSource | FileSource;

export const isFileSource = (source: ImportSource): source is FileSource =>
  !(Symbol.asyncIterator in source) && !(Symbol.iterator in source) && typeof source.path === 'string';

/**
 * A file's bytes, 64 kB at a time. The stream is made when the reading starts and iterated at once, so that a file
 * that cannot be opened fails the reading (a stream made earlier would emit its error to no listener).
 */
async function* fileBytes(path: string): AsyncGenerator<Uint8Array> {
  yield* fs.createReadStream(path, { highWaterMark: 1 << 16 });
}

/** The source's bytes: a file read as a stream, other sources as they are. */
export const sourceBytes = (source: ImportSource): ByteSource =>
  isFileSource(source) ? fileBytes(source.path) : source;

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
  source: ImportSource,
  options: ReadRecordsOptions,
): AsyncGenerator<RecordBatch> {
  const bytes = sourceBytes(source);
  const iterator = (Symbol.asyncIterator in bytes ? bytes[Symbol.asyncIterator]() : bytes[Symbol.iterator]()) as Chunks;
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
