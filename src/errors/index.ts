/**
 * The one error family of mizan. Every error a client can see has a stable `code` (clients branch on it), an
 * HTTP status, and `params` that the localized message interpolates. Messages live in src/i18n/locales, keyed by
 * code; the error middleware is the only place that turns a MizanError into a response.
 */

export { preview } from './preview';

export const ErrorCode = {
  QUERY_MISSING: 'QUERY_MISSING',
  QUERY_TOO_LONG: 'QUERY_TOO_LONG',
  QUERY_EMPTY: 'QUERY_EMPTY',
  SAME_LANGUAGE: 'SAME_LANGUAGE',
  MIN_OUT_OF_RANGE: 'MIN_OUT_OF_RANGE',
  LIMIT_OUT_OF_RANGE: 'LIMIT_OUT_OF_RANGE',
  INVALID_PARAMETER: 'INVALID_PARAMETER',
  INVALID_DELIMITER: 'INVALID_DELIMITER',
  FIELD_MISSING: 'FIELD_MISSING',
  TEXT_TOO_LONG: 'TEXT_TOO_LONG',
  BATCH_TOO_LARGE: 'BATCH_TOO_LARGE',
  BATCH_TEXT_TOO_LONG: 'BATCH_TEXT_TOO_LONG',
  TOO_MANY_CORRECTIONS: 'TOO_MANY_CORRECTIONS',
  FILE_TOO_LARGE: 'FILE_TOO_LARGE',
  INVALID_ENCODING: 'INVALID_ENCODING',
  HEADERS_TOO_LARGE: 'HEADERS_TOO_LARGE',
  MALFORMED_REQUEST: 'MALFORMED_REQUEST',
  REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  INVALID_BODY: 'INVALID_BODY',
  BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  UNKNOWN_FORMAT: 'UNKNOWN_FORMAT',
  UNKNOWN_TM: 'UNKNOWN_TM',
  DOCUMENT_NOT_FOUND: 'DOCUMENT_NOT_FOUND',
  DOCUMENT_CHANGED: 'DOCUMENT_CHANGED',
  INVALID_CORRECTION: 'INVALID_CORRECTION',
  ROW_OUT_OF_RANGE: 'ROW_OUT_OF_RANGE',
  TEXT_EMPTY: 'TEXT_EMPTY',
  INVALID_CHARACTER: 'INVALID_CHARACTER',
  UNIT_NOT_FOUND: 'UNIT_NOT_FOUND',
  UNIT_SOURCE_FIXED: 'UNIT_SOURCE_FIXED',
  ROUTE_NOT_FOUND: 'ROUTE_NOT_FOUND',
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  TMX_INVALID: 'TMX_INVALID',
  STORE_UNAVAILABLE: 'STORE_UNAVAILABLE',
  IMPORT_STAGING_LOST: 'IMPORT_STAGING_LOST',
  IMPORT_COMMIT_INCOMPLETE: 'IMPORT_COMMIT_INCOMPLETE',
  STORE_OUT_OF_MEMORY: 'STORE_OUT_OF_MEMORY',
  NOT_READY: 'NOT_READY',
  INTERNAL: 'INTERNAL',
  XML_MALFORMED: 'XML_MALFORMED',
  XML_ENTITIES_REFUSED: 'XML_ENTITIES_REFUSED',
  XLIFF_VERSION_UNSUPPORTED: 'XLIFF_VERSION_UNSUPPORTED',
  XLIFF_NO_SOURCES: 'XLIFF_NO_SOURCES',
  XLIFF_LANGUAGE_MISMATCH: 'XLIFF_LANGUAGE_MISMATCH',
  XLIFF_LANGUAGES_DIFFER: 'XLIFF_LANGUAGES_DIFFER',
  UNSUPPORTED_LANGUAGE: 'UNSUPPORTED_LANGUAGE',
  TMX_NO_ARABIC: 'TMX_NO_ARABIC',
  JOB_NOT_FOUND: 'JOB_NOT_FOUND',
  JOB_NOT_CANCELLABLE: 'JOB_NOT_CANCELLABLE',
  JOB_CANCELLED: 'JOB_CANCELLED',
  IMPORT_ABANDONED: 'IMPORT_ABANDONED',
  PRECONDITION_FAILED: 'PRECONDITION_FAILED',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  KEY_NOT_FOUND: 'KEY_NOT_FOUND',
  RATE_LIMITED: 'RATE_LIMITED',
  TM_LIMIT: 'TM_LIMIT',
  BATCH_BUDGET_EXCEEDED: 'BATCH_BUDGET_EXCEEDED',
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  IDEMPOTENCY_IN_PROGRESS: 'IDEMPOTENCY_IN_PROGRESS',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const STATUS: Record<ErrorCode, number> = {
  QUERY_MISSING: 400,
  QUERY_TOO_LONG: 400,
  QUERY_EMPTY: 400,
  SAME_LANGUAGE: 400,
  MIN_OUT_OF_RANGE: 400,
  LIMIT_OUT_OF_RANGE: 400,
  INVALID_PARAMETER: 400,
  INVALID_DELIMITER: 400,
  FIELD_MISSING: 400,
  TEXT_TOO_LONG: 400,
  BATCH_TOO_LARGE: 400,
  BATCH_TEXT_TOO_LONG: 400,
  TOO_MANY_CORRECTIONS: 400,
  FILE_TOO_LARGE: 413,
  INVALID_ENCODING: 400,
  HEADERS_TOO_LARGE: 431,
  /** Only from the HTTP server (http/client-error.ts): a request Node's parser cannot read. */
  MALFORMED_REQUEST: 400,
  /** Only from the HTTP server: headers or a body not received within MIZAN_*_TIMEOUT_MS. */
  REQUEST_TIMEOUT: 408,
  INVALID_BODY: 400,
  BODY_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNKNOWN_FORMAT: 400,
  UNKNOWN_TM: 400,
  DOCUMENT_NOT_FOUND: 404,
  DOCUMENT_CHANGED: 409,
  INVALID_CORRECTION: 400,
  ROW_OUT_OF_RANGE: 400,
  TEXT_EMPTY: 400,
  INVALID_CHARACTER: 400,
  UNIT_NOT_FOUND: 404,
  UNIT_SOURCE_FIXED: 409,
  ROUTE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  TMX_INVALID: 422,
  STORE_UNAVAILABLE: 503,
  /** Only ever in an import job's error: staged records Redis evicted or expired before the commit took them. */
  IMPORT_STAGING_LOST: 503,
  /**
   * Only ever in an import job's error: Redis stayed away longer than the commit's retries (`endRetryMs`); the TM
   * holds the chunks committed before.
   */
  IMPORT_COMMIT_INCOMPLETE: 503,
  /** Redis at its maxmemory (noeviction) refuses writes (store/redis.ts, guard); reads still work. */
  STORE_OUT_OF_MEMORY: 503,
  NOT_READY: 503,
  INTERNAL: 500,
  XML_MALFORMED: 400,
  XML_ENTITIES_REFUSED: 400,
  XLIFF_VERSION_UNSUPPORTED: 400,
  XLIFF_NO_SOURCES: 400,
  XLIFF_LANGUAGE_MISMATCH: 400,
  XLIFF_LANGUAGES_DIFFER: 400,
  UNSUPPORTED_LANGUAGE: 400,
  TMX_NO_ARABIC: 422,
  JOB_NOT_FOUND: 404,
  JOB_NOT_CANCELLABLE: 409,
  JOB_CANCELLED: 409,
  IMPORT_ABANDONED: 503,
  PRECONDITION_FAILED: 412,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  KEY_NOT_FOUND: 404,
  RATE_LIMITED: 429,
  TM_LIMIT: 409,
  /** Only ever in a batch's slot: the queries a batch's budget left unrun (the batch itself is a 200). */
  BATCH_BUDGET_EXCEEDED: 503,
  IDEMPOTENCY_KEY_REUSED: 422,
  IDEMPOTENCY_IN_PROGRESS: 409,
};

/** The HTTP status an error code is answered with. */
export function statusOf(code: ErrorCode): number {
  return STATUS[code];
}

/** A list (`expected` media types) is joined by the message with the language's own "or". */
export type ErrorParams = Record<string, string | number | readonly string[]>;

export class MizanError extends Error {
  override readonly name = 'MizanError';
  readonly status: number;
  /** Fields the answer carries beside `error` (the readiness report of /readyz); none for most errors. */
  readonly details?: Readonly<Record<string, unknown>>;

  constructor(
    readonly code: ErrorCode,
    readonly params: ErrorParams = {},
    options?: { cause?: unknown; message?: string; details?: Record<string, unknown> },
  ) {
    super(options?.message ?? `${code} ${JSON.stringify(params)}`, { cause: options?.cause });
    this.status = STATUS[code];
    if (options?.details) this.details = options.details;
  }
}

/** Redis is unreachable or timed out. The client should retry after `retryAfterSeconds`. */
export class StoreUnavailableError extends MizanError {
  constructor(
    cause?: unknown,
    readonly retryAfterSeconds = 5,
  ) {
    super(
      ErrorCode.STORE_UNAVAILABLE,
      {},
      { cause, message: `Redis unavailable: ${String((cause as Error)?.message ?? cause)}` },
    );
  }
}

export function isMizanError(error: unknown): error is MizanError {
  return error instanceof MizanError;
}
