/**
 * The routes as OpenAPI path items. Each operation names the error codes it can answer; `document.ts` turns the codes
 * into responses by their status. Keep this file in step with src/http/routes: a test lists the app's routes and
 * fails on any that is not described here, and the integration tests check every response against it.
 */
import {
  BODY_ERRORS,
  json,
  jsonBody,
  MIN_FLOOR,
  MIN_RANGE,
  path,
  query,
  tmQuery as tm,
  type Code,
  type Operation,
} from './build';
import { PRETRANSLATE_PATHS } from './pretranslate';
import { TM_PATHS } from './tms-paths';
import { ACCESS_PATHS } from './access';
import { UNIT_PATHS } from './unit-paths';
import { DOCUMENT_PATHS } from './document-paths';
import { AMAGAMA_HEADERS, JSONP } from './wire-schemas';

/**
 * Codes any route can answer: an unreadable request, a request line and headers over 64 KB (431, before any route:
 * send a long query by POST), a request the HTTP parser cannot read (400 MALFORMED_REQUEST) or does not receive in
 * time (408 REQUEST_TIMEOUT), Redis away, a bug; ROUTE_NOT_FOUND answers undescribed paths.
 */
export const COMMON_ERRORS: Code[] = [
  'INVALID_PARAMETER',
  'HEADERS_TOO_LARGE',
  'MALFORMED_REQUEST',
  'REQUEST_TIMEOUT',
  'STORE_UNAVAILABLE',
  'STORE_OUT_OF_MEMORY',
  'INTERNAL',
  'METHOD_NOT_ALLOWED',
];
const MATCH_ERRORS: Code[] = [
  'QUERY_MISSING',
  'QUERY_TOO_LONG',
  'QUERY_EMPTY',
  'UNSUPPORTED_LANGUAGE',
  'SAME_LANGUAGE',
  'MIN_OUT_OF_RANGE',
  'LIMIT_OUT_OF_RANGE',
  'UNKNOWN_TM',
];
const matchParameters = [
  query('q', 'the segment to match (≤ MIZAN_MAX_QUERY_CHARS characters)', { type: 'string' }, true),
  query('src', 'language of q (BCP 47 or POSIX: ar, ar-EG, en_GB, zh-Hans)', { type: 'string', default: 'ar' }),
  query('tgt', 'languages wanted, comma-separated (default: the two others); a unit lacking one leaves it out'),
  query('min', `lowest score returned, ${MIN_RANGE}`, {
    type: 'integer',
    minimum: MIN_FLOOR,
    maximum: 101,
    default: 70,
  }),
  query('limit', 'most matches returned', { type: 'integer', minimum: 1, default: 5 }),
  tm,
  query('explain', '1 adds the edit distance, penalties and diff spans; 0, empty or absent: without', {
    type: 'string',
    enum: ['0', '1'],
  }),
  query('prev', 'the previous segment of the translated document (101 context matches)'),
  query('next', 'the next segment of the translated document'),
];
/** An empty explain counts as absent, as every empty parameter (params.ts, flag). */
const EXPLAIN = 'true/1 adds the edit distance, penalties and diff spans; false/0, "" or absent: without';
/** What MyMemory clients (OmegaT, Okapi, Weblate) send beside q and langpair; mizan answers the same without them. */
const MYMEMORY_IGNORED: [string, string][] = [
  ['mt', 'machine translation wanted (mizan has none)'],
  ['key', 'a MyMemory key (mizan reads keys from Authorization)'],
  ['de', "the client's e-mail address"],
  ['of', 'the output format (always JSON)'],
  ['onlyprivate', "only the key's private TM (mizan answers from the default TM)"],
  ['numres', 'the number of matches wanted (mizan answers up to 5)'],
  ['ip', "the end user's address"],
];
const anyJson = { 'application/json': { schema: { type: 'object' } } };
const stringOrList = { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 1 }] };
/** One query of a batch: GET /api/v1/match's parameters as JSON (each item is read apart: see the description). */
const BATCH_ITEM = {
  type: 'object',
  required: ['q'],
  properties: {
    q: { type: 'string', minLength: 1, description: 'the segment to match' },
    src: { type: 'string', default: 'ar', description: 'language of q (ar, en_GB, zh-Hans, …)' },
    tgt: { ...stringOrList, description: 'languages wanted: ["en","zh"] or "en,zh" (default: the two others)' },
    min: { type: 'integer', minimum: MIN_FLOOR, maximum: 101, default: 70, description: `lowest score, ${MIN_RANGE}` },
    limit: { type: 'integer', minimum: 1, default: 5 },
    tm: { ...stringOrList, description: 'TMs by priority: ["legal","main"] or "legal,main"' },
    explain: { oneOf: [{ type: 'boolean' }, { enum: [0, 1, '0', '1'] }], default: false, description: EXPLAIN },
    prev: { type: 'string', description: 'the previous segment (101 context matches)' },
    next: { type: 'string', description: 'the next segment' },
  },
};

