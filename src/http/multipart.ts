/**
 * multipart/form-data for document uploads: the texts as files (fields ar, en, zh, typically .txt) plus plain fields
 * (title, source, date, url, tm). Streamed with busboy; a file over the limit fails the request with FILE_TOO_LARGE,
 * a file that is not UTF-8 with INVALID_ENCODING, and nothing is stored.
 */
import busboy from 'busboy';
import type { Request } from 'express';
import { ErrorCode, MizanError } from '../errors';

const FILE_FIELDS = new Set(['ar', 'en', 'zh']);
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
          out[name] = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)).replace(/^\uFEFF/, '');
        } catch {
          fail(new MizanError(ErrorCode.INVALID_ENCODING, { param: name }));
        }
      });
    });
    bb.on('field', (name, given: string | undefined) => {
      const value = given ?? ''; // busboy can give no value for a broken part; a throw here would end the process
      if (!TEXT_FIELDS.has(name))
        fail(new MizanError(ErrorCode.INVALID_PARAMETER, { param: name, value: value.slice(0, 100) }));
      else out[name] = value;
    });
    bb.on('error', (err: Error) =>
      reject(new MizanError(ErrorCode.INVALID_BODY, { reason: 'bad-multipart' }, { cause: err })),
    );
    bb.on('close', () => (failure ? reject(failure) : resolve(out)));
    req.pipe(bb);
  });
}
