/**
 * A request body sent compressed (`Content-Encoding: gzip`, `x-gzip`, `deflate` or `br`), decompressed as it
 * streams, for the uploads that read the request themselves (a TMX import's raw body or form, tmx-upload.ts; a
 * multipart form, multipart.ts) — JSON and raw XLIFF bodies go through body-parser, which does the same. The size
 * limit holds for the decompressed bytes: a small body that inflates past it (a gzip bomb) stops as soon as it
 * does, FILE_TOO_LARGE, its compressed rest read and dropped so that the answer still reaches the client. A body that
 * does not decompress is INVALID_BODY (`unreadable`); an encoding not listed here is 415 UNSUPPORTED_MEDIA_TYPE
 * naming it, before anything is read.
 */
import { Readable, type Transform } from 'node:stream';
import zlib from 'node:zlib';
import type { Request } from 'express';
import { ErrorCode, MizanError, isMizanError } from '../errors';

const DECOMPRESSORS: Readonly<Record<string, () => Transform>> = {
  gzip: () => zlib.createGunzip(),
  'x-gzip': () => zlib.createGunzip(),
  deflate: () => zlib.createInflate(),
  br: () => zlib.createBrotliDecompress(),
};

/** The Content-Encodings a request body may come in (or none), as an error names them. */
export const CONTENT_ENCODINGS = ['gzip', 'deflate', 'br'];

/** The request's Content-Encoding, lower-cased; undefined for none (absent, empty or `identity`). */
function contentEncoding(req: Request): string | undefined {
  const coding = String(req.headers['content-encoding'] ?? '')
    .trim()
    .toLowerCase();
  return coding === '' || coding === 'identity' ? undefined : coding;
}

/** Throws 415 UNSUPPORTED_MEDIA_TYPE, naming it, for a Content-Encoding this module cannot undo. */
export function checkContentEncoding(req: Request): void {
  const coding = contentEncoding(req);
  if (coding !== undefined && !DECOMPRESSORS[coding])
    throw new MizanError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, {
      reason: 'content-encoding',
      expected: CONTENT_ENCODINGS,
      coding: coding.slice(0, 40),
    });
}

/**
 * The request body, decompressed as its Content-Encoding says (checked first: checkContentEncoding), at most
 * `maxBytes` of it: the request itself when it is not compressed (counting its bytes is the caller's), else a
 * stream of the decompressed bytes that fails with FILE_TOO_LARGE (param `param`) past `maxBytes` and with
 * INVALID_BODY when the bytes do not decompress.
 */
export function requestBody(req: Request, maxBytes: number, param: string): Readable {
  checkContentEncoding(req);
  const coding = contentEncoding(req);
  if (coding === undefined) return req;
  return Readable.from(inflated(req, DECOMPRESSORS[coding]!(), maxBytes, param));
}

async function* inflated(req: Request, inflate: Transform, maxBytes: number, param: string): AsyncGenerator<Buffer> {
  // The client going away leaves the decompressor waiting for more: end it, so that whoever reads it stops too.
  let gone = false;
  const onClose = () => {
    if (req.complete) return;
    gone = true;
    inflate.destroy(new Error('the request was closed before its body ended'));
  };
  req.on('close', onClose);
  req.pipe(inflate);
  let bytes = 0;
  try {
    for await (const chunk of inflate as AsyncIterable<Buffer>) {
      bytes += chunk.byteLength;
      if (bytes > maxBytes) throw new MizanError(ErrorCode.FILE_TOO_LARGE, { param, max: maxBytes });
      yield chunk;
    }
  } catch (err) {
    if (isMizanError(err) || gone) throw err;
    throw new MizanError(ErrorCode.INVALID_BODY, { reason: 'unreadable' }, { cause: err });
  } finally {
    req.off('close', onClose);
    req.unpipe(inflate);
    inflate.destroy();
    // What the client still sends is read and dropped, not decompressed: the error answer can then be read.
    if (!req.complete && !gone) req.resume();
  }
}