const AMAGAMA_OK = (what: string, schema: string) => ({
  200: { description: what, headers: AMAGAMA_HEADERS, content: { ...json(schema), ...JSONP } },
});
const jsoncallback = query(
  'jsoncallback',
  'JSONP, as Pootle loads amaGama: the answer as the script name(json); (letters, digits, _ $ . [ ], ≤ 64 ' +
    'characters, else 400 INVALID_PARAMETER). Errors are never wrapped.',
);
const amagamaUnit = (source: 'path' | 'query'): Operation => ({
  summary: 'amaGama/tmserver suggestions: [{quality, rank, source, target}] sorted best first, numbers as floats',
  description:
    'For Weblate, Okapi, Virtaal and Pootle; parameters read as amaGama (Flask) reads them, the first of a ' +
    'repeated one. Codes like en_GB; min_similarity = max(given or 70, 70) (above 100: []), max_candidates = ' +
    'min(given or 5, 30) (negative: all but the last -n); Cache-Control: max-age=3600, public (private, ' +
    'max-age=3600 and Vary: Authorization when the request carries a key or reads need one). 404 for a source ' +
    'language not served, src = tgt or no text, as amaGama; a target not served (fr, zh_TW, zh_Hant) has no ' +
    'suggestions: [].',
  parameters: [
    path('src', 'source language (ar, en_GB, zh_CN, …)'),
    path('tgt', 'target language'),
    ...(source === 'path'
      ? [path('text', 'the text, percent-encoded (%2F for a slash)')]
      : [query('source', 'the text', { type: 'string' }, true)]),
    query('min_similarity', 'lowest quality (at least 70)', { type: 'string' }),
    query('max_candidates', 'most suggestions (at most 30)', { type: 'string' }),
    jsoncallback,
  ],
  ok: AMAGAMA_OK('suggestions', 'AmagamaSuggestions'),
  errors: [],
  notFound: ['UNSUPPORTED_LANGUAGE', 'SAME_LANGUAGE', 'QUERY_MISSING'],
});
const amagamaLanguages: Operation = {
  summary: 'amaGama/tmserver: the languages served, as Weblate pairs them (zh_hans, zh_cn, zh_sg; no bare zh)',
  parameters: [jsoncallback],
  ok: AMAGAMA_OK('languages', 'AmagamaLanguages'),
  errors: [],
};
const AMAGAMA_PATHS: Record<string, Record<string, Operation>> = Object.fromEntries(
  ['/tmserver', '/api/v1'].flatMap((prefix) => [
    [`${prefix}/languages/`, { get: amagamaLanguages }],
    [`${prefix}/{src}/{tgt}/unit/{text}`, { get: amagamaUnit('path') }],
    [`${prefix}/{src}/{tgt}/unit/`, { get: amagamaUnit('query') }],
  ]),
);

