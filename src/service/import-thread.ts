/**
 * readRecords (import-records.ts) on a worker thread of its own, so that parsing the file (saxes, the TMX reader,
 * the merger, the records) takes one core while the import's thread sends the records to Redis on another.
 *
 * A file on disk (an upload spooled by the server, a file named to the CLI) is read by the worker itself, from a
 * descriptor the import's thread opens and closes: the reading never waits for the import's thread, which is busy
 * with Redis and the TM's index (when it passed the file's chunks on, the worker spent a third of its time waiting
 * for them). Another source (a stream, chunks in memory) is still read by the import's thread and passed on as the
 * worker asks for it (a few chunks ahead). The worker sends batches of records back and waits once BATCHES_AHEAD of
 * them are untaken, so memory stays bounded whatever the file size. Errors keep their code and parameters across the
 * thread; stopping early (a cancel, a Redis failure while staging) ends the worker and closes the source.
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
/** Chunks of a source read by the import's thread that the worker asks for before it needs them. */
export const CHUNKS_AHEAD = 16;

/** A file on disk, which the reading thread reads itself. */
export interface FileSource {
  path: string;
}
/** What an import reads: a file on disk, or bytes as they come. */
export type ImportSource = ByteSource | FileSource;

export const isFileSource = (source: ImportSource): source is FileSource =>
  !(Symbol.asyncIterator in source) && !(Symbol.iterator in source) && typeof source.path === 'string';

/** What the worker is started with: the reading's options, and the descriptor to read when the source is a file. */
export interface WorkerInput {
  options: ReadRecordsOptions;
  fd?: number;
}

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
  const file = isFileSource(source) ? await fs.promises.open(source.path, 'r') : undefined;
  const iterator = (
    isFileSource(source)
      ? [][Symbol.iterator]()
      : Symbol.asyncIterator in source
        ? source[Symbol.asyncIterator]()
        : source[Symbol.iterator]()
  ) as Chunks;
  const input: WorkerInput = { options, ...(file && { fd: file.fd }) };
  let worker: Worker;
  try {
    worker = new Worker(WORKER.file, { workerData: input, ...(WORKER.execArgv && { execArgv: WORKER.execArgv }) });
  } catch (err) {
    await file?.close();
    throw err;
  }
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
    await file?.close(); // the worker is gone: nothing reads the descriptor any more
    if (!sourceDone) await iterator.return?.();
  }
}
