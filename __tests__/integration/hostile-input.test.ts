/**
 * Hostile values over HTTP: objects with a `toString` or `__proto__` key where a string is expected, and JSON nested
 * 10,000+ deep in a field that fails validation, are 400s with a stable code, never 500s.
 */
import request from 'supertest';
import { MAX_JSON_VALUES } from '../../src/http/json-body';
import { createTestContext, type TestContext } from '../helpers/context';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const deep = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;
const post = (path: string, json: string) =>
  request(ctx.app).post(path).set('Content-Type', 'application/json').send(json);

describe('objects where strings are expected', () => {
  it.each([
    ['tgt', '{"queries":[{"q":"تعاون","tgt":[{"toString":1}]}]}', 'UNSUPPORTED_LANGUAGE'],
    ['tm', '{"queries":[{"q":"تعاون","tm":[{"toString":1}]}]}', 'INVALID_PARAMETER'],
    ['q', '{"queries":[{"q":{"toString":1}}]}', 'INVALID_PARAMETER'],
    ['__proto__', '{"queries":[{"q":"تعاون","src":{"__proto__":{"x":1}}}]}', 'INVALID_PARAMETER'],
  ])('answers a batch slot with %s an object with its own 400 code', async (_name, json, code) => {
    const res = await post('/api/v1/match/batch', json).expect(200);
    expect(res.body.results[0].error.code).toBe(code);
  });

  it('refuses a document import whose text is an object with a toString key', async () => {
    const res = await post('/api/v1/documents', '{"ar":{"toString":1},"tm":[{"toString":1}]}');
    expect(res.status).toBe(400);
  });

  it('refuses i18next resources with a __proto__ key', async () => {
    const res = await post('/api/v1/pretranslate/i18next', '{"resources":{"__proto__":{"a":"نص"}},"to":["en"]}');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_BODY');
    expect(({} as Record<string, unknown>).a).toBeUndefined();
  });
});

describe('JSON nested 10,000 deep in a field that fails validation', () => {
  it.each([
    ['a batch', () => post('/api/v1/match/batch', `{"queries":{"x":${deep(10_000)}}}`), 400],
    ['a batch query', () => post('/api/v1/match/batch', `{"queries":[{"q":${deep(10_000)}}]}`), 200],
    ['a document', () => post('/api/v1/documents', `{"ar":"نص","en":${deep(10_000)}}`), 400],
    ['corrections', () => request(ctx.app).patch('/api/v1/documents/ace54e57cd73f9de/alignment').send({}), 400],
  ])('%s: answered, its value quoted in at most 100 characters', async (_name, send, status) => {
    const res = await send();
    expect(res.status).toBe(status);
    const error = res.body.error ?? res.body.results[0].error;
    expect(error.code).toMatch(/^[A-Z_]+$/);
    if (error.value !== undefined) expect(String(error.value).length).toBeLessThanOrEqual(100);
  });

  it('answers i18next resources nested 10,000 deep with INVALID_BODY', async () => {
    const nested = `${'{"k":'.repeat(10_000)}"نص"${'}'.repeat(10_000)}`;
    const res = await post('/api/v1/pretranslate/i18next', `{"resources":${nested},"to":["en"]}`).expect(400);
    expect(res.body.error.code).toBe('INVALID_BODY');
  });
});

describe('JSON bodies holding very many values', () => {
  const wide = (n: number) => `{${Array.from({ length: n }, (_, i) => `"k${i}":${i}`).join(',')}}`;

  it.each([
    ['a unit', '/api/v1/units'],
    ['a batch', '/api/v1/match/batch'],
    ['a document', '/api/v1/documents'],
    ['i18next resources', '/api/v1/pretranslate/i18next'],
  ])('refuses %s with more than MAX_JSON_VALUES values before parsing it, in the client language', async (_n, path) => {
    const res = await post(path, wide(MAX_JSON_VALUES + 1))
      .set('Accept-Language', 'ar')
      .expect(400);
    expect(res.body.error.code).toBe('INVALID_BODY');
    expect(res.body.error.message).toContain('50,000');
    expect(res.body.error.message).toMatch(/\p{Script=Arabic}/u);
  });

  it('reads a body whose commas and brackets are inside strings as the few values it holds', async () => {
    const q = 'تعاون، [اقتصادي]، {تجاري}, '.repeat(3_000);
    const res = await post('/api/v1/match/batch', JSON.stringify({ queries: [{ q: q.slice(0, 9_000) }] })).expect(200);
    expect(res.body.results).toHaveLength(1);
  });
});
