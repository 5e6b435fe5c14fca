/**
 * multipart/form-data for document uploads: the texts as files (fields ar, en, zh, typically .txt) plus plain fields
 * (title, source, date, url, tm). Streamed with busboy; a file over the limit fails the request with FILE_TOO_LARGE,
 * a file or field that is not UTF-8 text (multipartText) with INVALID_ENCODING, and nothing is stored.
 */
import busboy from 'busboy';
import type { Request } from 'express';
import { ErrorCode, MizanError } from '../errors';

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

export function readMultipart(req: Request, maxFileBytes: number): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: req.headers,
        limits: { fileSize: maxFileBytes, files: 3, fields: 10, fieldSize: maxFileBytes },
      });
    } catch (err) {
      reject(new MizanError(ErrorCode.INVALID_BODY, { reason: 'bad-multipart' }, { cause: err }));
      return;
    }
    const out: Record<string, string> = {};
    let failure: MizanError | undefined;
    const fail = (error: MizanError) => {
      failure ??= error;
    };
    bb.on('file', (name, stream) => {
      // A form cut short errors each open file stream as well as busboy (handled below): unheard, it ends the process.
      stream.on('error', () => undefined);
      if (!FILE_FIELDS.has(name)) {
        fail(new MizanError(ErrorCode.INVALID_PARAMETER, { param: name, value: 'file' }));
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => fail(new MizanError(ErrorCode.FILE_TOO_LARGE, { param: name, max: maxFileBytes })));
      stream.on('close', () => {
        try {
          out[name] = multipartText(name, Buffer.concat(chunks));
        } catch (error) {
          fail(error as MizanError);
        }
      });
    });
    bb.on('field', (name, given: string | undefined) => {
      const value = given ?? ''; // busboy can give no value for a broken part; a throw here would end the process
      if (!TEXT_FIELDS.has(name))
        fail(new MizanError(ErrorCode.INVALID_PARAMETER, { param: name, value: value.slice(0, 100) }));
      else
        try {
          out[name] = multipartText(name, value);
        } catch (error) {
          fail(error as MizanError);
        }
    });
    bb.on('error', (err: Error) =>
      reject(new MizanError(ErrorCode.INVALID_BODY, { reason: 'bad-multipart' }, { cause: err })),
    );
    bb.on('close', () => (failure ? reject(failure) : resolve(out)));
    req.pipe(bb);
  });
}
