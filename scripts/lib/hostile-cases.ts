/**
 * The requests of `npm run fuzz`: each an arbitrary of whole HTTP requests against one family of routes, with the
 * hostile values of hostile.ts in every place a client controls (query, path, headers, body, content type). Writes
 * name the TM `fuzz` (or a dressed-up variant of it) and carry the rig's write key, so the checksum of TM main must
 * not move; when the server requires keys for writes (`hostileWrites`), some also aim at main, without a key.
 */
import fc from 'fast-check';
import { adversarialTexts } from './adversarial-text';
import {
  BAD_UTF8,
  hostileId,
  hostileNumber,
  hostileObject,
  hostileString,
  mangleXml,
  multipart,
  tmVariants,
  TMX,
  withBadBytes,
  xmlMangle,
  XLIFF,
} from './hostile';
import type { RawRequest } from './raw-http';

export interface Case {
  kind: string;
  req: RawRequest;
}

const enc = (s: string) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '\ufffd'));
/** A value as it appears in a query string: encoded, raw (bytes as they are), or with bad percent-escapes. */
const queryValue = fc.oneof(
  hostileString.map(enc),
  hostileNumber.map(enc),
  fc.constantFrom('%FF', '%C0%80', '%ED%A0%80', '%E2%82', '%', '%G1', '%%', '%00', '%0D%0A', '+', 'a%2'),
  hostileString.map((s) =>
    Buffer.from(s.replace(/[\ud800-\udfff]/g, ''))
      .toString('latin1')
      .replace(/[\s#&]/g, '_'),
  ),
);
const PARAMS = ['q', 'src', 'tgt', 'min', 'limit', 'tm', 'explain', 'prev', 'next', 'lang', 'offset', 'format', 'n'];
const paramName = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...PARAMS) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', 'q[]', 'q[0]', 'q[toString]', 'tm[a]'),
  },
);
const queryString = fc
  .array(fc.tuple(paramName, queryValue), { maxLength: 8 })
  .map((pairs) => (pairs.length ? '?' + pairs.map(([k, v]) => `${k}=${v}`).join('&') : ''));

const READ_PATHS = [
  '/api/v1/match',
  '/api/v1/concordance',
  '/get',
  '/api/v1/documents',
  '/api/v1/tms',
  '/tmserver/languages/',
  '/readyz',
];

/** GETs with hostile query strings, ids, TM names and headers. */
function reads(): fc.Arbitrary<Case> {
  const withQuery = fc.tuple(fc.constantFrom(...READ_PATHS), queryString).map(([p, q]) => p + q);
  const withId = fc
    .tuple(
      fc.constantFrom('/api/v1/units/', '/api/v1/documents/', '/api/v1/jobs/', '/api/v1/tms/'),
      hostileId,
      fc.constantFrom('', '/context', '/units', '/export', '?format=tmx', '?format=html', '?tm='),
      fc.constantFrom(...tmVariants('main')).map(enc),
    )
    .map(
      ([base, id, tail, tm]) =>
        `${base}${id}${tail}${tail.endsWith('=') ? tm : `${tail.includes('?') ? '&' : '?'}tm=${tm}`}`,
    );
  const amagama = fc
    .tuple(fc.constantFrom('ar', 'en_GB', 'zh-TW', '%FF', 'x'.repeat(300), '..'), hostileString.map(enc))
    .map(([lang, text]) => `/tmserver/${lang}/en/unit/${text}`);
  const headers = fc.record({
    'Accept-Language': fc.oneof(
      hostileString.map((s) => s.replace(/[^\x20-\x7e]/g, '')),
      fc.constant('ar;q=NaN,*;q=-1'),
    ),
    Accept: fc.constantFrom(
      '*/*',
      'application/x-tmx+xml',
      'text/html',
      'application/json;q=0',
      '\u0000'.replace('\u0000', 'x'),
    ),
    'X-Request-Id': fc.constantFrom('ok-1', 'a b', 'x'.repeat(500), '\t'),
    'If-Match': fc.constantFrom('"rev-1"', '*', '"', 'W/"x"', '"rev-99999999999999999999"'),
  });
  return fc.tuple(fc.oneof(withQuery, withId, amagama), headers).map(([path, h]) => ({
    kind: 'read',
    req: { method: 'GET', path, headers: h },
  }));
}

