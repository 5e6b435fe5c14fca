/**
 * The pieces every part of the OpenAPI description is written with: the Operation shape that document.ts turns into
 * OpenAPI operations, and helpers for references, JSON content and parameters.
 */
import { DEFAULT_CONFIG } from '../../config';
import type { ErrorCode } from '../../errors';

export type Code = keyof typeof ErrorCode;

/**
 * The lowest `min` the routes take: MIZAN_MIN_FLOOR, 30 unless configured (a description is one document for every
 * deployment: it gives the default floor).
 */
export const MIN_FLOOR = DEFAULT_CONFIG.minFloor;
export const MIN_RANGE = `at least MIZAN_MIN_FLOOR (${MIN_FLOOR} by default), else 400 MIN_OUT_OF_RANGE`;

export interface Operation {
  summary: string;
  description?: string;
  parameters?: object[];
  requestBody?: object;
  /** Success responses by status. */
  ok: Record<string, { description: string; content?: object; headers?: object }>;
  /** Error codes this operation can answer (besides the ones every route can: see COMMON_ERRORS in paths.ts). */
  errors: Code[];
  /** Codes answered 404 whatever their usual status (the amaGama routes, as amaGama does). */
  notFound?: Code[];
  /** By status, a schema the error bodies also satisfy (MyMemory's fields around /get's 400s). */
  errorBodies?: Record<number, string>;
}

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** Pieces of the JSON Schemas (schemas.ts, document-schemas.ts). */
export const langs = ['ar', 'en', 'zh'];
export const nullable = (type: string) => ({ type: [type, 'null'] });
export const span = { type: 'array', items: { type: 'integer', minimum: 0 }, minItems: 2, maxItems: 2 };
export const texts = (required: string[]) => ({
  type: 'object',
  required,
  properties: Object.fromEntries(langs.map((l) => [l, { type: 'string' }])),
});

/** JSON content whose schema is the named component. */
export const json = (schema: string) => ({ 'application/json': { schema: ref(schema) } });
/** A required JSON request body with this schema. */
export const jsonBody = (schema: object) => ({ required: true, content: { 'application/json': { schema } } });
export const query = (name: string, description: string, schema: object = { type: 'string' }, required = false) => ({
  name,
  in: 'query',
  required,
  description,
  schema,
});
export const path = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
});
/** A file sent as the raw body. */
export const binaryFile = { schema: { type: 'string', format: 'binary' } };

/** The `tm` query parameter. */
export const tmQuery = query(
  'tm',
  'TM name (default: the configured default TM); for matching a comma-separated priority list',
);
/** Codes any route with a body can answer. */
/** A write's `tm` body property: the same as ?tm=, which it may stand in for. */
export const bodyTm = {
  type: 'string',
  description: 'the TM, in place of ?tm=; when both are given and differ, 400 INVALID_PARAMETER (param tm)',
};
export const BODY_ERRORS: Code[] = ['INVALID_BODY', 'BODY_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'INVALID_ENCODING'];
export const ifMatch = {
  name: 'If-Match',
  in: 'header',
  required: false,
  description: 'the ETag the change was made against (or *): 412 PRECONDITION_FAILED when it no longer matches',
  schema: { type: 'string' },
};
/** The request header of an upload that may come compressed (decompressed as it is received; see the README). */
export const contentEncoding = {
  name: 'Content-Encoding',
  in: 'header',
  required: false,
  description:
    'gzip, x-gzip, deflate or br: decompressed as received, the size limit counting the decompressed bytes (413 as ' +
    'soon as it inflates past it); a stream that does not decompress is 400 INVALID_BODY, another encoding 415',
  schema: { type: 'string', enum: ['gzip', 'x-gzip', 'deflate', 'br', 'identity'] },
};
export const etag = {
  ETag: {
    description: 'the entity tag: send it back in If-Match (a write), or in If-None-Match (a read)',
    schema: { type: 'string' },
  },
};
export const ifNoneMatch = {
  name: 'If-None-Match',
  in: 'header',
  required: false,
  description: 'ETags of representations the client holds: 304 without a body when the one asked for is among them',
  schema: { type: 'string' },
};
/** Where what a request made lives (follow it with GET). */
export const location = (where: string) => ({
  Location: { description: `where it lives: ${where}`, schema: { type: 'string', format: 'uri-reference' } },
});
/** An export's file name. */
export const contentDisposition = {
  'Content-Disposition': {
    description: 'attachment; filename="<name>.<format>": the file name to save the export as',
    schema: { type: 'string' },
  },
};
/** A read's 304 answer to If-None-Match. */
export const notModified = {
  304: { description: 'unchanged since the ETag given in If-None-Match: no body', headers: etag },
};
