/**
 * Who may keep an answer. An answer to a request that carried a key, or any API read when reads need one
 * (MIZAN_READ=key), depends on that key: it says `Cache-Control: private` and `Vary: Authorization` (the one header
 * that carries a key), so that no shared cache (a proxy, a CDN, the proxy that adds a key for amaGama clients) hands
 * it to a client without the key. RFC 9111 §3.5 lets a shared cache reuse an answer to a request with Authorization
 * only when the answer allows it (`public`, `s-maxage`, `must-revalidate`); amaGama's `max-age=3600, public` would.
 * Open reads without a key are answered as the routes set them (amaGama's `public`, the others without the header).
 */
import type { Request, RequestHandler, Response } from 'express';
import type { Config } from '../config';
import { callerOf } from './access';

const READS = new Set(['GET', 'HEAD']);

/** Whether the answer to `req` depends on a key: it sent one, or reads need one. */
export function keyedRequest(req: Request, config: Config): boolean {
  return req.headers.authorization !== undefined || config.readAccess === 'key';
}

/**
 * Marks every API read that depends on a key `private` and `Vary: Authorization` before its route runs (its error
 * answers too: a 401 depends on the key as much as a 200). A route that sets its own Cache-Control (`no-store`,
 * amaGama's max-age through `cacheFor`) replaces the `private` alone.
 */
export function cacheScope(config: Config): RequestHandler {
  return (req, res, next) => {
    if (READS.has(req.method) && callerOf(res).api && keyedRequest(req, config)) {
      res.vary('Authorization');
      res.setHeader('Cache-Control', 'private');
    }
    next();
  };
}

/** Cache-Control for an answer any client may keep `maxAge` seconds: `public` for open reads, else `private`. */
export function cacheFor(req: Request, res: Response, config: Config, maxAge: number): void {
  res.setHeader(
    'Cache-Control',
    keyedRequest(req, config) ? `private, max-age=${maxAge}` : `max-age=${maxAge}, public`,
  );
}
