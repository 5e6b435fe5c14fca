/**
 * A request id for every request and one access line when it ends.
 *
 * - The id: a sane incoming `X-Request-Id` (what a proxy in front assigned: letters, digits and `._:-`, up to 128)
 *   is kept, anything else is replaced by a new UUID; it is answered in `X-Request-Id` and kept in
 *   `res.locals.requestId` for the error path's log lines.
 * - The line, at info: method, route pattern (`/api/v1/units/:id`, never the path as sent: paths and query strings
 *   carry segment text), the names of the query parameters (not their values), status, milliseconds, request id, and
 *   the API key's id when authentication set `res.locals.keyId`. A request the client abandoned is logged with
 *   `aborted: true`. At debug level the line also carries the URL as sent (its first 200 characters).
 */
import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from '../config';

const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** Parameter names as they are logged: anything else (text used as a name) is counted, not written. */
const SANE_NAME = /^[A-Za-z_][A-Za-z0-9_.[\]-]{0,31}$/;
const MAX_NAMES = 16;

/** What is known of a request when it ends; given to the logger and to metrics. */
export interface RequestSummary {
  method: string;
  /** The route pattern that answered (`/api/v1/match`), or `unmatched`. */
  route: string;
  status: number;
  ms: number;
  aborted: boolean;
}

/** The pattern of the route that answered the request: mount path + route path, never values. */
export function routePattern(req: Request): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof path !== 'string') return 'unmatched';
  return `${req.baseUrl}${path}` || '/';
}

/** The names of the query parameters (`q`, `tgt`…), without their values; names that look like text are counted. */
export function parameterNames(url: string): { names: string[]; other: number } {
  const names: string[] = [];
  let other = 0;
  // Name by name, without copying the values (a query's text is most of the URL).
  for (let at = url.indexOf('?') + 1; at > 0 && at < url.length;) {
    let end = url.indexOf('&', at);
    if (end < 0) end = url.length;
    if (end > at) {
      const equals = url.indexOf('=', at);
      const name = url.slice(at, equals >= 0 && equals < end ? equals : end);
      if (SANE_NAME.test(name) && names.length < MAX_NAMES) {
        if (!names.includes(name)) names.push(name);
      } else other++;
    }
    at = end + 1;
  }
  return { names, other };
}

export function requestId(header: string | string[] | undefined): string {
  return typeof header === 'string' && SANE_ID.test(header) ? header : randomUUID();
}

/**
 * Sets the request id, and logs (and hands `observe`) one summary per request when it ends: on `close`, which comes
 * once every answer is done with (after `finish`) or when the client went away first (`aborted`).
 */
export function accessLog(logger: Logger, observe?: (summary: RequestSummary) => void): RequestHandler {
  const debug = logger.debugEnabled === true;
  return (req, res, next) => {
    const started = performance.now();
    const id = requestId(req.headers['x-request-id']);
    res.locals.requestId = id;
    res.setHeader('X-Request-Id', id);
    // `on`, not `once`: `close` comes once, and `once` would wrap the listener in one more closure.
    res.on('close', () => {
      const summary: RequestSummary = {
        method: req.method,
        route: routePattern(req),
        status: res.statusCode,
        ms: performance.now() - started,
        aborted: !res.writableFinished,
      };
      observe?.(summary);
      logger.info('request', lineFields(req, res, id, summary, debug));
    });
    next();
  };
}

function lineFields(req: Request, res: Response, id: string, s: RequestSummary, debug: boolean) {
  const { names, other } = parameterNames(req.originalUrl);
  // The key's id (never the key) when authentication recorded one: `res.locals.keyId` or `res.locals.caller.key.id`.
  const caller = res.locals.caller as { key?: { id?: unknown } | null } | undefined;
  const keyId: unknown = res.locals.keyId ?? caller?.key?.id;
  return {
    reqId: id,
    method: s.method,
    route: s.route,
    status: s.status,
    ms: Math.round(s.ms * 10) / 10,
    ...(names.length > 0 ? { params: names } : {}),
    ...(other > 0 ? { otherParams: other } : {}),
    ...(typeof keyId === 'string' ? { keyId } : {}),
    ...(s.aborted ? { aborted: true } : {}),
    ...(debug ? { url: req.originalUrl.slice(0, 200) } : {}),
  };
}
