/** OpenAPI schemas of the pretranslation answers (src/http/openapi/pretranslate.ts names them). */
import { ref } from './build';

const count = { type: 'integer', minimum: 0 };
const BANDS = ['repetition', '101', '100', '95-99', '85-94', '75-84', '50-74', 'no-match'];
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
const codeText = {
  type: 'array',
  items: { type: 'string' },
  description:
    "the source's text (or number) written where the TM's unit had an inline code, a printf placeholder or a " +
    'placeable the source lacks (the name `__name__` against a code for it, «الزر» against `%s` or ' +
    '`{{button}}`), one point off each',
};

const appended = {
  type: 'array',
  items: { type: 'string' },
  description:
    "the source's placeables the TM's target lacked, put into the draft (placeables-appended): at its end, after a " +
    'space (a Trans pair as an empty pair, or around the whole draft when it wraps the whole source; a start tag ' +
    'whose end the draft has at its start), one point off each. ' +
    'Their place is to check. For an ICU message, every branch’s ({{#}} stands for #)',
};

const icu = {
  type: 'object',
  description: 'an ICU message: each branch drafted, or why the message was not',
  properties: {
    reason: {
      type: 'string',
      enum: ['invalid-syntax', 'too-many-branches', 'number-moved', 'plural-key', 'draft-invalid'],
      description:
        'invalid-syntax: the source is no valid ICU message; too-many-branches: over 64 sentences once the text ' +
        'around blocks is moved into their branches; number-moved: a # would move into a nested block; ' +
        'plural-key: an ICU message under a _one/_other key; draft-invalid: the draft did not read back as built',
    },
    branches: {
      type: 'array',
      items: {
        type: 'object',
        required: ['branch', 'status'],
        properties: {
          branch: { type: 'string', description: 'arg=key steps from the outermost block (gender=female/count=one)' },
          sourceBranch: { type: 'string', description: 'the source branch drafted from (count=many for count=other)' },
          status: {
            type: 'string',
            enum: [
              'filled',
              'placeables-appended',
              'no-match',
              'unmappable',
              'placeables-missing',
              'no-source-form',
              'empty-source',
            ],
          },
          score: { type: 'integer' },
          tmScore: { type: 'integer' },
          unitId: { type: 'string' },
          codeText,
          appended,
          placeables,
        },
      },
    },
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
                'placeables-appended',
                'kept',
                'no-match',
                'unmappable',
                'placeables-missing',
                'no-source-form',
                'empty-source',
                'array-incomplete',
                'icu-incomplete',
                'icu-unsupported',
              ],
              description:
                "placeables-appended: written, with the source's placeables the TM's target lacked appended " +
                '(appended names them): a reviewer puts each where it belongs. unmappable: the best candidate has ' +
                "placeables, an inline code or a printf placeholder the source lacks whose place in the source's " +
                'text cannot be told; placeables-missing: it lacks Trans tags that cannot be put back where the ' +
                'tags nest; either way the key is left untranslated. empty-source: the source value is an empty ' +
                'string (every source form, for a plural): nothing to translate, nothing written (copied in an ' +
                'array). array-incomplete: drafted but not written, since its array has untranslated elements: ' +
                'an array is written whole, at the source’s length, its non-string values copied, or not at all. ' +
                'icu-incomplete: an ICU message one of whose branches could not be drafted (icu.branches says ' +
                'which): nothing of it written. icu-unsupported: an ICU message not drafted (icu.reason)',
            },
            score: {
              type: 'integer',
              description:
                "the candidate's, less one point per placeable renamed, appended or settled, number replaced or " +
                'text put in; never below min (a candidate these repairs take below it is not written)',
            },
            tmScore: { type: 'integer', description: "the TM's score, when these repairs lowered score" },
            unitId: { type: 'string' },
            codeText,
            appended,
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
            icu,
          },
        },
      },
    },
  },
};
