/** OpenAPI description of the pretranslation routes (src/http/routes/pretranslate.ts) and their bodies. */
import {
  binaryFile as file,
  contentEncoding,
  jsonBody,
  MIN_FLOOR,
  MIN_RANGE,
  query,
  ref,
  type Code,
  type Operation,
} from './build';

const count = { type: 'integer', minimum: 0 };
const BANDS = ['repetition', '101', '100', '95-99', '85-94', '75-84', '50-74', 'no-match'];
const XML_TYPES = ['application/xliff+xml', 'application/x-xliff+xml', 'application/xml', 'text/xml'];
const xliffBody = {
  required: true,
  description:
    'XLIFF 1.2 or 2.x (UTF-8 or UTF-16), raw or as the `file` part of a form (its fields tgt, min, overwrite, src, ' +
    'tm, format stand in for the query parameters; any other field is ignored)',
  content: {
    ...Object.fromEntries([...XML_TYPES, 'application/octet-stream'].map((t) => [t, file])),
    'multipart/form-data': {
      schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
    },
  },
};
const xliffParameters = [
  query(
    'tgt',
    'target language (else the file’s target-language / trgLang: each 1.2 <file> its own when they declare ' +
      'several; a file declaring another than tgt is XLIFF_LANGUAGE_MISMATCH)',
  ),
  query(
    'src',
    'source language, overriding the file’s (without it, a declaration the sources’ script contradicts, as ' +
      'po2xliff’s en-US over Arabic, gives way to the script)',
  ),
  query('tm', 'TMs to search, comma-separated, by priority (default: the default TM)'),
  contentEncoding,
];
const XLIFF_ERRORS: Code[] = [
  'INVALID_BODY',
  'BODY_TOO_LARGE',
  'FILE_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'INVALID_ENCODING',
  'FIELD_MISSING',
  'XML_MALFORMED',
  'XML_ENTITIES_REFUSED',
  'XLIFF_VERSION_UNSUPPORTED',
  'XLIFF_NO_SOURCES',
  'XLIFF_LANGUAGE_MISMATCH',
  'XLIFF_LANGUAGES_DIFFER',
  'UNSUPPORTED_LANGUAGE',
  'SAME_LANGUAGE',
  'UNKNOWN_TM',
];

export const PRETRANSLATE_PATHS: Record<string, Record<string, Operation>> = {
  '/api/v1/pretranslate': {
    post: {
      summary: 'An XLIFF file back with targets filled from the TM, everything else byte for byte',
      description:
        'Best match ≥ min as the target (1.2 state/state-qualifier and alt-trans; 2.x state and mtc:matches); ' +
        'confirmed targets are left alone unless overwrite=1. Same media type and encoding as the input; ' +
        'X-Mizan-Segments holds the count of segments per outcome as JSON: filled, placeables (filled, but the ' +
        "TM's target lacked some of the source's inline codes or printf placeholders: they were put in, the " +
        'segment marked for review with one point off per repair), confirmed, no-match, empty. ' +
        'Units with translate="no" and the PO header (restype x-gettext-domain-header) are not segments. ' +
        'A 2.x file without trgLang gets it (required with targets); a 1.2 file gets no target-language. ' +
        'XLIFF version 1.0–1.2 and 2.0–2.2 only (else XLIFF_VERSION_UNSUPPORTED). Without src, a declared ' +
        'source language the sources are not written in (po2xliff declares en-US over Arabic) gives way to the ' +
        "sources' script (X-Mizan-Languages says so). A placeholder the TM's target lacks takes the place of the " +
        "number the TM's source had where the placeholder is (26→%d), else it is appended.",
      parameters: [
        ...xliffParameters,
        query(
          'min',
          'lowest score inserted or suggested (101: context matches, the neighbours taken within the same <file>), ' +
            MIN_RANGE,
          { type: 'integer', minimum: MIN_FLOOR, maximum: 101, default: 75 },
        ),
        query('overwrite', '1 replaces confirmed targets too (0, empty or absent: kept)', {
          type: 'string',
          enum: ['0', '1'],
        }),
      ],
      requestBody: xliffBody,
      ok: {
        200: {
          description: 'the pretranslated file',
          content: Object.fromEntries([...XML_TYPES, 'application/octet-stream'].map((t) => [t, file])),
          headers: {
            'X-Mizan-Segments': { description: 'segments per outcome (JSON)', schema: { type: 'string' } },
            'X-Mizan-Languages': {
              description:
                'the languages the file was read in, as JSON {src, tgt}, with targets (every target language, tgt ' +
                'the first) when its <file> elements declare several and the request names none, and declaredSrc ' +
                'when the file declared another source language than the one its sources are written in',
              schema: { type: 'string' },
            },
          },
        },
      },
      errors: [...XLIFF_ERRORS, 'MIN_OUT_OF_RANGE'],
    },
  },
  '/api/v1/analyze': {
    post: {
      summary: 'Segments, words and characters of an XLIFF file per match band',
      description:
        'JSON, or a fixed-width text table with Accept: text/plain (parameters such as charset are not compared) ' +
        'or format=text.',
      parameters: [
        ...xliffParameters,
        query('format', 'json (default) or text', { type: 'string', enum: ['json', 'text'] }),
      ],
      requestBody: xliffBody,
      ok: {
        200: {
          description: 'the analysis',
          content: { 'application/json': { schema: ref('Analysis') }, 'text/plain': { schema: { type: 'string' } } },
        },
      },
      errors: [...XLIFF_ERRORS, 'UNKNOWN_FORMAT'],
    },
  },
  '/api/v1/pretranslate/i18next': {
    post: {
      summary: 'Draft i18next bundles per target language from a source bundle, with a report per key',
      description:
        "A candidate's placeables ({{x}}, single-brace {x} and {x, number}, $t(key), Trans tags; not ICU " +
        "plural/select blocks) are mapped onto the source's ({{name}} in the TM written as the source's " +
        '{{user}}); a candidate that would lose an interpolation, nesting or Trans tag is never written ' +
        '(a zero/one/two form may leave {{count}} out).',
      requestBody: jsonBody({
        type: 'object',
        required: ['resources', 'to'],
        properties: {
          resources: { type: 'object', description: 'the source bundle (nested keys)' },
          from: { type: 'string', default: 'ar' },
          to: { oneOf: [{ type: 'array', items: { type: 'string' } }, { type: 'string' }] },
          min: {
            type: 'integer',
            minimum: MIN_FLOOR,
            maximum: 100,
            default: 75,
            description: `lowest score, to 100 (keys have no neighbours: no 101); ${MIN_RANGE}`,
          },
          existing: {
            type: 'object',
            description:
              'existing bundles per target language: each draft is its bundle with the drafts written into it, ' +
              'every other value (empty objects and arrays, null, numbers, booleans) and its key order kept',
          },
          overwrite: { type: 'boolean', default: false },
          tm: { type: 'string' },
        },
      }),
      ok: {
        200: { description: 'drafts and report', content: { 'application/json': { schema: ref('I18nextDrafts') } } },
      },
      errors: [
        'INVALID_BODY',
        'BODY_TOO_LARGE',
        'UNSUPPORTED_MEDIA_TYPE',
        'INVALID_ENCODING',
        'FIELD_MISSING',
        'MIN_OUT_OF_RANGE',
        'UNSUPPORTED_LANGUAGE',
        'SAME_LANGUAGE',
        'UNKNOWN_TM',
      ],
    },
  },
};

