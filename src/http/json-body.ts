/**
 * JSON request bodies: an object, valid UTF-8, at most `maxBody`, holding at most MAX_JSON_VALUES values; any other
 * media type is 415. The parser's own refusals (too large, not JSON, bad charset or encoding) reach the error
 * middleware, which names them. The checks on the raw bytes run before JSON.parse and cost a fraction of it, so that a
 * body built to be slow to parse (100,000 keys) is refused without holding the event loop for the parse.
 */
import { isUtf8 } from 'node:buffer';
import express, { type RequestHandler } from 'express';
import { ErrorCode, MizanError } from '../errors';

/**
 * Most values (strings, numbers, literals, arrays, objects) one JSON body may hold. A batch of 500 queries holds a
 * few thousand; JSON.parse spends ≈ 0.5 µs per object key, so 50,000 stay within ≈ 25 ms of one core.
 */
export const MAX_JSON_VALUES = 50_000;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;

/**
 * About how many values the JSON text holds (each comma and each opening bracket outside strings counts one), counted
 * only up to `stopAt`. Strings are skipped whole (a native search for their closing quote), so a body that is one
 * long string costs almost nothing; a body that is not JSON gets some count and is refused by the parser anyway.
 */
export function jsonValueCount(body: Uint8Array, stopAt = Infinity): number {
  let count = 0;
  const buffer = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  for (let i = 0; i < buffer.length; i++) {
    const b = buffer[i];
    if (b === QUOTE) {
      let end = i;
      for (;;) {
        end = buffer.indexOf(QUOTE, end + 1);
        if (end < 0) return count; // an unterminated string: not JSON
        let slashes = 0;
        while (buffer[end - 1 - slashes] === BACKSLASH) slashes++;
        if (slashes % 2 === 0) break;
      }
      i = end;
    } else if (b === COMMA || b === OPEN_ARRAY || b === OPEN_OBJECT) {
      if (++count > stopAt) return count;
    }
  }
  return count;
}

/**
 * Refuses, before it is parsed, a JSON body that is not valid UTF-8 (the parser would turn bad bytes into U+FFFD and
 * store them) or that holds more than MAX_JSON_VALUES values.
 */
function checkRaw(_req: unknown, _res: unknown, body: Buffer): void {
  if (!isUtf8(body)) throw new MizanError(ErrorCode.INVALID_ENCODING, { param: 'body' });
  if (jsonValueCount(body, MAX_JSON_VALUES) > MAX_JSON_VALUES)
    throw new MizanError(ErrorCode.INVALID_BODY, { reason: 'too-many-values' });
}

/** Parses a JSON body that must be an object; other media types get 415. One middleware, for typed routes. */
export function jsonBody(config: { maxBody: string }): RequestHandler {
  const parse = express.json({ limit: config.maxBody, strict: true, verify: checkRaw });
  return (req, res, next) => {
    if (!req.is('application/json'))
      throw new MizanError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, { reason: 'media-type', expected: 'application/json' });
    parse(req, res, (err?: unknown) => {
      if (err) return next(err);
      if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
        return next(new MizanError(ErrorCode.INVALID_BODY, { reason: 'not-an-object' }));
      }
      next();
    });
  };
}
