/**
 * Access in the OpenAPI description: the bearer security scheme, each operation's security and its 401/403/429
 * answers (derived from the same policy the app enforces: access.ts), and the routes of /api/v1/auth, keys and the
 * audit.
 */
import { AUTH_PATH, requiredRole } from '../access';
import { json, jsonBody, location, path, query, ref, type Code, type Operation } from './build';

export const SECURITY_SCHEMES = {
  bearer: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'mzn_<id>_<secret>',
    description:
      'An API key with a role: read < write < admin. Writes need write, key administration and the audit admin; ' +
      'reads need read when the server runs with MIZAN_READ=key and no key otherwise. The POSTs that only read ' +
      '(match/batch, pretranslate, analyze, pretranslate/i18next) count as reads.',
  },
};

/** Paths answered before access control runs (never 401, never rate-limited). */
const BEFORE_ACCESS = new Set(['/healthz', '/readyz', '/openapi.json']);
const API = /^\/(api\/|tmserver\/|get$)/;

export interface AccessDescription {
  security: object[];
  /** Codes the access layer can answer for this operation. */
  errors: Code[];
  role: string | null;
}

/** Security and access errors of one operation, from the policy (the strictest reading: MIZAN_READ=key). */
export function accessOf(method: string, template: string): AccessDescription {
  if (BEFORE_ACCESS.has(template)) return { security: [], errors: [], role: null };
  const role = requiredRole(method.toUpperCase(), template.replace(/\{[^}]+\}/g, 'x'), 'key');
  const open = requiredRole(method.toUpperCase(), template.replace(/\{[^}]+\}/g, 'x'), 'open');
  const errors: Code[] = ['UNAUTHORIZED'];
  if (role && role !== 'read') errors.push('FORBIDDEN');
  if (API.test(template)) errors.push('RATE_LIMITED');
  // A key is optional where reads are open; anyone may ask /api/v1/auth (a bad key sent is still a 401).
  const security = open === null ? [{}, { bearer: [] }] : [{ bearer: [] }];
  return { security, errors, role };
}

export const ACCESS_SCHEMAS: Record<string, object> = {
  Auth: {
    type: 'object',
    required: ['read', 'key', 'can'],
    properties: {
      read: { type: 'string', enum: ['open', 'key'], description: 'whether reads need a key (MIZAN_READ)' },
      key: {
        oneOf: [
          { type: 'null' },
          {
            type: 'object',
            required: ['id', 'name', 'role'],
            properties: { id: { type: 'string' }, name: { type: 'string' }, role: ref('Role') },
          },
        ],
      },
      can: {
        type: 'object',
        required: ['read', 'write', 'admin'],
        properties: { read: { type: 'boolean' }, write: { type: 'boolean' }, admin: { type: 'boolean' } },
      },
    },
  },
  Role: { type: 'string', enum: ['read', 'write', 'admin'] },
  ApiKey: {
    type: 'object',
    required: ['id', 'name', 'role', 'created'],
    properties: {
      id: { type: 'string', pattern: '^k[0-9a-f]{16}$' },
      name: { type: 'string' },
      role: ref('Role'),
      created: { type: 'string', format: 'date-time' },
    },
  },
  NewApiKey: {
    type: 'object',
    allOf: [ref('ApiKey')],
    required: ['key'],
    properties: { key: { type: 'string', description: 'the key itself, shown only in this answer' } },
  },
  ApiKeys: { type: 'object', required: ['keys'], properties: { keys: { type: 'array', items: ref('ApiKey') } } },
  AuditPage: {
    type: 'object',
    required: ['entries', 'next'],
    properties: {
      entries: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'time', 'key', 'method', 'path', 'status'],
          properties: {
            id: { type: 'string', description: 'the entry id (pass as before= for older entries)' },
            time: { type: 'string', format: 'date-time' },
            key: { type: 'string', description: 'id of the key that wrote' },
            method: { type: 'string' },
            path: { type: 'string' },
            tm: { type: 'string' },
            target: { type: 'string', description: 'Location of what was created, if anything' },
            status: { type: 'string', description: 'HTTP status answered (499: the client went away)' },
            ip: { type: 'string' },
          },
        },
      },
      next: { type: ['string', 'null'], description: 'before= value of the next (older) page; null at the end' },
    },
  },
};

const noStore = { 'Cache-Control': { schema: { type: 'string' } } };
/** What the access layer answers for an admin route (document.ts adds these to every operation from the policy). */
const ADMIN_ERRORS: Code[] = ['UNAUTHORIZED', 'FORBIDDEN', 'RATE_LIMITED'];

export const ACCESS_PATHS: Record<string, Record<string, Operation>> = {
  [AUTH_PATH]: {
    get: {
      summary: 'What the caller may do: the read mode, its key (if it sent a valid one) and what it can do',
      ok: { 200: { description: 'the caller', content: json('Auth') } },
      errors: [],
    },
  },
  '/api/v1/keys': {
    get: {
      summary: 'API keys (never their secrets)',
      ok: { 200: { description: 'keys', content: json('ApiKeys'), headers: noStore } },
      errors: ADMIN_ERRORS,
    },
    post: {
      summary: 'Create an API key: the answer holds the key itself, the only time it is shown',
      requestBody: jsonBody({
        type: 'object',
        required: ['role', 'name'],
        properties: { role: ref('Role'), name: { type: 'string', minLength: 1, maxLength: 64 } },
      }),
      ok: {
        201: {
          description: 'created',
          content: json('NewApiKey'),
          headers: { ...noStore, ...location('/api/v1/keys/{id}') },
        },
      },
      errors: [
        ...ADMIN_ERRORS,
        'FIELD_MISSING',
        'INVALID_BODY',
        'BODY_TOO_LARGE',
        'UNSUPPORTED_MEDIA_TYPE',
        'INVALID_ENCODING',
      ],
    },
  },
  '/api/v1/keys/{id}': {
    delete: {
      summary: 'Revoke an API key: it stops working at once on every instance',
      parameters: [path('id', 'key id (k + 16 hex digits)')],
      ok: { 204: { description: 'revoked' } },
      errors: [...ADMIN_ERRORS, 'KEY_NOT_FOUND'],
    },
  },
  '/api/v1/audit': {
    get: {
      summary: 'Audit of writes, newest first: key id, method, path, TM, target, status, time, address',
      parameters: [
        query('limit', 'entries per page', { type: 'integer', minimum: 1, maximum: 1000, default: 100 }),
        query('before', 'an entry id: only older entries (the `next` of the previous page)'),
      ],
      ok: { 200: { description: 'a page of entries', content: json('AuditPage'), headers: noStore } },
      errors: [...ADMIN_ERRORS, 'LIMIT_OUT_OF_RANGE'],
    },
  },
};
