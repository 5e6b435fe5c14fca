/** The document routes as OpenAPI path items (see paths.ts). */
import {
  BODY_ERRORS,
  bodyTm,
  contentDisposition,
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

const DOCUMENT_LOCATION = location('/api/v1/documents/{id}, with ?tm= outside the default TM');

const docId = path('id', 'document id');
/**
 * A document's ETag, in every format and on the row writes' answers: its rev, the format and the TM's change counter.
 */
const documentEtag = {
  ETag: {
    description:
      'the entity tag, "rev-<n>.<format>.s<seq>" ("rev-4.json.s17", "rev-4.tmx.s17", "rev-4.i18nexten.s17"): the ' +
      'document’s rev, the representation’s format and seq, the TM’s change counter, so that it changes when a ' +
      'row’s unit does (an import too) and with any other write to the TM. Send it back in If-None-Match (a read) ' +
      'or If-Match (a write: 412 when the document is at another rev or a unit of its rows was written after seq; ' +
      'writes elsewhere in the TM do not count)',
    schema: { type: 'string', pattern: '^"rev-[0-9]+\\.[a-z0-9]+\\.s[0-9]+"$' },
  },
};
const fileContent = (type: string) => ({ [type]: { schema: { type: 'string' } } });

export const DOCUMENT_PATHS: Record<string, Record<string, Operation>> = {
  '/api/v1/documents': {
    get: {
      summary: 'The documents of a TM, in document order, a page at a time',
      parameters: [
        tm,
        query(
          'cursor',
          'where the page starts: the cursor of the previous page of this TM (absent: from the first); ' +
            'a cursor of another TM is 400',
        ),
        query('limit', 'documents per page', { type: 'integer', minimum: 1, maximum: 1000, default: 100 }),
      ],
      ok: { 200: { description: 'a page of documents', content: json('DocumentList') } },
      errors: ['UNKNOWN_TM', 'LIMIT_OUT_OF_RANGE'],
    },
    post: {
      summary: 'Import a document: segment, align and store three texts',
      parameters: [tm],
      requestBody: {
        required: true,
        content: {
          'application/json': { schema: { $ref: '#/components/schemas/DocumentImport' } },
          'multipart/form-data': {
            schema: {
              type: 'object',
              properties: {
                ar: { type: 'string', format: 'binary' },
                en: { type: 'string', format: 'binary' },
                zh: { type: 'string', format: 'binary' },
              },
            },
          },
        },
      },
      ok: {
        200: {
          description: 'the same texts were imported before: nothing written; Location names the document',
          headers: DOCUMENT_LOCATION,
          content: json('Document'),
        },
        201: {
          description: 'imported; Location names the document (with ?tm= outside the default TM)',
          headers: DOCUMENT_LOCATION,
          content: json('Document'),
        },
      },
      errors: [
        ...BODY_ERRORS,
        'FIELD_MISSING',
        'TEXT_TOO_LONG',
        'TEXT_EMPTY',
        'INVALID_CHARACTER',
        'FILE_TOO_LARGE',
        'UNKNOWN_TM',
        'TM_LIMIT',
      ],
    },
  },
  '/api/v1/documents/{id}': {
    get: {
      summary: 'One document whole: JSON, TMX 1.4b, TSV, a printable HTML page or i18next bundles',
      parameters: [
        docId,
        tm,
        query(
          'format',
          'json, tmx, tsv, html or i18next; when absent, from Accept (application/json, application/x-tmx+xml, ' +
            'text/tab-separated-values, text/html), else json',
          { type: 'string', enum: ['json', 'tmx', 'tsv', 'html', 'i18next'] },
        ),
        query('lang', 'format=i18next: one language’s bundle (default, or empty: every language’s, keyed by language)'),
        ifNoneMatch,
      ],
      ok: {
        200: {
          description:
            'the document (i18next: keys <documentId>.<position>); TMX and TSV as an attachment. TMX writes each ' +
            'row’s unit as the whole TM’s export does (its inline codes, tuid, dates, props, notes, language tags; ' +
            'a unit without a tuid of its own named by its unit id); HTML shows inline codes as marked spans',
          headers: { ...documentEtag, ...contentDisposition },
          content: {
            'application/json': {
              schema: {
                oneOf: [
                  { $ref: '#/components/schemas/Document' },
                  { type: 'object', description: 'i18next bundles', not: { required: ['id', 'segments'] } },
                ],
              },
            },
            ...fileContent('application/x-tmx+xml'),
            ...fileContent('text/tab-separated-values'),
            ...fileContent('text/html'),
          },
        },
        // A TMX or TSV export's 304 keeps the attachment's file name, as its 200 would have it.
        304: { ...notModified[304], headers: { ...documentEtag, ...contentDisposition } },
      },
      errors: ['DOCUMENT_NOT_FOUND', 'UNKNOWN_FORMAT', 'UNKNOWN_TM', 'UNSUPPORTED_LANGUAGE'],
    },
    delete: {
      summary: 'Delete the document and its units',
      parameters: [docId, tm, ifMatch],
      ok: { 204: { description: 'deleted' } },
      errors: ['DOCUMENT_NOT_FOUND', 'UNKNOWN_TM', 'PRECONDITION_FAILED'],
    },
  },
  '/api/v1/documents/{id}/alignment': {
    patch: {
      summary: 'Correct the alignment: merge, split and move operations applied in order, atomically',
      parameters: [docId, tm, ifMatch],
      requestBody: jsonBody({
        type: 'object',
        required: ['ops'],
        properties: {
          ops: { type: 'array', items: { $ref: '#/components/schemas/Correction' } },
          rev: { type: 'integer', description: 'the revision the corrections were made against' },
          tm: bodyTm,
        },
      }),
      ok: { 200: { description: 'the corrected document', headers: documentEtag, content: json('Document') } },
      errors: [
        ...BODY_ERRORS,
        'DOCUMENT_NOT_FOUND',
        'DOCUMENT_CHANGED',
        'PRECONDITION_FAILED',
        'INVALID_CORRECTION',
        'TOO_MANY_CORRECTIONS',
        'FIELD_MISSING',
        'UNKNOWN_TM',
      ],
    },
  },
  '/api/v1/documents/{id}/review': {
    patch: {
      summary: 'Mark rows reviewed (or take the marks back), atomically; rows already so are left as they are',
      description:
        'A marked row is no longer up for review (review: false; reviewed: when; its reasons kept). The mark holds ' +
        'for the row’s texts as marked: a correction that only moves the row keeps it, one that changes its texts ' +
        '(or an edit of its unit) ends it. Rows are numbered from 0, as position and the corrections’ row.',
      parameters: [docId, tm, ifMatch],
      requestBody: jsonBody({
        type: 'object',
        required: ['rows'],
        properties: {
          rows: {
            type: 'array',
            minItems: 1,
            maxItems: 1000,
            items: { type: 'integer', minimum: 0 },
            description: 'positions of the rows (from 0)',
          },
          reviewed: { type: 'boolean', default: true, description: 'false takes the marks back' },
          rev: { type: 'integer', description: 'the revision the rows were read at' },
          tm: bodyTm,
        },
      }),
      ok: { 200: { description: 'the document as it is now', headers: documentEtag, content: json('Document') } },
      errors: [
        ...BODY_ERRORS,
        'DOCUMENT_NOT_FOUND',
        'DOCUMENT_CHANGED',
        'PRECONDITION_FAILED',
        'ROW_OUT_OF_RANGE',
        'TOO_MANY_CORRECTIONS',
        'FIELD_MISSING',
        'UNKNOWN_TM',
      ],
    },
  },
};
