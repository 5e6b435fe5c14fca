/**
 * A file upload as a stream, never buffered whole: the raw body (application/x-tmx+xml, text/xml, application/xml,
 * application/octet-stream) or the `file` part of multipart/form-data (busboy), either sent compressed or not
 * (Content-Encoding gzip, deflate or br: decompressed as it streams, content-encoding.ts). A declared Content-Length
 * over the limit (for a form, the limit and FORM_SLACK for its boundaries and headers) is refused before reading (413
 * FILE_TOO_LARGE); a file that grows past it, decompressed, fails the same way as it streams.
 * An import receives its upload into a temporary file (spoolUpload) and answers once it is there: the file is read
 * and staged after the answer, so that the job can be followed and cancelled while that runs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import type { Request } from 'express';
import { ErrorCode, MizanError, isMizanError } from '../errors';
import { requestBody } from './content-encoding';

export const RAW_TYPES = ['application/x-tmx+xml', 'text/xml', 'application/xml', 'application/octet-stream'];

export interface Upload {
  /** The file's bytes, as they arrive. */
  body: AsyncIterable<Buffer>;
  /** The file name the client gave (multipart), else "file". */
  name: string;
}

const badForm = (err: unknown) =>
  isMizanError(err) ? err : new MizanError(ErrorCode.INVALID_BODY, { reason: 'bad-multipart' }, { cause: err });

/**
 * The file part's bytes, then the rest of the form (`formEnd`): a form that breaks after the part began (cut short,
 * never closed) errors the part's stream with busboy's own Error, which becomes INVALID_BODY here as it does before
 * the part is found; a file part after it (a second file) fails the upload once the first is in.
 */
async function* partBytes(stream: Readable, formEnd: Promise<void>): AsyncIterable<Buffer> {
  try {
    for await (const chunk of stream) yield chunk as Buffer;
    await formEnd;
  } catch (err) {
    throw badForm(err);
  }
}

/** What a form may hold beside its file (boundaries, part headers, a few fields) within its decompressed size. */
const FORM_SLACK = 1 << 16;
/** File parts busboy reports before it stops (the second is an error already; the form's size bounds the rest). */
const FILE_PARTS = 10;

/** The first `n` characters of a name, never half of a surrogate pair. */
const firstChars = (text: string, n: number) =>
  Array.from(text.slice(0, 2 * n))
    .slice(0, n)
    .join('');

/**
 * The `file` part of a form: one file per import, sent in the field named `file`. A file part in another field, or
 * a second file part, is 400 INVALID_BODY saying so (before the answer when it comes first; else the upload fails
 * once the first file is in, and nothing is imported); a form with no file part is 400 FIELD_MISSING. The limit
 * counts the file part's bytes exactly (busboy's fileSize, past it); the form may hold FORM_SLACK more.
 */
function multipartFile(req: Request, maxBytes: number): Promise<Upload> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    let body: Readable;
    try {
      body = requestBody(req, maxBytes + FORM_SLACK, 'file');
      // busboy reports its limit when a file reaches it: one byte more, so that a file of exactly maxBytes passes.
      bb = busboy({
        headers: req.headers,
        limits: { fileSize: maxBytes + 1, files: FILE_PARTS, fields: 10 },
        // Browsers, HTML forms and curl send a file name as raw UTF-8 (busboy's default reads it as Latin-1).
        defParamCharset: 'utf8',
      });
    } catch (err) {
      reject(badForm(err));
      return;
    }
    // A compressed form that does not decompress, or inflates past the limit, fails its file part with that error.
    if (body !== req) body.on('error', (err) => bb.destroy(err));
    let found = false;
    let endForm: { resolve: () => void; reject: (err: unknown) => void } | undefined;
    const formEnd = new Promise<void>((res, rej) => (endForm = { resolve: res, reject: rej }));
    formEnd.catch(() => undefined); // awaited by the part's reader once its bytes are in
    let failed = false;
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      if (found) endForm!.reject(badForm(err));
      else reject(badForm(err));
    };
    const misplaced = (reason: 'second-file' | 'file-field') =>
      fail(new MizanError(ErrorCode.INVALID_BODY, { reason, param: 'file' }));
    bb.on('file', (field: string, stream: Readable, info: { filename?: string }) => {
      // A form cut short errors each open file stream as well as busboy (handled below): unheard, it ends the process.
      stream.on('error', () => undefined);
      if (field !== 'file' || found) {
        stream.resume();
        misplaced(field !== 'file' ? 'file-field' : 'second-file');
        return;
      }
      if (failed) {
        stream.resume();
        return;
      }
      found = true;
      stream.on('limit', () =>
        stream.destroy(new MizanError(ErrorCode.FILE_TOO_LARGE, { param: 'file', max: maxBytes })),
      );
      resolve({ body: partBytes(stream, formEnd), name: firstChars(info.filename || 'file', 200) });
    });
    bb.on('filesLimit', () => misplaced('second-file'));
    bb.on('error', (err: Error) => fail(err));
    bb.on('close', () => {
      if (!found) reject(new MizanError(ErrorCode.FIELD_MISSING, { param: 'file' }));
      endForm!.resolve();
    });
    body.pipe(bb);
  });
}

