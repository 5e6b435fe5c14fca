/**
 * JSON Schemas (OpenAPI 3.1 = JSON Schema 2020-12) of what the API sends and takes. Objects list the fields a client
 * may rely on as `required`; a later version may add fields, so clients must ignore unknown ones.
 */
import { langs, nullable, ref, span, texts } from './build';
import { PRETRANSLATE_SCHEMAS } from './pretranslate-schemas';
import { TM_SCHEMAS } from './tms-paths';
import { WIRE_SCHEMAS } from './wire-schemas';
import { DOCUMENT_SCHEMAS } from './document-schemas';

export const SCHEMAS: Record<string, object> = {
  ...TM_SCHEMAS,
  Lang: {
    type: 'string',
    enum: langs,
    description: 'ar, en or zh (BCP-47 and POSIX forms such as ar-EG are read as their language)',
  },
  Error: {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: { type: 'string', description: 'stable; clients branch on it' },
          message: { type: 'string', description: 'localized from Accept-Language (ar, en, zh)' },
          param: { type: 'string', description: 'the parameter or field at fault' },
        },
      },
    },
  },
  Penalty: {
    type: 'object',
    required: ['name', 'points'],
    properties: {
      name: {
        type: 'string',
        enum: [
          'width',
          'invisible',
          'diacritics',
          'letterforms',
          'digits',
          'script',
          'case',
          'punctuation',
          'whitespace',
          'numbers',
        ],
        description:
          'Why a match that is not identical still scores high. width: full-width or presentation forms (NFKC); ' +
          'invisible: format characters (ZWNJ, bidi marks); diacritics: Arabic tashkeel or tatweel; letterforms: ' +
          'alef, alef maqsura or ta marbuta shape; digits: Arabic-Indic vs ASCII digits; script: traditional vs ' +
          'simplified Chinese characters; case: letter case; punctuation: punctuation differs; whitespace: spacing ' +
          'differs; numbers: the texts differ only in numbers (points = 2 per number; every target adapted).',
      },
      points: { type: 'number', description: 'Points deducted from 100' },
    },
  },
  DiffSpan: {
    type: 'object',
    required: ['op', 'query', 'source', 'queryText', 'sourceText'],
    properties: {
      op: {
        type: 'string',
        enum: ['equal', 'insert', 'delete', 'replace', 'clitic'],
        description:
          'equal: the same words (once folded); clitic: the same word with other Arabic clitics or another English ' +
          'inflection (a quarter of an edit); replace: different words; insert: only in the query; delete: only in ' +
          'the matched source. Chinese changes come as runs: adjacent changed characters are one span.',
      },
      query: { ...span, description: '[start, end) in the query text' },
      source: { ...span, description: '[start, end) in the matched source text' },
      queryText: { type: 'string', description: 'The query text of the span' },
      sourceText: { type: 'string', description: 'The matched source text of the span' },
    },
  },
  Match: {
    type: 'object',
    required: ['unitId', 'score', 'source', 'targets', 'documentId', 'position', 'tm'],
    properties: {
      unitId: { type: 'string' },
      score: { type: 'integer', minimum: 0, maximum: 101 },
      source: {
        type: 'object',
        required: ['lang', 'text'],
        properties: { lang: ref('Lang'), text: { type: 'string' } },
      },
      targets: { ...texts([]), description: 'the requested languages the unit has' },
      documentId: nullable('string'),
      position: nullable('integer'),
      tm: { type: 'string' },
      adapted: {
        type: 'boolean',
        description:
          'the match differs only in numbers; true if every target carries the query numbers. When one keeps the ' +
          'stored numbers (not found in it, e.g. spelled out), the match scores as the fuzzy match it is, with no ' +
          '"numbers" penalty, and is left out below min',
      },
      adaptedTargets: {
        type: 'object',
        description:
          'present with adapted: per target, true if it carries the query numbers, false if it keeps the stored ones',
        properties: Object.fromEntries(langs.map((l) => [l, { type: 'boolean' }])),
      },
      originalTargets: { ...texts([]), description: 'the targets as stored, when one at least was adapted' },
      explain: {
        type: 'object',
        required: ['editDistance', 'penalties', 'diff'],
        properties: {
          editDistance: { type: 'number' },
          penalties: { type: 'array', items: ref('Penalty') },
          diff: { oneOf: [{ type: 'array', items: ref('DiffSpan') }, { type: 'null' }] },
        },
      },
    },
  },
  Matches: { type: 'object', required: ['matches'], properties: { matches: { type: 'array', items: ref('Match') } } },
  BatchResults: {
    type: 'object',
    required: ['results'],
    properties: { results: { type: 'array', items: { oneOf: [ref('Matches'), ref('Error')] } } },
  },
  ...WIRE_SCHEMAS,
  ConcordanceHit: {
    type: 'object',
    required: ['unitId', 'tm', 'ar', 'en', 'zh', 'documentId', 'position', 'highlights'],
    properties: {
      unitId: { type: 'string' },
      tm: { type: 'string' },
      ...texts([]).properties,
      documentId: nullable('string'),
      position: nullable('integer'),
      highlights: { type: 'array', items: span },
    },
  },
  Concordance: {
    type: 'object',
    required: ['hits', 'total', 'offset', 'limit'],
    properties: {
      hits: { type: 'array', items: ref('ConcordanceHit') },
      total: { type: 'integer', minimum: 0 },
      offset: { type: 'integer', minimum: 0 },
      limit: { type: 'integer', minimum: 1 },
    },
  },
  Unit: {
    type: 'object',
    required: ['unitId', 'tm', 'documentId', 'position', 'paragraph', 'ar', 'en', 'zh'],
    properties: {
      unitId: { type: 'string' },
      tm: { type: 'string' },
      documentId: nullable('string'),
      position: nullable('integer'),
      paragraph: nullable('integer'),
      ...texts([]).properties,
    },
  },
  UnitContext: {
    type: 'object',
    required: ['unit', 'before', 'after'],
    properties: {
      unit: ref('Unit'),
      before: { type: 'array', items: ref('Unit') },
      after: { type: 'array', items: ref('Unit') },
    },
  },
  ...DOCUMENT_SCHEMAS,
  Readiness: {
    type: 'object',
    required: ['status', 'redis', 'tmLoaded'],
    properties: {
      status: { type: 'string', enum: ['ready', 'unavailable'] },
      redis: { type: 'boolean' },
      tmLoaded: { type: 'boolean' },
      reason: {
        type: 'string',
        enum: ['redis-unreachable', 'redis-timeout', 'redis-loading', 'redis-busy', 'redis-auth', 'tm-empty'],
        description: 'why the service is not ready (absent when ready)',
      },
      detail: { type: 'string', description: 'the same for an operator: what failed and since when (English)' },
      maxmemoryPolicy: {
        type: 'string',
        description: "Redis's maxmemory-policy (absent when Redis refuses CONFIG); mizan needs noeviction",
      },
      warnings: {
        type: 'array',
        items: { type: 'string' },
        description: 'settings that do not stop the service but put data at risk, such as an evicting maxmemory-policy',
      },
      error: { $ref: '#/components/schemas/Error/properties/error' },
    },
  },
  ...PRETRANSLATE_SCHEMAS,
};
