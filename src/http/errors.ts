/**
 * The one error path: every failure leaves as `{ "error": { "code", "message", "param"? } }` with the error's status,
 * the message localized from Accept-Language, whether it is thrown in a route, refused by a parser, reported by
 * /readyz, or found by Node before any route runs (a request head too large: see server.ts). Unexpected errors are
 * logged with a reference and answered 500 without internals; 503s carry Retry-After.
 */
import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../config';
import { ErrorCode, MizanError, StoreUnavailableError, isMizanError } from '../errors';
import { errorMessage, type Translator, type UiLang } from '../i18n';
import { routePattern } from './access-log';
import { CONTENT_ENCODINGS } from './content-encoding';
import { answerLanguage } from './language';

/**
 * Body-parser errors carry `status` 4xx and a string `type`; they become our codes. The router's own 400 (a path
 * parameter that is not valid percent-encoding) names the path.
 */
function fromLibrary(err: unknown, maxBody: string, path: string): MizanError | undefined {
  const e = err as { status?: unknown; type?: unknown; message?: unknown };
  if (typeof e?.status !== 'number' || e.status < 400 || e.status >= 500 || isMizanError(err)) return undefined;
  if (/^Failed to decode param/.test(String(e.message)))
    return new MizanError(ErrorCode.INVALID_PARAMETER, { param: 'path', value: shownPath(path) });
  switch (e.type) {
    case 'entity.too.large':
      return new MizanError(ErrorCode.BODY_TOO_LARGE, { max: maxBody });
    case 'entity.parse.failed':
      return new MizanError(ErrorCode.INVALID_BODY, { reason: 'not-json' });
    case 'charset.unsupported':
      return new MizanError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, {
        reason: 'media-type',
        expected: 'application/json; charset=utf-8',
      });
    case 'encoding.unsupported':
      return new MizanError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, {
        reason: 'content-encoding',
        expected: CONTENT_ENCODINGS,
        coding: String((err as { encoding?: unknown }).encoding ?? '').slice(0, 40),
      });
    default:
      // Anything else body-parser refuses with a 4xx (a body that does not decompress, a stream cut short).
      return new MizanError(ErrorCode.INVALID_BODY, { reason: 'unreadable' });
  }
}

/** An error as it is answered. */
export interface ErrorAnswer {
  status: number;
  headers: Record<string, string>;
  body: { error: { code: string; message: string; param?: string } } & Record<string, unknown>;
}

/** How any MizanError is answered in `lang`: the only place that turns an error into a response. */
export function errorAnswer(
  error: MizanError,
  lang: UiLang,
  translator: Translator,
  retryAfterSeconds: number,
): ErrorAnswer {
  const message = errorMessage(translator, error, lang, { retryAfter: retryAfterSeconds });
  const body: ErrorAnswer['body']['error'] = { code: error.code, message };
  if (typeof error.params.param === 'string') body.param = error.params.param;
  const headers: Record<string, string> = { 'Content-Language': lang };
  if (error.status === 503) headers['Retry-After'] = String(retryAfterSeconds);
  return { status: error.status, headers, body: { ...error.details, error: body } };
}

export function errorMiddleware(
  translator: Translator,
  logger: Logger,
  retryAfterSeconds: number,
  maxBody: string,
): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    let error = isMizanError(err) ? err : fromLibrary(err, maxBody, req.path);
    const where = { reqId: res.locals.requestId as unknown, method: req.method, route: routePattern(req) };
    if (!error) {
      const ref = randomUUID().slice(0, 8);
      // The route pattern, not the URL: paths and query strings carry segment text.
      logger.error(`request failed [${ref}]: ${(err as Error)?.stack ?? String(err)}`, { ...where, ref });
      error = new MizanError(ErrorCode.INTERNAL, { ref });
    }
    // A failed store operation (the store turns every unreachable-Redis error into this one), not a report of one:
    // the store logs an outage once when it starts and once when it ends, and the access line counts each 503.
    if (error instanceof StoreUnavailableError) logger.debug(`503: ${error.message}`, { ...where, kind: 'store' });
    const { status, headers, body } = errorAnswer(error, answerLanguage(req), translator, retryAfterSeconds);
    res.status(status).set(headers).vary('Accept-Language').json(body);
  };
}

/**
 * A request path as a message shows it: decoded (a reader sees `/api/v1/نص`, not `%D9%86%D8%B5`) and cut at
 * `max` characters, never inside a character; a path that does not decode is shown as sent, cut before an escape
 * the cut would leave incomplete (`%D8%B3%` or `%D`).
 */
export function shownPath(path: string, max = 200): string {
  let decoded: string | undefined;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    decoded = undefined;
  }
  if (decoded === undefined) return path.slice(0, max).replace(/%[0-9A-Fa-f]?$/, '');
  const cut = decoded.slice(0, max);
  return /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/** The JSON 404 for paths no route knows. */
export const routeNotFound: RequestHandler = (req) => {
  throw new MizanError(ErrorCode.ROUTE_NOT_FOUND, { method: req.method, path: shownPath(req.path) });
};

/** For a known path asked with a method it does not serve. */
export function methodNotAllowed(...allowed: string[]): RequestHandler {
  return (req, res) => {
    res.set('Allow', [...allowed, allowed.includes('GET') ? 'HEAD' : ''].filter(Boolean).join(', '));
    throw new MizanError(ErrorCode.METHOD_NOT_ALLOWED, { method: req.method, path: shownPath(req.path) });
  };
}
