/**
 * The limit on a request's line and headers. Node's parser refuses a head over its `maxHeaderSize` before any
 * request object exists, so the answer it allows (server.ts) cannot read Accept-Language or Origin: English, without
 * CORS or a request id. The parser is therefore given twice the limit (PARSER_HEADER_BYTES), and the limit itself,
 * MAX_HEADER_BYTES, is enforced here, first among the app's checks after the access log and CORS: a head between the
 * two is a 431 HEADERS_TOO_LARGE answered like any other error — localized, with CORS headers for an allowed
 * origin and X-Request-Id (a browser page sending a long GET query can show the hint to use the batch route). Only a
 * head past the parser's limit gets the parser's bare English answer.
 */
import type { RequestHandler } from 'express';
import { ErrorCode, MizanError } from '../errors';

/** The most bytes a request line and headers may take: every query within the documented length fits in a GET. */
export const MAX_HEADER_BYTES = 64 * 1024;
/** Node's parser's limit (its `maxHeaderSize`): a head up to it is parsed, then refused past MAX_HEADER_BYTES here. */
export const PARSER_HEADER_BYTES = 2 * MAX_HEADER_BYTES;

/** The bytes of a request's head as received (Node reads the line and headers as latin1: one char, one byte). */
function headBytes(method: string, url: string, rawHeaders: readonly string[]): number {
  let n = method.length + 1 + url.length + ' HTTP/1.1\r\n'.length + 2;
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) n += rawHeaders[i]!.length + 2 + rawHeaders[i + 1]!.length + 2;
  return n;
}

export function headSize(): RequestHandler {
  return (req, _res, next) => {
    if (headBytes(req.method, req.originalUrl, req.rawHeaders) > MAX_HEADER_BYTES)
      throw new MizanError(ErrorCode.HEADERS_TOO_LARGE, { max: MAX_HEADER_BYTES });
    next();
  };
}