/** The uploaded file of an import request. */
export async function readUpload(req: Request, maxBytes: number): Promise<Upload> {
  const length = Number(req.headers['content-length']);
  const multipart = req.is('multipart/form-data') !== false && req.is('multipart/form-data') !== null;
  // A form holds its file and FORM_SLACK more: the file part's own bytes meet the exact limit as they stream.
  if (Number.isFinite(length) && length > maxBytes + (multipart ? FORM_SLACK : 0))
    throw new MizanError(ErrorCode.FILE_TOO_LARGE, { param: 'file', max: maxBytes });
  if (multipart) return multipartFile(req, maxBytes);
  if (!req.is(RAW_TYPES))
    throw new MizanError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, {
      reason: 'media-type',
      expected: [...RAW_TYPES, 'multipart/form-data'],
    });
  return { body: requestBody(req, maxBytes, 'file'), name: 'file' };
}

/**
 * Where uploads wait for their import: a folder of the system's temporary directory (TMPDIR), a file per job named
 * by the process and the job (`<pid>-<job>.tmx`), removed once its job has read it (service/imports.ts, start).
 */
export const SPOOL_DIR = path.join(os.tmpdir(), 'mizan-imports');

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Files left by processes that died mid-import (a crash cannot remove them): removed once, before the first spool. */
let swept: Promise<void> | undefined;
async function sweep(): Promise<void> {
  await fs.promises.mkdir(SPOOL_DIR, { recursive: true, mode: 0o700 });
  for (const name of await fs.promises.readdir(SPOOL_DIR)) {
    const pid = Number(/^(\d+)-/.exec(name)?.[1]);
    if (pid && pid !== process.pid && !alive(pid)) await fs.promises.rm(path.join(SPOOL_DIR, name), { force: true });
  }
}

/** The upload's bytes, counted: past `max`, FILE_TOO_LARGE (a raw body has no limit of its own as it streams). */
async function* limitedBytes(body: AsyncIterable<Buffer>, max: number): AsyncGenerator<Buffer> {
  let bytes = 0;
  for await (const chunk of body) {
    bytes += chunk.byteLength;
    if (bytes > max) throw new MizanError(ErrorCode.FILE_TOO_LARGE, { param: 'file', max });
    yield chunk;
  }
}

/**
 * Receives the upload of `job` into a temporary file and returns its path. On any error (too large, a broken form,
 * `signal` aborted: the client went away) the file is removed and the error thrown.
 */
export async function spoolUpload(upload: Upload, job: string, maxBytes: number, signal: AbortSignal): Promise<string> {
  swept ??= sweep().catch(() => undefined);
  await swept;
  await fs.promises.mkdir(SPOOL_DIR, { recursive: true, mode: 0o700 });
  const file = path.join(SPOOL_DIR, `${process.pid}-${job}.tmx`);
  try {
    await pipeline(limitedBytes(upload.body, maxBytes), fs.createWriteStream(file, { flags: 'wx', mode: 0o600 }), {
      signal,
    });
    return file;
  } catch (err) {
    await fs.promises.rm(file, { force: true });
    throw err;
  }
}
