/** The unit routes as OpenAPI path items (see paths.ts). */
import {
  BODY_ERRORS,
  bodyTm,
  etag,
  location,
  ifMatch,
  ifNoneMatch,
  notModified,
  json,
  jsonBody,
  path,
  query,
  tmQuery as tm,
  type Operation,
} from './build';

const unitId = path('id', 'unit id');
/** A POST's answer: the unit's tag and where it lives. */
const UNIT_HEADERS = { ...etag, ...location('/api/v1/units/{id}, with ?tm= outside the default TM') };

export const UNIT_PATHS: Record<string, Record<string, Operation>> = {
  '/api/v1/units': {
    post: {
      summary: 'Add a unit outside any document (the same Arabic again updates it)',
      parameters: [query('tm', 'the TM (default: the configured default TM); the body may name it instead, the same')],
      requestBody: jsonBody({
        type: 'object',
        required: ['ar'],
        properties: {
          ar: { type: 'string' },
          en: { type: 'string' },
          zh: { type: 'string' },
          tm: bodyTm,
        },
      }),
      ok: {
        200: { description: 'updated', headers: UNIT_HEADERS, content: json('Unit') },
        201: { description: 'created', headers: UNIT_HEADERS, content: json('Unit') },
      },
      errors: [
        ...BODY_ERRORS,
        'FIELD_MISSING',
        'TEXT_TOO_LONG',
        'TEXT_EMPTY',
        'INVALID_CHARACTER',
        'UNKNOWN_TM',
        'TM_LIMIT',
      ],
    },
  },
  '/api/v1/units/{id}': {
    get: {
      summary: 'One unit',
      parameters: [unitId, tm, ifNoneMatch],
      ok: { 200: { description: 'the unit', headers: etag, content: json('Unit') }, ...notModified },
      errors: ['UNIT_NOT_FOUND', 'UNKNOWN_TM'],
    },
    patch: {
      summary: 'Change a unit’s texts',
      parameters: [unitId, tm, ifMatch],
      requestBody: jsonBody({
        type: 'object',
        properties: {
          ar: { type: 'string' },
          en: { type: 'string' },
          zh: { type: 'string' },
          tm: bodyTm,
        },
      }),
      ok: { 200: { description: 'the unit as changed', headers: etag, content: json('Unit') } },
      errors: [
        ...BODY_ERRORS,
        'UNIT_NOT_FOUND',
        'PRECONDITION_FAILED',
        'UNIT_SOURCE_FIXED',
        'FIELD_MISSING',
        'TEXT_TOO_LONG',
        'TEXT_EMPTY',
        'INVALID_CHARACTER',
        'UNKNOWN_TM',
      ],
    },
    delete: {
      summary: 'Delete a unit (a document unit leaves its document)',
      parameters: [unitId, tm, ifMatch],
      ok: { 204: { description: 'deleted' } },
      errors: ['UNIT_NOT_FOUND', 'UNKNOWN_TM', 'PRECONDITION_FAILED'],
    },
  },
  '/api/v1/units/{id}/context': {
    get: {
      summary: 'A unit with up to n rows before and after it in its document',
      parameters: [
        unitId,
        tm,
        query('n', 'rows on each side', { type: 'integer', minimum: 0, maximum: 50, default: 2 }),
      ],
      ok: { 200: { description: 'the unit and its neighbours', content: json('UnitContext') } },
      errors: ['UNIT_NOT_FOUND', 'UNKNOWN_TM'],
    },
  },
};
