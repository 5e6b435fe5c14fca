/**
 * Access control at the HTTP edge, in three steps around the rate limits (rate-limit.ts):
 *
 * 1. `authenticate` reads `Authorization: Bearer <key>` and finds the key (one Redis lookup; none without the
 *    header), and works out the role the request needs (`requiredRole`). A failure is kept, not thrown yet, so a
 *    flood of bad keys still counts against its IP's budget.
 * 2. the rate limiters count the request against its key, or its IP without one.
 * 3. `authorize` answers 401 UNAUTHORIZED (no key, an unknown or malformed one; `WWW-Authenticate: Bearer`) or 403
 *    FORBIDDEN (a key below the role needed), and records an audit entry for every write once it is answered.
 *
 * The policy denies by default: any method but GET, HEAD and OPTIONS needs `write`, wherever it goes, except the
 * POSTs that only read (match/batch, pretranslate, analyze, i18next pretranslate) and the paths of the read-only
 * interop protocols (amaGama under /tmserver and its /api/v1 aliases, MyMemory's /get), where no route takes any
 * other method: there a method no route has needs no key, and is answered 405 (or 404) like any request. Key
 * administration and the audit need `admin`. Reads of the API need `read` when MIZAN_READ=key. Paths are compared
 * as Express routes them (any case, a trailing slash ignored). A browser form cannot send an Authorization header,
 * and a page's script can send one only to an origin whose CORS preflight allows it: a cross-site form POST cannot
 * write.
 */
import type { Request, RequestHandler, Response } from 'express';
import type { Config, Logger } from '../config';
import { ErrorCode, MizanError } from '../errors';
import { AuditQueue, roleAtLeast, type Access, type ApiKey, type Role } from '../service';

/** The POSTs that only read: they count as reads for the policy and the rate limits. */
export const READ_POSTS: readonly string[] = [
  '/api/v1/match/batch',
  '/api/v1/pretranslate',
  '/api/v1/analyze',
  '/api/v1/pretranslate/i18next',
];
/** Routes of key administration and the audit. */
const ADMIN = /^\/api\/v1\/(keys|audit)(\/|$)/;
/** Answered to anyone: it says what the caller may do. */
export const AUTH_PATH = '/api/v1/auth';
/** The API proper; other paths (health, the description, a web UI's files) are open to reads. */
const API = /^\/(api\/|tmserver\/|get$)/;
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/**
 * Paths only read-only routes answer (as `routed` writes them): everything under /tmserver, the amaGama aliases under
 * /api/v1 (`/api/v1/{src}/{tgt}/unit/…`, Virtaal's doubled slash too, and `/api/v1/languages`), MyMemory's /get. A
 * route that writes must never be added under these.
 */
const READ_ONLY = /^\/(tmserver(\/|$)|api\/v1\/+[^/]+\/[^/]+\/unit(\/|$)|api\/v1\/languages$|get$)/;

/** A path as Express routes it: case and a trailing slash do not count. */
const routed = (path: string) => path.toLowerCase().replace(/(.)\/+$/, '$1');

/** The role a request needs, or null when anyone may make it. */
export function requiredRole(method: string, path: string, readAccess: Config['readAccess']): Role | null {
  const p = routed(path);
  if (ADMIN.test(p)) return 'admin';
  const reads = READ_METHODS.has(method.toUpperCase()) || (method.toUpperCase() === 'POST' && READ_POSTS.includes(p));
  if (!reads) return READ_ONLY.test(p) ? null : 'write';
  if (p === AUTH_PATH || !API.test(p)) return null;
  return readAccess === 'key' ? 'read' : null;
}

/** What the edge found out about a request, kept in res.locals. */
export interface Caller {
  key: ApiKey | null;
  /** The role the request needs (null: none). */
  need: Role | null;
  /** Whether it counts as a write (for the rate limits and the audit). */
  write: boolean;
  /** Whether it goes to the API (health checks and static files are not rate-limited). */
  api: boolean;
  /** Why the key sent cannot be used. */
  failure?: 'key-malformed' | 'key-unknown';
  /** What the route found the write to be about, for its audit entry (see noteWrite). */
  audit?: { tm?: string; target?: string };
}

export function callerOf(res: Response): Caller {
  return (res.locals.caller as Caller | undefined) ?? { key: null, need: null, write: false, api: false };
}

/**
 * Who a write is made by, as a unit's history keeps it (service/unit-history.ts): the name of the request's API key;
 * undefined without one (the store then writes `mizan`).
 */
export function authorOf(res: Response): string | undefined {
  return callerOf(res).key?.name;
}

/**
 * Tells the audit what a write is about when the request alone does not say it: the TM it went to as the route
 * resolved it (the default TM's configured name when the request named none, a form field's TM), and what it made
 * when the answer carries no Location (an import whose upload failed still made its job).
 */
