/**
 * The TM-wide routes (src/http/routes/tms.ts, jobs.ts) as OpenAPI path items and their body schemas; paths.ts and
 * schemas.ts spread them into the description.
 */
import { binaryFile as file, contentDisposition, contentEncoding, json, location, path } from './build';

const tmPath = path('tm', 'TM name');
const jobPath = path('id', 'job id');
const counts = { type: 'object', additionalProperties: { type: 'integer', minimum: 0 } };

export const TM_PATHS = {
  '/api/v1/tms': {
    get: {
      summary: 'Every TM with its counts of units and documents',
      ok: { 200: { description: 'TMs by name', content: json('TmList') } },
      errors: [],
    },
  },
  '/api/v1/tms/{tm}/imports': {
    post: {
      summary: 'Import a TMX 1.4b file (raw body or multipart `file`, other form fields ignored) as a job',
      description:
        'The upload is received into a temporary file; the answer (202, `Location: /api/v1/jobs/{id}`) comes as ' +
        'soon as it is there, and the file is then read, staged and committed in the background: GET ' +
        '/api/v1/jobs/{id} follows it, DELETE cancels it until the commit starts. A file that cannot be read ' +
        '(XML_MALFORMED with line and column, XML_ENTITIES_REFUSED, INVALID_ENCODING, TMX_INVALID, TMX_NO_ARABIC) ' +
        'fails its job with that error and leaves the TM unchanged; only an upload that cannot be received (too ' +
        'large, a broken form, the client gone) is answered with its error.',
      parameters: [tmPath, contentEncoding],
      requestBody: {
        required: true,
        content: {
          'application/x-tmx+xml': file,
          'text/xml': file,
          'application/xml': file,
          'application/octet-stream': file,
          'multipart/form-data': { schema: { type: 'object', properties: { file: file.schema } } },
        },
      },
      ok: {
        202: {
          description: 'the job (queued or running), its file received',
          headers: location('/api/v1/jobs/{id}, the job to follow'),
          content: json('Job'),
        },
      },
      errors: [
        'FILE_TOO_LARGE',
        'UNSUPPORTED_MEDIA_TYPE',
        'INVALID_BODY',
        'FIELD_MISSING',
        'TM_LIMIT',
        'JOB_CANCELLED',
        'UNKNOWN_TM',
      ],
    },
  },
  '/api/v1/tms/{tm}/units': {
    get: {
      summary: 'A page of the TM’s units, with the TMX metadata they keep',
      parameters: [
        tmPath,
        {
          name: 'cursor',
          in: 'query',
          description:
            'opaque, as the previous page of this TM gave it (absent or 0: start); a cursor of another TM is 400',
          schema: { type: 'string' },
        },
        {
          name: 'limit',
          in: 'query',
          description:
            'at most this many units (default 100); a page may hold fewer before the end: only a null cursor ends',
          schema: { type: 'integer', minimum: 1, maximum: 1000 },
        },
      ],
      ok: { 200: { description: 'a page; cursor null when the walk is over', content: json('UnitPage') } },
      errors: ['LIMIT_OUT_OF_RANGE', 'UNKNOWN_TM'],
    },
  },
  '/api/v1/tms/{tm}/export': {
    get: {
      summary: 'The whole TM as TMX 1.4b or TSV, streamed',
      parameters: [
        tmPath,
        {
          name: 'format',
          in: 'query',
          description: 'tmx (default) or tsv',
          schema: { type: 'string', enum: ['tmx', 'tsv'] },
        },
        {
          name: 'langs',
          in: 'query',
          description:
            'the target languages, comma-separated, each as BCP 47 or POSIX in any case (en_GB, zh-Hans); Arabic, ' +
            'the source, is always written, named or not (default en,zh; en,zh and ar,en,zh are the same)',
          schema: { type: 'string' },
        },
        {
          name: 'apart',
          in: 'query',
          description: '1 also writes variants kept apart (zh-Hant…)',
          schema: { type: 'string' },
        },
      ],
      ok: {
        200: {
          description: 'the file',
          headers: contentDisposition,
          content: { 'application/x-tmx+xml': file, 'text/tab-separated-values': file },
        },
      },
      errors: ['UNKNOWN_FORMAT', 'UNSUPPORTED_LANGUAGE', 'UNKNOWN_TM'],
    },
  },
  '/api/v1/jobs/{id}': {
    get: {
      summary: 'An import job: status, counters, outcome',
      parameters: [jobPath],
      ok: { 200: { description: 'the job', content: json('Job') } },
      errors: ['JOB_NOT_FOUND'],
    },
    delete: {
      summary: 'Cancel a queued or running import (the TM stays as it was)',
      parameters: [jobPath],
      ok: { 202: { description: 'cancel requested', content: json('Job') } },
      errors: ['JOB_NOT_FOUND', 'JOB_NOT_CANCELLABLE'],
    },
  },
} as const;