const JSON_ROUTES: { method: string; path: string; fields: string[] }[] = [
  { method: 'POST', path: '/api/v1/match/batch', fields: ['queries'] },
  {
    method: 'POST',
    path: '/api/v1/pretranslate/i18next',
    fields: ['resources', 'to', 'from', 'min', 'existing', 'tm'],
  },
  { method: 'POST', path: '/api/v1/units', fields: ['ar', 'en', 'zh', 'tm'] },
  { method: 'POST', path: '/api/v1/documents', fields: ['title', 'ar', 'en', 'zh', 'meta', 'tm'] },
  { method: 'PATCH', path: '/api/v1/units/u680b568acb78611d0e8d?tm=fuzz', fields: ['ar', 'en', 'zh', 'tm'] },
  { method: 'PATCH', path: '/api/v1/documents/ace54e57cd73f9de/alignment?tm=fuzz', fields: ['ops', 'rev'] },
];
const JSON_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'application/json; charset=latin1',
];

/** JSON bodies: hostile shapes, truncated, bad bytes in a field, wrong content types. */
function jsonBodies(writeTm: string): fc.Arbitrary<Case> {
  const route = fc.constantFrom(...JSON_ROUTES);
  const queriesBody = fc
    .array(hostileObject(['q', 'src', 'tgt', 'min', 'limit', 'tm', 'prev', 'next', 'explain']), { maxLength: 4 })
    .map((qs) => `{"queries":[${qs.join(',')}]}`);
  return fc
    .tuple(
      route,
      fc.constantFrom('shape', 'queries', 'truncated', 'bad-bytes', 'not-json'),
      fc.nat(),
      fc.constantFrom(...JSON_TYPES),
    )
    .chain(([r, how, n, type]) =>
      fc.tuple(how === 'queries' ? queriesBody : hostileObject(r.fields), hostileString).map(([text, s]) => {
        // Writes go to the fuzz TM: a string `tm` is replaced, and one is put first where none is given.
        const replaced = text.replace(/"tm":"[^"]*"/g, `"tm":${JSON.stringify(writeTm)}`);
        const aimed =
          r.method === 'POST' && /units|documents/.test(r.path)
            ? replaced.replace(/^\{/, `{"tm":${JSON.stringify(writeTm)},`)
            : replaced;
        let body: Buffer;
        if (how === 'truncated') body = Buffer.from(aimed.slice(0, n % Math.max(1, aimed.length)));
        else if (how === 'bad-bytes')
          body = withBadBytes(`{"ar":"كلمة @@ ${s.length}","en":"@@","tm":"fuzz"}`, BAD_UTF8[n % BAD_UTF8.length]!);
        else if (how === 'not-json') body = Buffer.from(s);
        else body = Buffer.from(aimed);
        const contentType = n % 3 === 0 ? type : 'application/json';
        return {
          kind: `json-${how}`,
          req: { method: r.method, path: r.path, headers: { 'Content-Type': contentType }, body },
        };
      }),
    );
}

/** Multipart documents and XLIFF/TMX uploads, broken in every part. */
function multiparts(writeTm: string): fc.Arbitrary<Case> {
  const data = fc.oneof(
    hostileString.map((s) => Buffer.from(s)),
    fc.tuple(hostileString, fc.constantFrom(...BAD_UTF8)).map(([s, b]) => withBadBytes(`${s}@@كلمة.`, b)),
    fc.constant(Buffer.from('\ufeffوقد توصل الجانبان إلى توافق واسع.', 'utf16le')),
  );
  const part = fc.record({
    name: fc.constantFrom('ar', 'en', 'zh', 'file', 'tm', 'meta', '', '"', 'ar"; filename="x'),
    filename: fc.option(fc.constantFrom('a.txt', '../../x', 'x'.repeat(500), 'كلمة.xlf', '\u202etxt.exe'), {
      nil: undefined,
    }),
    type: fc.option(fc.constantFrom('text/plain', 'application/xliff+xml', 'text/plain; charset=utf-16', 'x/y'), {
      nil: undefined,
    }),
    data,
  });
  return fc
    .tuple(
      fc.constantFrom(
        `/api/v1/documents?tm=${encodeURIComponent(writeTm)}`,
        '/api/v1/analyze',
        '/api/v1/pretranslate?tgt=en',
        `/api/v1/tms/${encodeURIComponent(writeTm)}/imports`,
      ),
      fc.array(part, { minLength: 1, maxLength: 5 }),
      fc.constantFrom('none', 'unclosed', 'cut', 'liar'),
      fc.constantFrom('b0undary', 'x'.repeat(70), '----WebKitFormBoundary7MA4YWxkTrZu0gW'),
    )
    .map(([path, parts, mangle, boundary]) => {
      const { body, type } = multipart(parts, boundary, mangle as 'none');
      return { kind: `multipart-${mangle}`, req: { method: 'POST', path, headers: { 'Content-Type': type }, body } };
    });
}

/** Raw TMX imports and XLIFF pretranslation/analysis, mangled. */
function xml(writeTm: string): fc.Arbitrary<Case> {
  return fc
    .tuple(
      fc.boolean(),
      xmlMangle,
      hostileString,
      fc.constantFrom(
        'application/x-tmx+xml',
        'application/xml',
        'text/xml',
        'application/octet-stream',
        'application/json',
        'text/plain',
      ),
    )
    .map(([tmx, how, text, type]) => {
      const clean = text.replace(/[<&\ud800-\udfff]/g, '') || 'كلمة';
      const body = mangleXml(tmx ? TMX : XLIFF, how, clean);
      const path = tmx
        ? `/api/v1/tms/${encodeURIComponent(writeTm)}/imports`
        : `/api/v1/${how.length % 2 ? 'analyze' : 'pretranslate'}?tgt=en`;
      return {
        kind: `${tmx ? 'tmx' : 'xliff'}-${how}`,
        req: { method: 'POST', path, headers: { 'Content-Type': type }, body },
      };
    });
}

/** Deletes and writes with injected ids and TM names. */
function injections(writeTms: readonly string[]): fc.Arbitrary<Case> {
  return fc
    .tuple(
      fc.constantFrom('DELETE', 'PATCH'),
      fc.constantFrom('/api/v1/units/', '/api/v1/documents/', '/api/v1/jobs/'),
      hostileId,
      fc.constantFrom(...writeTms),
    )
    .map(([method, base, id, tm]) => ({
      kind: 'injection',
      req: {
        method,
        path: `${base}${id}?tm=${enc(tm)}`,
        headers: { 'Content-Type': 'application/json' },
        ...(method === 'PATCH' ? { body: Buffer.from(`{"en":"x","tm":${JSON.stringify(tm)}}`) } : {}),
      },
    }));
}

/** Fixed heavy shapes: adversarial segmentation texts, deep, wide and huge bodies (a few of each). */
export function heavyCases(writeTm: string): Case[] {
  const doc = (ar: string, kind: string): Case => ({
    kind,
    req: {
      method: 'POST',
      path: '/api/v1/documents',
      headers: { 'Content-Type': 'application/json' },
      body: Buffer.from(JSON.stringify({ ar, tm: writeTm })),
    },
  });
  const cases: Case[] = [
    doc('كلمة ' + '.'.repeat(24_000), 'segmentation-dots'),
    doc(`a${' '.repeat(64_000)}b`, 'segmentation-spaces'),
  ];
  for (const [name, text] of Object.entries(adversarialTexts(20_000))) cases.push(doc(text, `segmentation-${name}`));
  const post = (path: string, body: string, kind: string): Case => ({
    kind,
    req: { method: 'POST', path, headers: { 'Content-Type': 'application/json' }, body: Buffer.from(body) },
  });
  for (const depth of [10_000, 100_000]) {
    const deep = '['.repeat(depth) + ']'.repeat(depth);
    cases.push(post('/api/v1/match/batch', `{"queries":[{"q":"x","tgt":${deep}}]}`, 'deep-field'));
    cases.push(post('/api/v1/units', deep, 'deep-body'));
  }
  const wide = `{${Array.from({ length: 100_000 }, (_, i) => `"k${i}":${i}`).join(',')}}`;
  cases.push(
    post('/api/v1/units', wide, 'wide-object'),
    post('/api/v1/match/batch', `{"queries":[${'{"q":"كلمة"},'.repeat(499)}{"q":"x"}]}`, 'wide-batch'),
  );
  cases.push(post('/api/v1/match/batch', JSON.stringify({ queries: [{ q: 'ا'.repeat(3_000_000) }] }), 'huge-string'));
  cases.push(post('/api/v1/units', JSON.stringify({ ar: 'كلمة '.repeat(2_000_000), tm: writeTm }), 'huge-body'));
  const q = encodeURIComponent('كلمة '.repeat(400));
  cases.push({
    kind: 'min-0-long-query',
    req: { method: 'GET', path: `/api/v1/match?q=${q}&min=0&limit=50`, headers: {} },
  });
  cases.push({
    kind: 'huge-header',
    req: { method: 'GET', path: '/healthz', headers: { 'X-Junk': 'x'.repeat(100_000) } },
  });
  return cases;
}

/** Slow and truncated bodies: the server must not wait on them with the others. */
export function slowCases(writeTm: string): Case[] {
  const body = Buffer.from(JSON.stringify({ ar: 'وقد توصل الجانبان إلى توافق واسع.', tm: writeTm }));
  const req = (extra: Partial<RawRequest>): RawRequest => ({
    method: 'POST',
    path: '/api/v1/units',
    headers: { 'Content-Type': 'application/json' },
    body,
    ...extra,
  });
  return [
    ...Array.from({ length: 5 }, () => ({ kind: 'slow-body', req: req({ slow: { pieces: 20, pauseMs: 150 } }) })),
    ...Array.from({ length: 5 }, (_, i) => ({ kind: 'truncated-body', req: req({ truncateAt: 5 + i * 7 }) })),
  ];
}

/** The case with a bearer key, so that it reaches the parsers and validators behind the access check. */
export const keyed =
  (key: string | undefined) =>
  (c: Case): Case =>
    key
      ? {
          ...c,
          kind: `${c.kind}+key`,
          req: { ...c.req, headers: { ...c.req.headers, authorization: `Bearer ${key}` } },
        }
      : c;

/**
 * `count` generated cases (reproducible from `seed`). Hostile writes with `writeKey` name only TM fuzz and its
 * dressed-up variants (TM main's checksum must not move); when the server requires keys (`hostileWrites`), a share
 * of them also aims at main without a key (the access check must stop them all).
 */
export function generateCases(count: number, seed: number, hostileWrites: boolean, writeKey?: string): Case[] {
  const fuzzTms = [...tmVariants('fuzz'), 'fuzz'];
  const mainTms = [...tmVariants('main'), 'main'];
  const sign = keyed(writeKey);
  const writes = (tms: string[], weight: number, auth: (c: Case) => Case) => {
    const tm = fc.constantFrom(...tms);
    return [
      { weight: 3 * weight, arbitrary: tm.chain((t) => jsonBodies(t)).map(auth) },
      { weight: 2 * weight, arbitrary: tm.chain((t) => multiparts(t)).map(auth) },
      { weight: 2 * weight, arbitrary: tm.chain((t) => xml(t)).map(auth) },
      { weight: weight, arbitrary: injections(tms).map(auth) },
    ];
  };
  const arbitrary = fc.oneof(
    { weight: 8, arbitrary: reads() },
    ...writes(fuzzTms, 2, sign),
    ...(hostileWrites ? writes([...mainTms, ...fuzzTms], 1, (c) => c) : []),
  );
  return fc.sample(arbitrary, { numRuns: count, seed });
}
