/**
 * A file upload as a stream, never buffered whole: the raw body (application/x-tmx+xml, text/xml, application/xml,
 * application/octet-stream) or the `file` part of multipart/form-data (busboy), either sent compressed or not
 * (Content-Encoding gzip, deflate or br: decompressed as it streams, content-encoding.ts). A declared Content-Length
 * over the limit is refused before reading (413 FILE_TOO_LARGE); a body that grows past it, decompressed, fails the
 * same way as it streams.
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

/**
 * The file part's bytes; a form that breaks after the part began (cut short, never closed) errors the part's stream
 * with busboy's own Error, which becomes INVALID_BODY here as it does before the part is found.
 */
async function* partBytes(stream: Readable): AsyncIterable<Buffer> {
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (err) {
    throw isMizanError(err) ? err : new MizanError(ErrorCode.INVALID_BODY, { reason: 'bad-multipart' }, { cause: err });
  }
}

/** What a form may hold beside its file (boundaries, part headers, a few fields) within its decompressed size. */
const FORM_SLACK = 1 << 16;

function multipartFile(req: Request, maxBytes: number): Promise<Upload> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    let body: Readable;
    try {
      body = requestBody(req, maxBytes + FORM_SLACK, 'file');
      bb = busboy({ headers: req.headers, limits: { fileSize: maxBytes, files: 1, fields: 10 } });
    } catch (err) {
      reject(
        isMizanError(err) ? err : new MizanError(ErrorCode.INVALID_BODY, { reason: 'bad-multipart' }, { cause: err }),
      );
      return;
    }
    // A compressed form that does not decompress, or inflates past the limit, fails its file part with that error.
    if (body !== req) body.on('error', (err) => bb.destroy(err));
    let found = false;
    bb.on('file', (field: string, stream: Readable, info: { filename?: string }) => {
      // A form cut short errors each open file stream as well as busboy (handled below): unheard, it ends the process.
      stream.on('error', () => undefined);
      if (field !== 'file' || found) {
        stream.resume();
        return;
      }
      found = true;
      stream.on('limit', () =>
        stream.destroy(new MizanError(ErrorCode.FILE_TOO_LARGE, { param: 'file', max: maxBytes })),
      );
      resolve({ body: partBytes(stream), name: (info.filename || 'file').slice(0, 200) });
    });
    bb.on('error', (err: Error) =>
      reject(
        isMizanError(err) ? err : new MizanError(ErrorCode.INVALID_BODY, { reason: 'bad-multipart' }, { cause: err }),
      ),
    );
    bb.on('close', () => {
      if (!found) reject(new MizanError(ErrorCode.FIELD_MISSING, { param: 'file' }));
    });
    body.pipe(bb);
  });
}

/** The uploaded file of an import request. */
export async function readUpload(req: Request, maxBytes: number): Promise<Upload> {
  const length = Number(req.headers['content-length']);
  if (Number.isFinite(length) && length > maxBytes)
    throw new MizanError(ErrorCode.FILE_TOO_LARGE, { param: 'file', max: maxBytes });
  if (req.is('multipart/form-data')) return multipartFile(req, maxBytes);
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
