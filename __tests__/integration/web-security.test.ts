import { createHash } from 'node:crypto';
import type { RequestListener } from 'node:http';
import request from 'supertest';
import { silentLogger } from '../../src/config';
import { createApp } from '../../src/http/app';
import { createTranslator } from '../../src/i18n';
import { createTestContext, type TestContext } from '../helpers/context';

const DOC = 'ace54e57cd73f9de';
let ctx: TestContext;
/** The app without the OpenAPI check, for preflights (OPTIONS is not an operation of the description). */
let plain: RequestListener;

beforeAll(async () => {
  ctx = await createTestContext({ config: { corsOrigins: ['https://cat.example.org'] } });
  const deps = { tm: ctx.tm, translator: await createTranslator(), config: ctx.config, logger: silentLogger };
  plain = createApp({ ...deps, version: 't' });
});
afterAll(() => ctx.close());

const tmState = async () => JSON.stringify((await request(ctx.app).get('/api/v1/tms').expect(200)).body);

describe('a cross-site form POST', () => {
  it('cannot write: a multipart import without a key is 401 and nothing is stored', async () => {
    const before = await tmState();
    // What a page on another site can make a browser send: a form post, with the user's cookies, no Authorization.
    const res = await request(ctx.rawApp)
      .post('/api/v1/documents')
      .set('Origin', 'https://evil.example')
      .set('Referer', 'https://evil.example/page.html')
      .field('title', 'planted')
      .attach('ar', Buffer.from('نص زرعه موقع آخر. جملة ثانية.'), 'a.txt')
      .attach('en', Buffer.from('Text planted by another site. A second sentence.'), 'a.en.txt');
    expect(res.status).toBe(401);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(await tmState()).toBe(before);
    const urlencoded = await request(ctx.rawApp)
      .delete(`/api/v1/documents/${DOC}`)
      .set('Origin', 'https://evil.example')
      .type('form')
      .send('x=1');
    expect(urlencoded.status).toBe(401);
    await request(ctx.app).get(`/api/v1/documents/${DOC}`).expect(200);
  });

  it('a page may send the key only from an allowed origin: the preflight names Authorization for it alone', async () => {
    const allowed = await request(plain)
      .options('/api/v1/documents')
      .set('Origin', 'https://cat.example.org')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization, content-type')
      .expect(204);
    expect(allowed.headers['access-control-allow-headers']).toContain('Authorization');
    const other = await request(plain)
      .options('/api/v1/documents')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    expect(other.headers['access-control-allow-headers']).toBeUndefined();
  });
});

describe('security headers', () => {
  it('are on every answer: nosniff, a strict CSP, no framing, no referrer', async () => {
    for (const url of ['/healthz', '/api/v1/tms', '/api/v1/nowhere', `/api/v1/documents/${DOC}?format=tmx`]) {
      const res = await request(ctx.app).get(url);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      const csp = res.headers['content-security-policy'];
      expect(csp).toContain("default-src 'self'");
      // What a web UI served from / needs: its own scripts and style sheets, no inline ones.
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('upgrade-insecure-requests');
    }
  });

  it('the HTML export runs no script and allows only its own inline style sheet, by hash', async () => {
    const res = await request(ctx.app).get(`/api/v1/documents/${DOC}?format=html`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const csp = res.headers['content-security-policy']!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('script-src');
    const style = /<style>([\s\S]*?)<\/style>/.exec(res.text)![1]!;
    const hash = createHash('sha256').update(style).digest('base64');
    expect(csp).toContain(`style-src 'sha256-${hash}'`);
  });
});
