/**
 * A file upload as bytes: the raw request body (an XML media type or application/octet-stream), or the `file` part
 * of a multipart/form-data body (plus a few plain fields). The bytes are not decoded here: the reader of the format
 * knows its encodings. Over the limit: BODY_TOO_LARGE (raw) or FILE_TOO_LARGE (multipart), both 413. Either may come
 * compressed (Content-Encoding gzip, deflate, br: body-parser decompresses a raw body, content-encoding.ts a form,
 * the limit holding for the decompressed bytes); any other Content-Encoding is 415, naming it.
 */
import express, { type Request, type Response } from 'express';
import { ErrorCode, MizanError } from '../errors';
import { checkContentEncoding } from './content-encoding';
import { readForm } from './multipart';

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

/** Reads the upload; `fields` are the plain multipart fields read beside `file` (any other field is ignored). */
export async function readUpload(
  req: Request,
  limits: { maxBody: string; maxFileBytes: number },
  fields: ReadonlySet<string>,
): Promise<Upload> {
  checkContentEncoding(req);
  if (req.is('multipart/form-data')) return readMultipartFile(req, limits.maxFileBytes, fields);
  const type = req.is([...RAW_TYPES]);
  if (!type)
    throw new MizanError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, {
      reason: 'media-type',
      expected: [...RAW_TYPES, 'multipart/form-data'],
    });
  const parse = express.raw({ type: () => true, limit: limits.maxBody });
  await new Promise<void>((resolve, reject) =>
    parse(req, {} as Response, (err?: unknown) => (err ? reject(err) : resolve())),
  );
  const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  if (bytes.length === 0) throw new MizanError(ErrorCode.FIELD_MISSING, { param: 'file' });
  return { bytes, mediaType: type, fields: {}, multipart: false };
}

const FILE_PART = new Set(['file']);

async function readMultipartFile(req: Request, maxFileBytes: number, allowed: ReadonlySet<string>): Promise<Upload> {
  let file: { bytes: Buffer; mediaType: string } | undefined;
  const fields: Record<string, string> = {};
  await readForm(req, {
    limits: { fileSize: maxFileBytes, files: 1, fields: 20, fieldSize: 1000 },
    files: FILE_PART,
    fields: allowed,
    otherFields: 'ignore',
    onFile: (_name, bytes, mediaType) => {
      file = { bytes, mediaType };
    },
    onField: (name, text) => {
      fields[name] = text;
    },
  });
  if (!file || file.bytes.length === 0) throw new MizanError(ErrorCode.FIELD_MISSING, { param: 'file' });
  return { ...file, fields, multipart: true };
}
