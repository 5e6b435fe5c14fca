/**
 * JSON request bodies: an object, valid UTF-8, at most `maxBody`; any other media type is 415. The parser's own
 * refusals (too large, not JSON, bad charset or encoding) reach the error middleware, which names them.
 */
import express, { type RequestHandler } from 'express';
import { ErrorCode, MizanError } from '../errors';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Refuses a JSON body that is not valid UTF-8 (the parser would turn bad bytes into U+FFFD and store them). */
function verifyUtf8(_req: unknown, _res: unknown, body: Buffer): void {
  try {
    utf8.decode(body);
  } catch {
    throw new MizanError(ErrorCode.INVALID_ENCODING, { param: 'body' });
  }
}

/** Parses a JSON body that must be an object; other media types get 415. One middleware, for typed routes. */
export function jsonBody(config: { maxBody: string }): RequestHandler {
  const parse = express.json({ limit: config.maxBody, strict: true, verify: verifyUtf8 });
  return (req, res, next) => {
    if (!req.is('application/json'))
      throw new MizanError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, { expected: 'application/json' });
    parse(req, res, (err?: unknown) => {
      if (err) return next(err);
      if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
        return next(new MizanError(ErrorCode.INVALID_BODY, { reason: 'not-an-object' }));
      }
      next();
    });
  };
}
