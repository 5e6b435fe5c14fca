/**
 * The one error middleware: every failure leaves as `{ "error": { "code", "message" } }` with the error's status,
 * the message localized from Accept-Language. Unexpected errors are logged with a reference and answered 500
 * without internals; an unreachable Redis is 503 with Retry-After.
 */
import { randomUUID } from 'node:crypto';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import type { Logger } from '../config';
import { ErrorCode, MizanError, StoreUnavailableError, isMizanError } from '../errors';
import { negotiateLanguage, type Translator } from '../i18n';
import { isUnavailable } from '../store';

/**
 * Body-parser errors carry `status` 4xx and a string `type`; they become our codes. The router's own 400 (a path
 * parameter that is not valid percent-encoding) names the path.
 */
function fromLibrary(err: unknown, maxBody: string, path: string): MizanError | undefined {
  const e = err as { status?: unknown; type?: unknown; message?: unknown };
  if (typeof e?.status !== 'number' || e.status < 400 || e.status >= 500 || isMizanError(err)) return undefined;
  if (/^Failed to decode param/.test(String(e.message)))
    return new MizanError(ErrorCode.INVALID_PARAMETER, { param: 'path', value: path.slice(0, 200) });
  switch (e.type) {
    case 'entity.too.large':
      return new MizanError(ErrorCode.BODY_TOO_LARGE, { max: maxBody });
    case 'entity.parse.failed':
      return new MizanError(ErrorCode.INVALID_BODY, { reason: 'not-json' });
    case 'charset.unsupported':
      return new MizanError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, { expected: 'application/json; charset=utf-8' });
    case 'encoding.unsupported':
      return new MizanError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, {
        expected: 'Content-Encoding gzip, deflate, br or none',
      });
    default:
      // Anything else body-parser refuses with a 4xx (a body that does not decompress, a stream cut short).
      return new MizanError(ErrorCode.INVALID_BODY, { reason: 'unreadable' });
  }
}

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

export function errorMiddleware(
  translator: Translator,
  logger: Logger,
  retryAfterSeconds: number,
  maxBody: string,
): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    let error: MizanError;
    const parsed = fromLibrary(err, maxBody, req.path);
    if (isMizanError(err)) error = err;
    else if (isUnavailable(err)) error = new StoreUnavailableError(err);
    else if (parsed) error = parsed;
    else {
      const ref = randomUUID().slice(0, 8);
      logger.error(`${req.method} ${req.originalUrl} failed [${ref}]: ${(err as Error)?.stack ?? String(err)}`);
      error = new MizanError(ErrorCode.INTERNAL, { ref });
    }
    if (error.code === ErrorCode.STORE_UNAVAILABLE) {
      logger.warn(`${req.method} ${req.path}: 503, ${error.message}`);
      res.set('Retry-After', String(retryAfterSeconds));
    }
    const lang = negotiateLanguage(req.get('accept-language'));
    // A `reason` that names a catalog entry (reasons.*) is translated too; other reasons pass as they are.
    const reason =
      typeof error.params.reason === 'string'
        ? translator.t(`reasons.${error.params.reason}`, lang, { defaultValue: error.params.reason })
        : undefined;
    const message = translator.t(`errors.${error.code}`, lang, {
      retryAfter: retryAfterSeconds,
      ...error.params,
      ...(reason ? { reason } : {}),
    });
    const body: { code: string; message: string; param?: string } = { code: error.code, message };
    if (typeof error.params.param === 'string') body.param = error.params.param;
    res.status(error.status).set('Content-Language', lang).set('Vary', 'Accept-Language').json({ error: body });
  };
}

/** The JSON 404 for paths no route knows. */
export const routeNotFound: RequestHandler = (req) => {
  throw new MizanError(ErrorCode.ROUTE_NOT_FOUND, { method: req.method, path: req.path.slice(0, 200) });
};

/** For a known path asked with a method it does not serve. */
export function methodNotAllowed(...allowed: string[]): RequestHandler {
  return (req, res) => {
    res.set('Allow', [...allowed, allowed.includes('GET') ? 'HEAD' : ''].filter(Boolean).join(', '));
    throw new MizanError(ErrorCode.METHOD_NOT_ALLOWED, { method: req.method, path: req.path.slice(0, 200) });
  };
}
