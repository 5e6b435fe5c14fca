/**
 * A browser page reads only the response headers CORS exposes: every header mizan sets for a client to act on must
 * be in the exposed list, found by reading the source for the headers it sets (so a new one cannot be forgotten).
 */
import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { loadConfig } from '../../src/config';
import { ALLOWED_HEADERS, cors, EXPOSED_HEADERS } from '../../src/http/cors';

const SRC = path.join(__dirname, '../../src');
/** Readable without exposing (the CORS-safelisted response headers), or meant for the browser, not the page. */
const NOT_FOR_PAGES = new Set(
  [
    'Cache-Control',
    'Content-Type',
    'Content-Security-Policy',
    'X-Content-Type-Options',
    'Referrer-Policy',
    'Vary',
    'Cross-Origin-Resource-Policy',
  ].map((h) => h.toLowerCase()),
);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

const list = (value: string) => new Set(value.split(/,\s*/).map((h) => h.toLowerCase()));

describe('CORS header lists', () => {
  it('expose every response header mizan sets for clients', () => {
    const set = new Set<string>();
    for (const file of sourceFiles(SRC)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:setHeader|\.set|\.header)\(\s*'([A-Za-z-]+)'/g)) set.add(m[1]!.toLowerCase());
      for (const m of text.matchAll(/headers\['([A-Za-z-]+)'\] = /g)) set.add(m[1]!.toLowerCase());
    }
    expect(set).toContain('x-mizan-segments'); // the reader still finds the headers
    const exposed = list(EXPOSED_HEADERS);
    const missing = [...set].filter((h) => !h.startsWith('access-control-') && !NOT_FOR_PAGES.has(h));
    expect(missing.filter((h) => !exposed.has(h))).toEqual([]);
  });

  it('allow every request header mizan reads', () => {
    const read = new Set<string>();
    for (const file of sourceFiles(SRC)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/req\.get\('([A-Za-z-]+)'\)|req\.headers\['([a-z-]+)'\]/g))
        read.add((m[1] ?? m[2])!.toLowerCase());
    }
    expect(read).toContain('idempotency-key');
    const allowed = list(ALLOWED_HEADERS);
    const safelisted = ['accept-language', 'content-length', 'origin', 'access-control-request-method'];
    expect([...read].filter((h) => !allowed.has(h) && !safelisted.includes(h))).toEqual([]);
  });
});

describe('configured origins', () => {
  it('let in the origin a browser sends for https://host:443 or HTTPS://Host/, and no other', async () => {
    const origins = loadConfig({ MIZAN_CORS_ORIGINS: 'https://cat.example.org:443,HTTPS://Tools.Example.org/' });
    const app = express()
      .use(cors(origins.corsOrigins))
      .get('/x', (_req, res) => void res.send('ok'));
    for (const origin of ['https://cat.example.org', 'https://tools.example.org']) {
      const res = await request(app).get('/x').set('Origin', origin).expect(200);
      expect(res.headers['access-control-allow-origin']).toBe(origin);
    }
    const other = await request(app).get('/x').set('Origin', 'https://cat.example.org:8443').expect(200);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});
