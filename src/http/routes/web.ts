/**
 * The web UI: its page at `/` and its built assets under `/ui/` (config.webDir, written by `npm run build` from
 * web/). The page is a client of the public API like any other; this router only serves files. Every answer carries
 * a strict content-security policy: scripts, styles and connections from this origin only, no inline code.
 */
import fs from 'node:fs';
import path from 'node:path';
import express, { Router, type Response } from 'express';
import { methodNotAllowed } from '../errors';

export const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

function secure(res: Response): void {
  res.setHeader('Content-Security-Policy', WEB_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
}

/** Routes for the UI; when the folder holds no built page (`npm run build` not run), `/` falls through to a 404. */
export function webRoutes(webDir: string): Router {
  const router = Router();
  const page = path.join(webDir, 'index.html');
  router
    .route('/')
    .get((_req, res, next) => {
      if (!fs.existsSync(page)) {
        next('route'); // past this route's 405 too: to the API's 404
        return;
      }
      secure(res);
      // The page names its hashed assets: always revalidated, while the assets themselves are cached for good.
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(page);
    })
    .all(methodNotAllowed('GET'));
  router.use(
    '/ui',
    (_req, res, next) => {
      secure(res);
      next();
    },
    express.static(webDir, { index: false, maxAge: '365d', immutable: true, fallthrough: true }),
  );
  return router;
}