export const TM_SCHEMAS: Record<string, object> = {
  TmList: {
    type: 'object',
    required: ['tms'],
    properties: {
      tms: {
        type: 'array',
        items: {
          type: 'object',
          required: ['name', 'units', 'documents'],
          properties: {
            name: { type: 'string' },
            units: { type: 'integer', minimum: 0 },
            documents: { type: 'integer', minimum: 0 },
          },
        },
      },
    },
  },
  UnitPage: {
    type: 'object',
    required: ['units', 'cursor'],
    properties: {
      cursor: { type: ['string', 'null'] },
      units: {
        type: 'array',
        items: {
          type: 'object',
          required: ['unitId', 'tm', 'documentId', 'ar', 'en', 'zh'],
          properties: {
            unitId: { type: 'string' },
            tm: { type: 'string' },
            documentId: { type: ['string', 'null'] },
            position: { type: ['integer', 'null'] },
            ar: { type: 'string' },
            en: { type: 'string' },
            zh: { type: 'string' },
            codes: { type: 'object', description: 'inline codes per language, by placeable index (U+E000 + k)' },
            tuv: { type: 'object', description: 'per language: tag, attrs, props, notes of the TMX tuv' },
            tmx: { type: 'object', description: 'tuid, attrs, props, notes and placement of the TMX tu' },
            apart: { type: 'array', description: 'variants kept apart (Traditional Chinese, other languages)' },
          },
        },
      },
    },
  },
  Job: {
    type: 'object',
    required: ['id', 'tm', 'status', 'created', 'updated', 'units', 'bytes', 'skipped', 'merge', 'languages'],
    properties: {
      id: { type: 'string' },
      tm: { type: 'string' },
      status: {
        type: 'string',
        enum: ['queued', 'running', 'committing', 'done', 'failed', 'cancelled'],
        description:
          'committing lasts until the commit is done: one whose process stopped is resumed by a live instance ' +
          '(it stays committing, then done); failed and cancelled leave the TM as it was, but for ' +
          'IMPORT_STAGING_LOST and IMPORT_COMMIT_INCOMPLETE',
      },
      file: { type: 'string' },
      created: { type: 'string', format: 'date-time' },
      updated: { type: 'string', format: 'date-time' },
      finished: { type: 'string', format: 'date-time' },
      encoding: { type: 'string' },
      cancelRequested: { type: 'boolean' },
      units: {
        type: 'object',
        required: ['read', 'staged', 'written', 'unchanged'],
        properties: {
          read: { type: 'integer', description: '`tu` elements read' },
          staged: { type: 'integer', description: 'distinct units (by Arabic source) staged' },
          written: { type: 'integer', description: 'units created or changed by the commit' },
          unchanged: { type: 'integer', description: 'units already stored exactly so' },
        },
      },
      bytes: {
        type: 'object',
        description: "the file's bytes read so far, and its size when known (an upload): progress while reading",
        required: ['read'],
        properties: { read: { type: 'integer' }, total: { type: 'integer' } },
      },
      skipped: {
        ...counts,
        description:
          '`tu`s skipped, by reason (e.g. no-target, no-words, duplicate, too-long, invalid: a tuv with two segs or ' +
          'an element TMX does not allow in a seg)',
      },
      merge: {
        type: 'object',
        description:
          'merging by Arabic source, within the file and with the units already in the TM (README, TMX import)',
        required: ['extended', 'conflicts'],
        properties: {
          extended: {
            type: 'integer',
            description:
              '`tu`s that added a language to a unit read earlier from the file, plus units already in the TM ' +
              'that gained a language they lacked',
          },
          conflicts: {
            type: 'object',
            required: ['en', 'zh'],
            description:
              'per target: later `tu`s of the file with another translation (the first kept), plus units already ' +
              'in the TM whose text the import replaced (the TMX wins)',
            properties: { en: { type: 'integer' }, zh: { type: 'integer' } },
          },
          samples: {
            type: 'array',
            maxItems: 20,
            description:
              "the file's first conflicts (its later `tu`s with another translation, or naming a row read with " +
              'another Arabic), when it had any',
            items: {
              type: 'object',
              required: ['ar', 'lang', 'reason'],
              properties: {
                ar: { type: 'string', description: 'the Arabic source, cut to 120 characters' },
                lang: { type: 'string', enum: ['en', 'zh'] },
                tuid: { type: 'string' },
                reason: {
                  type: 'string',
                  enum: ['different-translation', 'different-source'],
                  description:
                    'different-translation: another translation of an Arabic source already read; different-source: ' +
                    'a `tu` naming a document row (x-document, x-position) already read with another Arabic (left out)',
                },
              },
            },
          },
        },
      },
      languages: { ...counts, description: 'non-empty tuvs by language family (zh-Hant reported apart)' },
      error: {
        type: 'object',
        description:
          'why the job failed, as an error answer: a reading error (XML_MALFORMED, XML_ENTITIES_REFUSED, ' +
          'INVALID_ENCODING, TMX_INVALID, TMX_NO_ARABIC, FILE_TOO_LARGE), STORE_UNAVAILABLE, STORE_OUT_OF_MEMORY, ' +
          'IMPORT_ABANDONED (the process reading the file stopped before it was read whole: nothing of it is in ' +
          'the TM; import it again), IMPORT_STAGING_LOST ' +
          '(staged units evicted or expired before the commit: the units committed before the loss, `written`, ' +
          'stay in the TM; import the file again), IMPORT_COMMIT_INCOMPLETE (Redis away mid-commit for longer ' +
          'than the retries: the TM holds part of the file, at least `written` units; importing it again ' +
          'completes it), INTERNAL…',
        required: ['code', 'message'],
        properties: { code: { type: 'string' }, message: { type: 'string' }, param: { type: 'string' } },
      },
    },
  },
};
