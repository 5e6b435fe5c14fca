/** The Idempotency-Key header of writes (http/idempotency.ts), added to the operations that take it. */
import type { Code } from './build';

/** The writes that take an Idempotency-Key: path → methods. */
export const IDEMPOTENT: Record<string, readonly string[]> = {
  '/api/v1/documents': ['post'],
  '/api/v1/documents/{id}': ['delete'],
  '/api/v1/documents/{id}/alignment': ['patch'],
  '/api/v1/documents/{id}/review': ['patch'],
  '/api/v1/units': ['post'],
  '/api/v1/units/{id}': ['patch', 'delete'],
};

export const IDEMPOTENCY_ERRORS: Code[] = ['IDEMPOTENCY_KEY_REUSED', 'IDEMPOTENCY_IN_PROGRESS'];

export const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'a key the client makes up for this write (a UUID; 1–255 printable ASCII characters). The first outcome (status ' +
    'and body, errors below 500 included) is kept a day, per TM, route and API key (another key may use the same ' +
    'string for its own writes): the same request sent again with the same ' +
    'key — after a 503, a timeout or a lost connection — gets that outcome again (`Idempotent-Replayed: true`) ' +
    'instead of being made twice, a 409 or a 412. A 503 on a write does not mean the write failed: Redis may still ' +
    'make it; retry with the same key to learn its outcome. The same key with another request: 422 ' +
    'IDEMPOTENCY_KEY_REUSED; while the first is still running: 409 IDEMPOTENCY_IN_PROGRESS.',
  schema: { type: 'string', minLength: 1, maxLength: 255 },
};

export const replayedHeader = {
  'Idempotent-Replayed': {
    description: '`true` when this is the kept outcome of an earlier request with the same Idempotency-Key',
    schema: { type: 'string', enum: ['true'] },
  },
};
