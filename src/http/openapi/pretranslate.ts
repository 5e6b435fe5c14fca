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
/** An empty delimiter is not given, as every empty parameter (routes/pretranslate.ts). */
const delimiter = (name: string, description: string) =>
  query(name, `${description}; up to 16 characters (longer: INVALID_DELIMITER); empty or absent: not given`, {
    type: 'string',
    maxLength: 16,
  });
const DELIMITER_PARAMETERS = [
  delimiter('interpolationPrefix', "i18next's interpolation.prefix, besides {{ and { (`__`, `%{`)"),
  delimiter('interpolationSuffix', "i18next's interpolation.suffix (`__`, `}`); a missing half is i18next's default"),
  delimiter('nestingPrefix', "i18next's nesting.prefix, besides $t( (not the interpolation prefix)"),
  delimiter('nestingSuffix', "i18next's nesting.suffix; a missing half is i18next's default"),
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
        'confirmed targets are left alone unless overwrite=1, and so is a 1.2 seg-source segment whose text ' +
        'mizan has no record of writing (alt-trans alttranstype="accepted" origin="mizan" with its mid), ' +
        "whatever the unit state: a text equal to a TM candidate is not taken for mizan's. " +
        'Same media type and encoding as the input; ' +
        'X-Mizan-Segments holds the count of segments per outcome as JSON: filled, placeables (filled, but the ' +
        "TM's target lacked some of the source's inline codes or placeholders: they were put in, the " +
        'segment marked for review with one point off per repair, a pair missing both halves as an empty pair at ' +
        'the end, or around the whole target when it wraps the whole source; ' +
        'or it had an inline code or a placeholder ' +
        'where the source has text or a number: that was put in its place), confirmed, no-match, unmappable ' +
        '(not filled: the best candidate ≥ min, and every other, has an inline code or a placeholder where the ' +
        'source has text that cannot be placed; not a draft that silently lacks it), empty. ' +
        'Units with translate="no" and the PO header (restype x-gettext-domain-header) are not segments. ' +
        'A 2.x file without trgLang gets it (required with targets); a 1.2 file gets no target-language. ' +
        'XLIFF version 1.0–1.2 and 2.0–2.2 only (else XLIFF_VERSION_UNSUPPORTED). Without src, a declared ' +
        'source language the sources are not written in (po2xliff declares en-US over Arabic) gives way to the ' +
        "sources' script (X-Mizan-Languages says so). A placeholder the TM's target lacks takes the place of the " +
        "number the TM's source had where the placeholder is (26→%d), else it is appended; a TM placeholder " +
        'the source lacks gives way to what the source has at its place: a number (%d→5), text (%s→الزر), or ' +
        'nothing (left out). Placeholders: printf (%s, %1$d, %(name)s; %% is a literal percent sign), i18next/ICU ' +
        '({{x}}, {x}, $t(key)) and template (${x}); all are placeables when matching, as inline codes are: no word ' +
        'in the score.',
      parameters: [
        ...xliffParameters,
        query(
          'min',
          'lowest score inserted or suggested, after one point off per repair (the score the file shows; 101: ' +
            'context matches, the neighbours taken within the same <file>), ' +
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
        "or format=text. A segment's band is that of the score pretranslation writes for it (one point off per " +
        'repair, the best of the same candidates): the similarity the pretranslated file shows. Inline codes ' +
        'and the placeholders matched as placeables (%s, %1$d, {{x}}, {x}, ${x}, $t(key); not %%) are neither ' +
        'words nor characters.',
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
        "A candidate's placeables ({{x}}, single-brace {x} and {x, number}, ${x} whole, $t(key), Trans tags, " +
        "the project's own delimiters given in interpolationPrefix/Suffix and nestingPrefix/Suffix, and a source " +
        "value's printf placeholders: %s, %1$s, %(name)s; %% is text) are mapped onto the source's " +
        "({{name}} in the TM written as the source's {{user}}); one of the TM's the source lacks gives way to the " +
        "source's text, number or nothing at its place. A draft never loses an interpolation, nesting or Trans " +
        'tag: one the candidate lacks is appended, as the XLIFF route appends it (status placeables-appended, ' +
        'the list in appended, one point off each; a zero/one/two form may leave {{count}} out). An ICU message ' +
        '(i18next-icu: a plural, select or selectordinal block) is drafted branch by branch and the block rebuilt ' +
        'with the target language’s plural categories, the text around a block moved into its branches; if a ' +
        'branch cannot be drafted the key is left out (icu-incomplete, icu-unsupported). The delimiters may come ' +
        'in the query string (percent-encoded) or the body, the query string first.',
      parameters: DELIMITER_PARAMETERS,
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
            description:
              'lowest score, to 100 (keys have no neighbours: no 101), of a draft after its repairs (a placeable ' +
              `appended, renamed or settled one point off each), as for XLIFF; ${MIN_RANGE}`,
          },
          existing: {
            type: 'object',
            description:
              'existing bundles per target language: each draft is its bundle with the drafts written into it, ' +
              'every other value (empty objects and arrays, null, numbers, booleans) and its key order kept',
          },
          overwrite: { type: 'boolean', default: false },
          tm: { type: 'string' },
          ...Object.fromEntries(DELIMITER_PARAMETERS.map((p) => [p.name, p.schema])),
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
        'INVALID_DELIMITER',
        'INVALID_PARAMETER',
        'UNSUPPORTED_LANGUAGE',
        'SAME_LANGUAGE',
        'UNKNOWN_TM',
      ],
    },
  },
};
