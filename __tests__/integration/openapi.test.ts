import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Express } from 'express';
import request from 'supertest';
import { loadConfig, silentLogger } from '../../src/config';
import { ErrorCode } from '../../src/errors';
import { createApp } from '../../src/http/app';
import { Metrics } from '../../src/http/metrics';
import { openApiDocument } from '../../src/http/openapi/document';
import { COMMON_ERRORS, PATHS } from '../../src/http/openapi/paths';
import { IDEMPOTENCY_ERRORS } from '../../src/http/openapi/idempotency';
import { createTranslator } from '../../src/i18n';
import { createTestContext, type TestContext } from '../helpers/context';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

/** Codes no route answers (yet): each with the reason. */
const NOT_OVER_HTTP: Partial<Record<keyof typeof ErrorCode, string>> = {
  // A TMX is read after its import's 202: these end the job, in its `error` (the Job schema says so), not an answer.
  TMX_INVALID: "an import job's error only (GET /api/v1/jobs/{id})",
  TMX_NO_ARABIC: "an import job's error only (GET /api/v1/jobs/{id})",
  IMPORT_STAGING_LOST: "an import job's error only (GET /api/v1/jobs/{id})",
  IMPORT_COMMIT_INCOMPLETE: "an import job's error only (GET /api/v1/jobs/{id})",
  // A DELETE of an abandoned job makes it failed and answers JOB_NOT_CANCELLABLE (service/imports.ts, cancel).
  IMPORT_ABANDONED: "an import job's error only (GET /api/v1/jobs/{id})",
};

/** Every route the app serves, as OpenAPI path templates with their methods. */
function servedRoutes(app: Express): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  type Layer = { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } };
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        const template = layer.route.path.replace(/:(\w+)/g, '{$1}');
        const methods = Object.keys(layer.route.methods).filter((m) => m !== '_all' && m !== 'head');
        out.set(template, new Set([...(out.get(template) ?? []), ...methods]));
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return out;
}

describe('the OpenAPI description', () => {
  it('is a valid OpenAPI 3.1 document whose schemas compile', () => {
    const schemaFile = path.join(
      path.dirname(require.resolve('@seriousme/openapi-schema-validator/package.json')),
      'schemas/v3.1/schema.json',
    );
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')));
    const doc = openApiDocument('test');
    expect(validate.errors ?? []).toEqual([]);
    expect(validate(doc)).toBe(true);
    // The body schemas themselves, strictly (an unknown keyword or a bad $ref fails here).
    const strict = new Ajv2020({ strict: true, allErrors: true });
    addFormats(strict);
    strict.addFormat('binary', true);
    strict.addKeyword('example');
    const defs = JSON.parse(
      JSON.stringify((doc.components as { schemas: object }).schemas).replaceAll(
        '#/components/schemas/',
        'doc#/$defs/',
      ),
    ) as Record<string, object>;
    strict.addSchema({ $id: 'doc', $defs: defs });
    for (const name of Object.keys(defs)) expect(() => strict.compile({ $ref: `doc#/$defs/${name}` })).not.toThrow();
  });

  it('is served at /openapi.json', async () => {
    const res = await request(ctx.app)
      .get('/openapi.json')
      .expect(200)
      .expect('Content-Type', /application\/json/);
    expect(res.body).toEqual(openApiDocument('test'));
  });

  it('describes every route and method the app serves, and nothing it does not', async () => {
    const config = loadConfig({}, { metrics: 'open' }); // every route there is, /metrics too
    const metrics = new Metrics();
    const app = createApp({
      tm: ctx.tm,
      translator: await createTranslator(),
      config,
      logger: silentLogger,
      version: 't',
      metrics,
    });
    metrics.close();
    const served = servedRoutes(app);
    const described = new Map(Object.entries(PATHS).map(([p, methods]) => [p, new Set(Object.keys(methods))]));
    expect([...served.keys()].sort()).toEqual([...described.keys()].sort());
    for (const [template, methods] of served) expect([...methods].sort()).toEqual([...described.get(template)!].sort());
  });

  it('names every error code some route answers', () => {
    const named = new Set([
      ...COMMON_ERRORS,
      ...IDEMPOTENCY_ERRORS, // added to the writes that take an Idempotency-Key (openapi/idempotency.ts)
      'ROUTE_NOT_FOUND',
      ...Object.values(PATHS).flatMap((methods) => Object.values(methods).flatMap((op) => op.errors)),
    ]);
    const unnamed = Object.keys(ErrorCode).filter(
      (code) => !named.has(code as keyof typeof ErrorCode) && !(code in NOT_OVER_HTTP),
    );
    expect(unnamed).toEqual([]);
  });

  it('describes the parameters the routes take: tm on POST /api/v1/units, what MyMemory clients send to /get', () => {
    const doc = openApiDocument('test') as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
    };
    const names = (path: string, method: string) => (doc.paths[path]![method]!.parameters ?? []).map((p) => p.name);
    expect(names('/api/v1/units', 'post')).toContain('tm');
    expect(names('/get', 'get')).toEqual(
      expect.arrayContaining(['q', 'langpair', 'mt', 'key', 'de', 'of', 'onlyprivate', 'numres', 'ip']),
    );
  });

  it('gives min the floor the routes hold it to (MIZAN_MIN_FLOOR, 30 by default), in every place it is taken', () => {
    const doc = JSON.stringify(openApiDocument('test'));
    const mins = [
      ...doc.matchAll(/"(?:name":"min","in":"query"[^}]*"schema":\{|min":\{)"type":"integer","minimum":(\d+)/g),
    ];
    expect(mins.length).toBeGreaterThanOrEqual(4); // match, batch items, XLIFF pretranslate/analyze, i18next
    expect(mins.map((m) => Number(m[1]))).toEqual(mins.map(() => 30));
  });

  it('checks the headers a client acts on: an undeclared Location or Content-Disposition is reported', async () => {
    const { checkResponse } = await import('../helpers/openapi-check');
    const body = Buffer.from(JSON.stringify({ matches: [] }));
    const at = { location: '/api/v1/elsewhere' };
    expect(checkResponse('GET', '/api/v1/match?q=x', 200, 'application/json', body, at).join()).toMatch(/Location/);
    const file = { 'content-disposition': 'attachment; filename="x.tsv"' };
    const problems = checkResponse('GET', '/api/v1/match?q=x', 200, 'application/json', body, file);
    expect(problems.join()).toMatch(/Content-Disposition/);
  });

  it('checks responses: a body that breaks its schema is reported', async () => {
    const { checkResponse } = await import('../helpers/openapi-check');
    const bad = Buffer.from(JSON.stringify({ matches: [{ unitId: 'u1', score: 'high' }] }));
    expect(checkResponse('GET', '/api/v1/match?q=x', 200, 'application/json', bad).join()).toMatch(/score|required/);
    expect(checkResponse('GET', '/api/v1/match?q=x', 201, 'application/json', Buffer.from('{}'))).toHaveLength(1);
    expect(
      checkResponse('GET', '/nowhere', 404, 'application/json', Buffer.from('{"error":{"code":"X"}}')),
    ).toHaveLength(1);
    const good = Buffer.from(JSON.stringify({ matches: [] }));
    expect(checkResponse('GET', '/api/v1/match?q=x', 200, 'application/json; charset=utf-8', good)).toEqual([]);
  });
});
