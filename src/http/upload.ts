/**
 * A file upload as bytes: the raw request body (an XML media type or application/octet-stream), or the `file` part
 * of a multipart/form-data body (plus a few plain fields). The bytes are not decoded here: the reader of the format
 * knows its encodings. Over the limit: BODY_TOO_LARGE (raw) or FILE_TOO_LARGE (multipart), both 413.
 */
import busboy from 'busboy';
import express, { type Request, type Response } from 'express';
import { ErrorCode, MizanError } from '../errors';
import { multipartText } from './multipart';

export const RAW_TYPES = [
  'application/xliff+xml',
  'application/x-xliff+xml',
  'application/xml',
  'text/xml',
  'application/octet-stream',
] as const;

export interface Upload {
  bytes: Buffer;
  /** The media type the file came as (the part's own for multipart), without parameters. */
  mediaType: string;
  /** Plain multipart fields (empty for a raw body). */
  fields: Record<string, string>;
  multipart: boolean;
}

/** Reads the upload; `fields` are the plain multipart fields accepted beside `file`. */
export async function readUpload(
  req: Request,
  limits: { maxBody: string; maxFileBytes: number },
  fields: ReadonlySet<string>,
): Promise<Upload> {
  if (req.is('multipart/form-data')) return readMultipartFile(req, limits.maxFileBytes, fields);
  const type = req.is([...RAW_TYPES]);
  if (!type)
    throw new MizanError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, {
      expected: `${RAW_TYPES.join(', ')} or multipart/form-data`,
    });
  const parse = express.raw({ type: () => true, limit: limits.maxBody });
  await new Promise<void>((resolve, reject) =>
    parse(req, {} as Response, (err?: unknown) => (err ? reject(err) : resolve())),
  );
  const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  if (bytes.length === 0) throw new MizanError(ErrorCode.FIELD_MISSING, { param: 'file' });
  return { bytes, mediaType: type, fields: {}, multipart: false };
}

function readMultipartFile(req: Request, maxFileBytes: number, allowed: ReadonlySet<string>): Promise<Upload> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, limits: { fileSize: maxFileBytes, files: 1, fields: 20, fieldSize: 1000 } });
    } catch (err) {
      reject(new MizanError(ErrorCode.INVALID_BODY, { reason: 'bad-multipart' }, { cause: err }));
      return;
    }
    let file: { bytes: Buffer; mediaType: string } | undefined;
    const fields: Record<string, string> = {};
    let failure: MizanError | undefined;
    const fail = (error: MizanError) => {
      failure ??= error;
    };
    bb.on('file', (name, stream, info) => {
      // A form cut short errors each open file stream as well as busboy (handled below): unheard, it ends the process.
      stream.on('error', () => undefined);
      if (name !== 'file') {
        fail(new MizanError(ErrorCode.INVALID_PARAMETER, { param: name, value: 'file' }));
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => fail(new MizanError(ErrorCode.FILE_TOO_LARGE, { param: name, max: maxFileBytes })));
      stream.on('close', () => {
        file = { bytes: Buffer.concat(chunks), mediaType: info.mimeType.toLowerCase() };
      });
    });
    bb.on('field', (name, given: string | undefined) => {
      const value = given ?? ''; // busboy can give no value for a broken part; a throw here would end the process
      if (!allowed.has(name))
        fail(new MizanError(ErrorCode.INVALID_PARAMETER, { param: name, value: value.slice(0, 100) }));
      else
        try {
          fields[name] = multipartText(name, value);
        } catch (error) {
          fail(error as MizanError);
        }
    });
    bb.on('error', (err: Error) =>
      reject(new MizanError(ErrorCode.INVALID_BODY, { reason: 'bad-multipart' }, { cause: err })),
    );
    bb.on('close', () => {
      if (failure) return reject(failure);
      if (!file || file.bytes.length === 0) return reject(new MizanError(ErrorCode.FIELD_MISSING, { param: 'file' }));
      resolve({ ...file, fields, multipart: true });
    });
    req.pipe(bb);
  });
}
