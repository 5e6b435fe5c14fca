/**
 * A file upload as a stream, never buffered whole: the raw body (application/x-tmx+xml, text/xml, application/xml,
 * application/octet-stream) or the `file` part of multipart/form-data (busboy). A declared Content-Length over the
 * limit is refused before reading (413 FILE_TOO_LARGE); a body that grows past it fails the same way as it streams.
 */
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import type { Request } from 'express';
import { ErrorCode, MizanError, isMizanError } from '../errors';

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

function multipartFile(req: Request, maxBytes: number): Promise<Upload> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, limits: { fileSize: maxBytes, files: 1, fields: 10 } });
    } catch (err) {
      reject(new MizanError(ErrorCode.INVALID_BODY, { reason: 'bad-multipart' }, { cause: err }));
      return;
    }
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
      reject(new MizanError(ErrorCode.INVALID_BODY, { reason: 'bad-multipart' }, { cause: err })),
    );
    bb.on('close', () => {
      if (!found) reject(new MizanError(ErrorCode.FIELD_MISSING, { param: 'file' }));
    });
    req.pipe(bb);
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
      expected: `${RAW_TYPES.join(', ')} or multipart/form-data`,
    });
  return { body: req, name: 'file' };
}
