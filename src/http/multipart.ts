/**
 * multipart/form-data for document uploads: the texts as files (fields ar, en, zh, typically .txt) plus plain fields
 * (title, source, date, url, tm). Streamed with busboy; a file over the limit fails the request with FILE_TOO_LARGE,
 * a file or field that is not UTF-8 text (multipartText) with INVALID_ENCODING, and nothing is stored. A form sent
 * compressed (Content-Encoding gzip, deflate, br) is decompressed as it streams (content-encoding.ts).
 */
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import type { Request } from 'express';
import { ErrorCode, MizanError, isMizanError } from '../errors';
import { requestBody } from './content-encoding';

const FILE_FIELDS = new Set(['ar', 'en', 'zh']);
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A multipart text as mizan accepts it: UTF-8 (the leading BOM dropped) and no NUL, which plain text never holds
 * but UTF-16 read as UTF-8 does on every ASCII character. A file part arrives as bytes and is decoded strictly; a
 * plain field busboy already decoded, replacing bytes that were not UTF-8 with U+FFFD, so a U+FFFD there is taken
 * for such bytes. Anything else is INVALID_ENCODING naming the field.
 */
export function multipartText(param: string, value: Buffer | string): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : utf8.decode(value);
  } catch {
    throw new MizanError(ErrorCode.INVALID_ENCODING, { param });
  }
  if (text.includes('\u0000') || (typeof value === 'string' && text.includes('\uFFFD')))
    throw new MizanError(ErrorCode.INVALID_ENCODING, { param });
  return text.replace(/^\uFEFF/, '');
}
const TEXT_FIELDS = new Set(['ar', 'en', 'zh', 'title', 'source', 'date', 'url', 'tm']);

export interface FormSpec {
  limits: busboy.Limits & { fileSize: number };
  /** Names accepted as file parts; any other file part is INVALID_PARAMETER. */
  files: ReadonlySet<string>;
  /** Names accepted as plain fields; any other is INVALID_PARAMETER, or dropped unread with `otherFields: 'ignore'`. */
  fields: ReadonlySet<string>;
  /**
   * 'ignore' where one file is the upload and its fields are options: a browser form or client may send fields of
   * its own (a submit button's name, a CSRF token) beside them. 'refuse' (the default) where every field is data, so
   * that a misspelt one is an error rather than lost. @default 'refuse'
   */
  otherFields?: 'ignore' | 'refuse';
  /** Takes a whole file part; a MizanError it throws fails the form. */
  onFile(name: string, bytes: Buffer, mediaType: string): void;
  /** Takes a plain field, already checked by multipartText. */
  onField(name: string, text: string): void;
}

/** The most a form within `limits` holds, decompressed: its files and fields, and room for the parts' headers. */
function formBound(limits: FormSpec['limits']): number {
  return limits.fileSize * (limits.files ?? 1) + (limits.fields ?? 0) * (limits.fieldSize ?? 1 << 20) + (1 << 16);
}

/**
 * Reads a multipart/form-data body with busboy, part by part: resolves once every part is taken, or rejects with the
 * first failure (a part not accepted, a file over `limits.fileSize`: FILE_TOO_LARGE, text that is not UTF-8, a form
 * busboy cannot read: INVALID_BODY).
 */
export function readForm(req: Request, spec: FormSpec): Promise<void> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    let body: Readable;
    try {
      body = requestBody(req, formBound(spec.limits), 'file');
      // Names (of fields, of files) as browsers and curl send them: raw UTF-8, not busboy's default Latin-1.
      bb = busboy({ headers: req.headers, limits: spec.limits, defParamCharset: 'utf8' });
    } catch (err) {
      reject(
        isMizanError(err) ? err : new MizanError(ErrorCode.INVALID_BODY, { reason: 'bad-multipart' }, { cause: err }),
      );
      return;
    }
    // A compressed form that does not decompress, or inflates past its bound, fails with that error.
    if (body !== req) body.on('error', (err) => bb.destroy(err));
    let failure: MizanError | undefined;
    const fail = (error: MizanError) => {
      failure ??= error;
    };
    bb.on('file', (name, stream, info) => {
      // A form cut short errors each open file stream as well as busboy (handled below): unheard, it ends the process.
      stream.on('error', () => undefined);
      if (!spec.files.has(name)) {
        fail(new MizanError(ErrorCode.INVALID_PARAMETER, { param: name, value: 'file' }));
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () =>
        fail(new MizanError(ErrorCode.FILE_TOO_LARGE, { param: name, max: spec.limits.fileSize })),
      );
      stream.on('close', () => {
        try {
          spec.onFile(name, Buffer.concat(chunks), info.mimeType.toLowerCase());
        } catch (error) {
          fail(error as MizanError);
        }
      });
    });
    bb.on('field', (name, given: string | undefined) => {
      const value = given ?? ''; // busboy can give no value for a broken part; a throw here would end the process
      if (!spec.fields.has(name)) {
        if (spec.otherFields !== 'ignore')
          fail(new MizanError(ErrorCode.INVALID_PARAMETER, { param: name, value: value.slice(0, 100) }));
      } else
        try {
          spec.onField(name, multipartText(name, value));
        } catch (error) {
          fail(error as MizanError);
        }
    });
    bb.on('error', (err: Error) =>
      reject(
        isMizanError(err) ? err : new MizanError(ErrorCode.INVALID_BODY, { reason: 'bad-multipart' }, { cause: err }),
      ),
    );
    bb.on('close', () => (failure ? reject(failure) : resolve()));
    body.pipe(bb);
  });
}

/** A document upload: the texts as files or fields (ar, en, zh) and the plain fields, decoded. */
export async function readMultipart(req: Request, maxFileBytes: number): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  await readForm(req, {
    limits: { fileSize: maxFileBytes, files: 3, fields: 10, fieldSize: maxFileBytes },
    files: FILE_FIELDS,
    fields: TEXT_FIELDS,
    onFile: (name, bytes) => {
      out[name] = multipartText(name, bytes);
    },
    onField: (name, text) => {
      out[name] = text;
    },
  });
  return out;
}
