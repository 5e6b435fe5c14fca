/**
 * The web UI's files: the page at `/` and its assets under `/ui/`, each with the strict content-security policy;
 * without a built page `/` is an ordinary 404.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type { RequestListener } from 'node:http';
import { silentLogger } from '../../src/config';
import { createApp } from '../../src/http/app';
import { WEB_CSP } from '../../src/http/routes/web';
import { createTranslator } from '../../src/i18n';
import { checkedApp } from '../helpers/openapi-check';
import { createTestContext, type TestContext } from '../helpers/context';

let ctx: TestContext;
let dir: string;
let empty: string;

/** The app serving webDir; its answers checked against the OpenAPI document, except the assets (not API). */
async function appOn(webDir: string, checked = true): Promise<RequestListener> {
  const app = createApp({
    tm: ctx.tm,
    translator: await createTranslator(),
    config: { ...ctx.config, webDir },
    logger: silentLogger,
    version: 'test',
  });
  return checked ? checkedApp(app, ctx.violations) : app;
}

beforeAll(async () => {
  ctx = await createTestContext({ seed: false });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mizan-web-'));
  empty = fs.mkdtempSync(path.join(os.tmpdir(), 'mizan-web-empty-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><script type="module" src="/ui/assets/a.js"></script>',
  );
  fs.writeFileSync(path.join(dir, 'assets', 'a.js'), 'export {};');
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(empty, { recursive: true, force: true });
  await ctx.close();
});

describe('the web UI route', () => {
  it('serves the page at / with the content-security policy, revalidated each time', async () => {
    const res = await request(await appOn(dir))
      .get('/')
      .expect(200)
      .expect('Content-Type', /text\/html/);
    expect(res.headers['content-security-policy']).toBe(WEB_CSP);
    expect(WEB_CSP).toContain("script-src 'self'");
    expect(WEB_CSP).not.toContain('unsafe-inline');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.text).toContain('/ui/assets/a.js');
  });

  it('serves the hashed assets under /ui/, cached for good, with the same policy', async () => {
    const res = await request(await appOn(dir, false))
      .get('/ui/assets/a.js')
      .expect(200)
      .expect('Content-Type', /javascript/);
    expect(res.headers['content-security-policy']).toBe(WEB_CSP);
    expect(res.headers['cache-control']).toContain('immutable');
  });

  it('answers / with a 404 when no page was built, and other methods with 405', async () => {
    const res = await request(await appOn(empty))
      .get('/')
      .expect(404);
    expect(res.body.error.code).toBe('ROUTE_NOT_FOUND');
    // Any other method is a write to the access policy: 401 without a key, 405 with one.
    await request(await appOn(dir))
      .post('/')
      .expect(401);
    const post = await request(await appOn(dir))
      .post('/')
      .set('Authorization', `Bearer ${ctx.adminKey}`)
      .expect(405);
    expect(post.body.error.code).toBe('METHOD_NOT_ALLOWED');
  });
});
