/**
 * CORS for browser clients (a web CAT tool, a page calling the API): origins listed in MIZAN_CORS_ORIGINS (`*` for
 * any) get `Access-Control-Allow-Origin` on every answer, errors included, and their preflights (OPTIONS with
 * Access-Control-Request-Method) a 204 naming what they may send. Other origins get no CORS headers (the browser then
 * refuses to hand the answer to the page); their preflights fall through to the routes like any OPTIONS. Every
 * answer carries `Vary: Origin`, so a shared cache never serves one origin's answer to another.
 *
 * No package: the `cors` middleware would do the same in as many lines of configuration.
 */
import type { RequestHandler } from 'express';

const METHODS = 'GET, HEAD, POST, PATCH, DELETE';
/** What a page may send beside the CORS-safelisted headers. */
const ALLOWED_HEADERS =
  'Content-Type, Accept, Accept-Language, If-Match, If-None-Match, Authorization, Idempotency-Key';
/** What a page may read beside the CORS-safelisted response headers. */
const EXPOSED_HEADERS =
  'Content-Language, Location, Retry-After, ETag, Allow, RateLimit, RateLimit-Policy, WWW-Authenticate, ' +
  'Idempotent-Replayed';
const MAX_AGE_S = '600';

export function cors(origins: readonly string[]): RequestHandler {
  const any = origins.includes('*');
  const allowed = new Set(origins.map((o) => o.toLowerCase()));
  return (req, res, next) => {
    res.vary('Origin');
    const origin = req.headers.origin;
    if (!origin || !(any || allowed.has(origin.toLowerCase()))) return next();
    res.setHeader('Access-Control-Allow-Origin', any ? '*' : origin);
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
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