export function noteWrite(res: Response, what: { tm?: string; target?: string }): void {
  const caller = res.locals.caller as Caller | undefined;
  if (caller) caller.audit = { ...caller.audit, ...what };
}

const BEARER = /^Bearer[ \t]+([^\s]+)[ \t]*$/i;

export function authenticate(access: Access, config: Config): RequestHandler {
  // Not async: a request without a key (most reads) goes on at once, without a promise for Express to wait on.
  return (req, res, next) => {
    const path = req.path;
    const need = requiredRole(req.method, path, config.readAccess);
    const caller: Caller = {
      key: null,
      need,
      write: need === 'write' || (need === 'admin' && !READ_METHODS.has(req.method.toUpperCase())),
      api: API.test(routed(path)),
    };
    res.locals.caller = caller;
    const header = req.headers.authorization;
    if (header === undefined) return next();
    const token = BEARER.exec(header)?.[1];
    if (!token) {
      caller.failure = 'key-malformed';
      return next();
    }
    access.verify(token).then((verified) => {
      if (verified.ok) caller.key = verified.key;
      else caller.failure = verified.reason;
      next();
    }, next);
  };
}

export function authorize(access: Access, config: Config, logger: Logger): RequestHandler {
  const audits = new AuditQueue((fields) => access.audit(fields, config.auditMaxLen), logger);
  return (req, res, next) => {
    const caller = callerOf(res);
    const { key, need, failure } = caller;
    if (failure || (need && !key)) {
      res.set('WWW-Authenticate', failure ? 'Bearer realm="mizan", error="invalid_token"' : 'Bearer realm="mizan"');
      // A key that is not valid is refused as such, wherever it is sent: on an open read no role is needed, and the
      // message (reasons.key-*) says what is wrong with the key rather than asking for one.
      throw new MizanError(ErrorCode.UNAUTHORIZED, { reason: failure ?? 'key-missing', ...(need && { role: need }) });
    }
    if (need && key && !roleAtLeast(key.role, need))
      throw new MizanError(ErrorCode.FORBIDDEN, { role: need, have: key.role });
    if (caller.write && key) auditWhenAnswered(req, res, key, audits, config.defaultTm);
    next();
  };
}

/** Writes that go to the default TM when they name none. */
const TM_WRITES = /^\/api\/v1\/(units|documents)(\/|$)/i;

/**
 * The TM a write names, for a write the route did not get to note (refused before it resolved its TM): `tm` in the
 * query or the JSON body, the TM in /api/v1/tms/:tm/…, else the default TM's name for unit and document writes
 * (not for a multipart form, whose `tm` field only the route reads).
 */
function tmOf(req: Request, defaultTm: string): string {
  const inPath = /^\/api\/v1\/tms\/([^/]+)/i.exec(req.path)?.[1];
  const query = new URLSearchParams(req.originalUrl.split('?')[1] ?? '').get('tm');
  const body = (req.body as Record<string, unknown> | undefined)?.tm;
  const tm = inPath ?? query ?? (typeof body === 'string' ? body : undefined);
  if (tm !== undefined) return tm;
  return TM_WRITES.test(req.path) && !req.is('multipart/form-data') ? defaultTm : '';
}

function auditWhenAnswered(req: Request, res: Response, key: ApiKey, audits: AuditQueue, defaultTm: string) {
  const started = new Date().toISOString();
  // Read now: once the answer is sent the socket may be gone, and req.ip with it.
  const ip = req.ip ?? '';
  let recorded = false;
  const record = () => {
    if (recorded) return;
    recorded = true;
    const location = res.getHeader('Location');
    const noted = callerOf(res).audit;
    const fields = {
      time: started,
      key: key.id,
      method: req.method,
      path: req.originalUrl.split('?')[0]!.slice(0, 200),
      tm: (noted?.tm ?? tmOf(req, defaultTm)).slice(0, 64),
      target: (typeof location === 'string' ? location : (noted?.target ?? '')).slice(0, 200),
      status: String(res.writableFinished ? res.statusCode : 499),
      ip,
    };
    // Never rejects (it runs in an event listener): an entry Redis does not take waits for it (audit-queue.ts).
    void audits.record(fields);
  };
  // `finish` when the answer is sent (the entry is written before the client can ask for it); `close` when the
  // client went away first (status 499).
  res.once('finish', record);
  res.once('close', record);
}

/** Checks, before a write that may create `tm`, the TM limits of the deployment and of the caller's key. */
export type TmClaim = (res: Response, tm: string) => Promise<void>;

export function tmClaim(access: Access, config: Config): TmClaim {
  return (res, tm) => access.claimTm(tm, callerOf(res).key?.id, config);
}
