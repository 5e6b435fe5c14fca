/**
 * The one error middleware: every failure leaves as `{ "error": { "code", "message" } }` with the error's status,
 * the message localized from Accept-Language. Unexpected errors are logged with a reference and answered 500
 * without internals; an unreachable Redis is 503 with Retry-After.
 */
import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../config';
import { ErrorCode, MizanError, StoreUnavailableError, isMizanError } from '../errors';
import { negotiateLanguage, type Translator } from '../i18n';
import { isUnavailable } from '../store';

/** Body-parser and similar client errors carry `status` 4xx and `type`. */
function isClientHttpError(err: unknown): err is { status: number; type?: string; message: string } {
  const status = (err as { status?: unknown })?.status;
  return typeof status === 'number' && status >= 400 && status < 500 && !isMizanError(err);
}

export function errorMiddleware(translator: Translator, logger: Logger, retryAfterSeconds: number): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    let error: MizanError;
    if (isMizanError(err)) error = err;
    else if (isUnavailable(err)) error = new StoreUnavailableError(err);
    else if (isClientHttpError(err)) error = new MizanError(ErrorCode.INVALID_PARAMETER, { param: err.type ?? 'request', value: err.message });
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
    const message = translator.t(`errors.${error.code}`, lang, { retryAfter: retryAfterSeconds, ...error.params });
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