const row = (band: boolean) => ({
  type: 'object',
  required: [...(band ? ['band'] : []), 'segments', 'words', 'characters'],
  properties: {
    ...(band && { band: { type: 'string', enum: BANDS } }),
    segments: count,
    words: count,
    characters: count,
  },
});
const JSON_KINDS = ['string', 'number', 'boolean', 'null', 'array', 'object'];
const placeables = {
  type: 'object',
  required: ['status', 'missing', 'extra'],
  properties: {
    status: { type: 'string', enum: ['ok', 'missing', 'extra', 'missing+extra'] },
    missing: { type: 'array', items: { type: 'string' } },
    extra: { type: 'array', items: { type: 'string' } },
  },
};

export const PRETRANSLATE_SCHEMAS: Record<string, object> = {
  Analysis: {
    type: 'object',
    required: ['src', 'tgt', 'rows', 'total'],
    properties: {
      src: ref('Lang'),
      tgt: ref('Lang'),
      targets: {
        type: 'array',
        items: ref('Lang'),
        description:
          'every target language, when the file’s <file> elements declare several (each looked up in its own)',
      },
      declaredSrc: {
        type: 'string',
        description: 'the source language the file declared, when its sources are in src',
      },
      rows: { type: 'array', items: row(true) },
      total: row(false),
    },
  },
  I18nextDrafts: {
    type: 'object',
    required: ['from', 'to', 'min', 'resources', 'report'],
    properties: {
      from: ref('Lang'),
      to: { type: 'array', items: ref('Lang') },
      min: { type: 'integer' },
      resources: { type: 'object', description: 'one bundle per target language' },
      report: {
        type: 'array',
        items: {
          type: 'object',
          required: ['lang', 'key', 'status'],
          properties: {
            lang: ref('Lang'),
            key: { type: 'string' },
            sourceKey: { type: 'string' },
            status: {
              type: 'string',
              enum: [
                'filled',
                'kept',
                'no-match',
                'unmappable',
                'placeables-missing',
                'no-source-form',
                'empty-source',
                'array-incomplete',
              ],
              description:
                'unmappable / placeables-missing: the best candidate would add placeables the source lacks / lose ' +
                "some of the source's; the key is left untranslated. empty-source: the source value is an empty " +
                'string (every source form, for a plural): nothing to translate, nothing written (copied in an ' +
                'array). array-incomplete: drafted but not written, since its array has untranslated elements: ' +
                'an array is written whole, at the source’s length, its non-string values copied, or not at all',
            },
            score: { type: 'integer', description: "the candidate's, less one point per placeable renamed" },
            tmScore: { type: 'integer', description: "the TM's score, when renaming lowered score" },
            unitId: { type: 'string' },
            adapted: {
              type: 'boolean',
              description:
                "the TM's source differs only in numbers: true if the value carries the source's numbers, false if " +
                "it keeps the TM's (score is then the fuzzy one)",
            },
            placeables,
            wasEmpty: { type: 'boolean' },
            derived: {
              type: 'boolean',
              description:
                'a cardinal plural form the source language lacks (Arabic zero/two/few/many from English), drafted ' +
                "from sourceKey, another category's form: its grammar is that form's, to check",
            },
            conflict: {
              type: 'object',
              required: ['path', 'existing', 'source'],
              description:
                'the existing bundle holds another shape on the way to the key (a string where the source has an ' +
                'object…): kept unfilled, or replaced with overwrite',
              properties: {
                path: { type: 'string' },
                existing: { type: 'string', enum: JSON_KINDS },
                source: { type: 'string', enum: JSON_KINDS },
              },
            },
            replaced: { type: 'boolean', description: 'with overwrite: the conflicting existing value was replaced' },
          },
        },
      },
    },
  },
};
