/**
 * CORS for browser clients (a web CAT tool, a page calling the API): origins listed in MIZAN_CORS_ORIGINS (`*` for
 * any) get `Access-Control-Allow-Origin` on every answer, errors included, and their preflights (OPTIONS with
 * Access-Control-Request-Method) a 204 naming what they may send. Other origins get no CORS headers (the browser then
 * refuses to hand the answer to the page); their preflights a bare 204, as the `cors` package answers them: the
 * missing Access-Control-Allow-Origin is the refusal, and a 405 from the routes would only be noise in the console
 * and the access log. Every answer carries `Vary: Origin`, so a shared cache never serves one origin's answer to
 * another.
 *
 * No package: the `cors` middleware would do the same in as many lines of configuration.
 */
import type { RequestHandler } from 'express';

const METHODS = 'GET, HEAD, POST, PATCH, DELETE';
/** What a page may send beside the CORS-safelisted headers: every request header mizan reads. */
export const ALLOWED_HEADERS = [
  'Content-Type',
  'Content-Encoding',
  'Accept',
  'Accept-Language',
  'If-Match',
  'If-None-Match',
  'Authorization',
  'Idempotency-Key',
  'X-Request-Id',
].join(', ');
/**
 * What a page may read beside the CORS-safelisted response headers: every header mizan sets that a client acts on
 * (a pretranslation's counts, X-Mizan-Segments, and languages, X-Mizan-Languages; the file name of an export; the
 * id to quote in a report).
 */
export const EXPOSED_HEADERS =
  'Content-Language, Content-Disposition, Location, Retry-After, ETag, Allow, RateLimit, RateLimit-Policy, ' +
  'WWW-Authenticate, Idempotent-Replayed, X-Mizan-Segments, X-Mizan-Languages, X-Request-Id';
const MAX_AGE_S = '600';

/** For MIZAN_CORS_ORIGINS: the Access-Control-Allow-Origin an answer to `origin` carries, or undefined (none). */
export function allowOrigin(origins: readonly string[]): (origin: string) => string | undefined {
  const any = origins.includes('*');
  const allowed = new Set(origins.map((o) => o.toLowerCase()));
  return (origin) => (any ? '*' : allowed.has(origin.toLowerCase()) ? origin : undefined);
}

export function cors(origins: readonly string[]): RequestHandler {
  const allow = allowOrigin(origins);
  return (req, res, next) => {
    res.vary('Origin');
    const origin = req.headers.origin;
    if (!origin) return next();
    const preflight = req.method === 'OPTIONS' && !!req.headers['access-control-request-method'];
    const allowed = allow(origin);
    if (!allowed) return preflight ? void res.status(204).end() : next();
    res.setHeader('Access-Control-Allow-Origin', allowed);
    if (preflight) {
      res.setHeader('Access-Control-Allow-Methods', METHODS);
      res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      res.setHeader('Access-Control-Max-Age', MAX_AGE_S);
      res.status(204).end();
      return;
    }
    res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    next();
  };
}
