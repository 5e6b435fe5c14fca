/** Schemas of the answers shaped as other TM servers send them (amaGama, MyMemory): see schemas.ts. */
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
};