export const PATHS: Record<string, Record<string, Operation>> = {
  '/': {
    get: {
      summary: 'The web UI: an HTML page that uses this API (its scripts and styles are under /ui/)',
      description: 'A 404 when the page was not built (npm run build writes it to MIZAN_WEB_DIR).',
      ok: {
        200: { description: 'the page', content: { 'text/html': { schema: { type: 'string' } } } },
        304: { description: 'the page is unchanged since the If-None-Match / If-Modified-Since given' },
      },
      errors: [],
      notFound: ['ROUTE_NOT_FOUND'],
    },
  },
  '/healthz': {
    get: {
      summary: 'The process answers',
      ok: { 200: { description: 'alive', content: anyJson } },
      errors: [],
    },
  },
  '/readyz': {
    get: {
      summary: 'Redis answers and the default TM holds documents',
      ok: { 200: { description: 'ready', content: json('Readiness') } },
      errors: ['NOT_READY'],
    },
  },
  '/metrics': {
    get: {
      summary: 'Prometheus metrics (when MIZAN_METRICS is open, or key with the bearer token)',
      ok: { 200: { description: 'text exposition format', content: { 'text/plain': { schema: { type: 'string' } } } } },
      errors: ['ROUTE_NOT_FOUND'],
    },
  },
  '/openapi.json': {
    get: {
      summary: 'This description',
      ok: { 200: { description: 'OpenAPI 3.1', content: anyJson } },
      errors: [],
    },
  },
  '/api/v1/match': {
    get: {
      summary: 'Fuzzy matches of one segment, best first',
      parameters: matchParameters,
      ok: { 200: { description: 'matches', content: json('Matches') } },
      errors: MATCH_ERRORS,
    },
  },
  '/api/v1/match/batch': {
    post: {
      summary: 'Several queries in one request, answered in order',
      description:
        'Each slot holds its matches or its own error object ({"error":{code,message,param}}, param such as ' +
        '"queries[1].q"), and the answer is 200 when the batch itself is well-formed; a malformed batch as a whole ' +
        '(no queries array, too many queries or characters, an unreadable body) is a 400. A batch may spend ' +
        'MIZAN_BATCH_BUDGET_MS of matching: the queries left then hold BATCH_BUDGET_EXCEEDED (send them again); a ' +
        'batch whose client disconnects stops. min below MIZAN_MIN_FLOOR is a MIN_OUT_OF_RANGE in its slot.',
      requestBody: jsonBody({
        type: 'object',
        required: ['queries'],
        properties: { queries: { type: 'array', items: BATCH_ITEM, minItems: 1, maxItems: 500 } },
      }),
      ok: { 200: { description: 'one result per query', content: json('BatchResults') } },
      errors: [...BODY_ERRORS, 'FIELD_MISSING', 'BATCH_TOO_LARGE', 'BATCH_TEXT_TOO_LONG', 'BATCH_BUDGET_EXCEEDED'],
    },
  },
  '/api/v1/concordance': {
    get: {
      summary: 'Units whose text contains a phrase, with highlight spans',
      parameters: [
        query('q', 'the phrase', { type: 'string' }, true),
        query('lang', 'language of the phrase', { type: 'string', default: 'ar' }),
        tm,
        query('offset', 'hits to skip', { type: 'integer', minimum: 0, default: 0 }),
        query('limit', 'hits per page', { type: 'integer', minimum: 1, default: 20 }),
      ],
      ok: { 200: { description: 'a page of hits', content: json('Concordance') } },
      errors: [
        'QUERY_MISSING',
        'QUERY_TOO_LONG',
        'QUERY_EMPTY',
        'UNSUPPORTED_LANGUAGE',
        'LIMIT_OUT_OF_RANGE',
        'UNKNOWN_TM',
      ],
    },
  },
  ...DOCUMENT_PATHS,
  ...UNIT_PATHS,
  ...PRETRANSLATE_PATHS,
  ...AMAGAMA_PATHS,
  '/get': {
    get: {
      summary: 'MyMemory-shaped lookup: best translation and matches of q',
      description:
        'For scripts and plugins that parse MyMemory answers. A client error is answered with its status, the ' +
        'usual error object, and the MyMemory fields with responseStatus 403 (its message in responseDetails, ' +
        'translatedText "", no matches); errors of the access layer and the server are the usual error object.',
      parameters: [
        query('q', 'the segment to translate', { type: 'string' }, true),
        query('langpair', 'source|target, e.g. ar|en or ar-SA|en-GB', { type: 'string' }, true),
        ...MYMEMORY_IGNORED.map(([name, what]) => query(name, `${what}: accepted and ignored`)),
      ],
      ok: { 200: { description: 'MyMemory response object', content: json('MyMemoryAnswer') } },
      errors: ['QUERY_MISSING', 'QUERY_TOO_LONG', 'FIELD_MISSING', 'UNSUPPORTED_LANGUAGE', 'SAME_LANGUAGE'],
      errorBodies: { 400: 'MyMemoryError' },
    },
  },
  ...(TM_PATHS as unknown as Record<string, Record<string, Operation>>),
  ...ACCESS_PATHS,
};
