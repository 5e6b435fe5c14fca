/**
 * The OpenAPI 3.1 description of the whole API, served at /openapi.json. Built from `PATHS` (the routes) and
 * `SCHEMAS` (the bodies): every operation's error codes become responses grouped by status, each status's `code`
 * enumerated, so a client generator knows every code a call can answer.
 */
import { ErrorCode, statusOf } from '../../errors';
import { ref, type Operation } from './build';
import { IDEMPOTENCY_ERRORS, IDEMPOTENT, idempotencyKey, replayedHeader } from './idempotency';
import { COMMON_ERRORS, PATHS } from './paths';
import { SCHEMAS } from './schemas';
import { ACCESS_SCHEMAS, SECURITY_SCHEMES, accessOf } from './access';

const ERROR_HEADERS = {
  'Content-Language': { description: 'language of the message (ar, en or zh)', schema: { type: 'string' } },
};
const string = { schema: { type: 'string' } };
/** Headers beside Content-Language, by status. */
const STATUS_HEADERS: Record<number, object> = {
  401: { 'WWW-Authenticate': { description: 'Bearer realm="mizan"', ...string } },
  429: {
    'Retry-After': { description: 'seconds until the budget refills', schema: { type: 'integer' } },
    RateLimit: { description: 'IETF draft-8: the remaining budget', ...string },
    'RateLimit-Policy': { description: 'IETF draft-8: the budget (requests per window)', ...string },
  },
  503: { 'Retry-After': { schema: { type: 'integer' } } },
};

function errorResponses(
  codes: readonly (keyof typeof ErrorCode)[],
  notFound: readonly (keyof typeof ErrorCode)[] = [],
  bodies: Record<number, string> = {},
): Record<string, object> {
  const byStatus = new Map<number, string[]>();
  const add = (status: number, code: string) => byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  for (const code of new Set([...codes, ...COMMON_ERRORS])) add(statusOf(ErrorCode[code]), code);
  for (const code of notFound) add(404, code);
  const out: Record<string, object> = {};
  for (const [status, list] of [...byStatus].sort((a, b) => a[0] - b[0])) {
    out[String(status)] = {
      description: `error: ${list.join(', ')}`,
      headers: { ...ERROR_HEADERS, ...STATUS_HEADERS[status] },
      content: {
        'application/json': {
          schema: {
            allOf: [{ $ref: '#/components/schemas/Error' }, ...(bodies[status] ? [ref(bodies[status])] : [])],
            properties: { error: { properties: { code: { enum: list.sort() } } } },
          },
        },
      },
    };
  }
  return out;
}

/** An operation that takes an Idempotency-Key gets the header, its errors, and Idempotent-Replayed on success. */
function withIdempotency(op: Operation): Operation {
  const ok = Object.fromEntries(
    Object.entries(op.ok).map(([status, r]) => [
      status,
      { ...r, headers: { ...(r.headers ?? {}), ...replayedHeader } },
    ]),
  );
  const parameters = [...(op.parameters ?? []), idempotencyKey];
  return { ...op, ok, parameters, errors: [...op.errors, ...IDEMPOTENCY_ERRORS] };
}

function operation(given: Operation, id: string, method: string, path: string): object {
  const op = IDEMPOTENT[path]?.includes(method) ? withIdempotency(given) : given;
  const access = accessOf(method, path);
  const responses: Record<string, object> = {
    ...op.ok,
    ...errorResponses([...op.errors, ...access.errors], op.notFound, op.errorBodies),
  };
  return {
    operationId: id,
    summary: op.summary,
    security: access.security,
    ...(access.role ? { 'x-mizan-role': access.role } : {}),
    ...(op.description ? { description: op.description } : {}),
    ...(op.parameters ? { parameters: op.parameters } : {}),
    ...(op.requestBody ? { requestBody: op.requestBody } : {}),
    responses,
  };
}

const operationId = (method: string, path: string) =>
  method +
  path
    .replace(/^\/api\/v1/, '')
    .split(/[/{}.-]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');

export function openApiDocument(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, object>> = {};
  for (const [path, methods] of Object.entries(PATHS)) {
    paths[path] = {};
    for (const [method, op] of Object.entries(methods))
      paths[path][method] = operation(op, operationId(method, path), method, path);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'mizan',
      version,
      summary: 'Translation memory for Arabic, English and Chinese: fuzzy matching, concordance, aligned documents',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    paths,
    components: { schemas: { ...SCHEMAS, ...ACCESS_SCHEMAS }, securitySchemes: SECURITY_SCHEMES },
  };
}
