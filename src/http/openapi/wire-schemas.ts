/**
 * Schemas of the answers shaped as other TM servers send them (amaGama, MyMemory): see schemas.ts; and the headers and
 * media types of amaGama's answers (paths.ts).
 */

/** The headers of amaGama's 200 answers. */
export const AMAGAMA_HEADERS = {
  'Cache-Control': {
    description:
      'as amaGama sends it, max-age=3600, public, when reads are open and the request carries no key; else private, ' +
      'max-age=3600 (with Vary: Authorization): a shared cache must not hand a keyed answer to another client',
    schema: { type: 'string', enum: ['max-age=3600, public', 'private, max-age=3600'] },
  },
};

/** amaGama's answer as JSONP (with `jsoncallback`): the JSON as the script `name(json);` after an empty comment. */
export const JSONP = {
  'application/javascript': {
    schema: { type: 'string', pattern: '^/\\*\\*/[A-Za-z_$][\\w$.\\[\\]]{0,63}\\(.*\\);$' },
  },
};

export const WIRE_SCHEMAS: Record<string, object> = {
  AmagamaSuggestions: {
    type: 'array',
    description: 'amaGama/tmserver answer, sorted by quality, best first; quality and rank written as floats (100.0)',
    items: {
      type: 'object',
      required: ['quality', 'rank', 'source', 'target'],
      properties: {
        quality: { type: 'number', minimum: 0, maximum: 101 },
        rank: { type: 'number' },
        source: { type: 'string' },
        target: { type: 'string' },
      },
    },
  },
  AmagamaLanguages: {
    type: 'object',
    required: ['sourceLanguages', 'targetLanguages'],
    properties: {
      sourceLanguages: { type: 'array', items: { type: 'string' } },
      targetLanguages: { type: 'array', items: { type: 'string' } },
    },
  },
  MyMemoryAnswer: {
    type: 'object',
    required: ['responseData', 'responseStatus', 'responseDetails', 'matches'],
    properties: {
      responseData: {
        type: 'object',
        required: ['translatedText', 'match'],
        properties: { translatedText: { type: 'string' }, match: { type: 'number', minimum: 0, maximum: 1 } },
      },
      quotaFinished: { type: 'boolean' },
      mtLangSupported: { type: 'null' },
      responseDetails: { type: 'string' },
      responseStatus: { type: 'integer' },
      responderId: { type: 'null' },
      exception_code: { type: 'null' },
      matches: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'segment', 'translation', 'source', 'target', 'quality', 'match'],
          properties: {
            id: { type: 'string' },
            segment: { type: 'string' },
            translation: { type: 'string' },
            source: { type: 'string' },
            target: { type: 'string' },
            quality: { type: 'string' },
            reference: { type: 'null' },
            'usage-count': { type: 'integer' },
            subject: { type: 'string' },
            'created-by': { type: 'string' },
            'last-updated-by': { type: 'string' },
            'create-date': { type: 'string' },
            'last-update-date': { type: 'string' },
            match: { type: 'number', minimum: 0, maximum: 1 },
          },
        },
      },
    },
  },
  MyMemoryError: {
    type: 'object',
    description:
      "a client error on /get: beside the usual error object, MyMemory's fields with responseStatus 403 and the " +
      'message in responseDetails (never in translatedText)',
    required: ['responseData', 'responseStatus', 'responseDetails', 'matches', 'error'],
    properties: {
      responseData: {
        type: 'object',
        required: ['translatedText', 'match'],
        properties: { translatedText: { const: '' }, match: { const: 0 } },
      },
      quotaFinished: { const: false },
      mtLangSupported: { type: 'null' },
      responseDetails: { type: 'string', minLength: 1 },
      responseStatus: { const: 403 },
      responderId: { type: 'null' },
      exception_code: { type: 'null' },
      matches: { type: 'array', maxItems: 0 },
      error: { type: 'object', description: 'the usual error object (Error)' },
    },
  },
};
