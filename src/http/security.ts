/**
 * Security headers on every answer (helmet's, computed once): a Content-Security-Policy that allows scripts, styles,
 * images and connections only from mizan's own origin and no inline script or style (what a web UI served here may
 * use), no framing, no plugins, forms posting only here; `X-Content-Type-Options: nosniff`, `Referrer-Policy:
 * no-referrer`, the cross-origin isolation headers helmet sets. The printable HTML export carries its own policy: no
 * script at all, and its one inline style sheet allowed by its hash. The amaGama JSONP answers, scripts that other
 * sites' pages load, are the one thing another origin may embed (`allowCrossOriginScript`).
 */
import { createHash } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { HTML_STYLE } from '../service';

const DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  // helmet's default upgrade-insecure-requests would send a page served over plain HTTP (a LAN install) to https.
  upgradeInsecureRequests: null,
};

/** helmet with mizan's options. */
const withHelmet = () =>
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives: DIRECTIVES },
    // No HSTS: mizan is often served over plain HTTP inside a network; a TLS proxy in front sets it.
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'no-referrer' },
  });

/**
 * The headers helmet sets, found once by running it on a response that records them: none depends on the request,
 * and running helmet's chain of middlewares on every request cost more than setting a dozen headers.
 */
export function helmetHeaders(): [string, string][] {
  const headers: [string, string][] = [];
  const recorder = {
    setHeader: (name: string, value: unknown) => headers.push([name, String(value)]),
    removeHeader: () => undefined,
  };
  let done = false;
  withHelmet()({} as never, recorder as never, () => (done = true));
  if (!done) throw new Error('helmet did not set its headers at once');
  return headers;
}

export function securityHeaders(): RequestHandler {
  const headers = helmetHeaders();
  return (_req, res, next) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
}

const styleHash = createHash('sha256').update(HTML_STYLE).digest('base64');
/** The policy of the printable HTML export: nothing runs, only its own inline style sheet applies. */
export const EXPORT_HTML_CSP =
  `default-src 'none'; style-src 'sha256-${styleHash}'; img-src 'self' data:; base-uri 'none'; ` +
  `form-action 'none'; frame-ancestors 'none'`;

export function setExportPolicy(res: Response): Response {
  return res.set('Content-Security-Policy', EXPORT_HTML_CSP);
}

/**
 * For an answer meant to run as a script in pages of other sites (the amaGama JSONP answers): helmet's
 * `Cross-Origin-Resource-Policy: same-origin` would have the browser refuse to load it there.
 */
export function allowCrossOriginScript(res: Response): Response {
  return res.set('Cross-Origin-Resource-Policy', 'cross-origin');
}
