/**
 * GET /metrics in the Prometheus text format, as configured (MIZAN_METRICS): `open` to anyone; `key` only with
 * `Authorization: Bearer <MIZAN_METRICS_TOKEN>` (compared in constant time), or with an admin API key when the
 * authentication middleware runs before this route and recorded one in `res.locals.caller`; `port` on a listener of
 * its own (`metricsApp`, on MIZAN_METRICS_PORT), not on the API's port; `off` not at all. A request without the
 * token is answered as if the route did not exist (404 ROUTE_NOT_FOUND): nothing tells a scanner it is there.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import express, { Router, type Express, type Request, type Response } from 'express';
import { routeNotFound, methodNotAllowed } from '../errors';
import type { Metrics } from '../metrics';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** True when the request carries `Bearer <token>`. */
export function bearerMatches(req: Request, token: string): boolean {
  const header = req.headers.authorization;
  const given = typeof header === 'string' && /^Bearer\s+/i.test(header) ? header.replace(/^Bearer\s+/i, '') : '';
  return given !== '' && timingSafeEqual(digest(given), digest(token));
}

/**
 * True when authentication (mounted before this route) found an admin API key: `res.locals.caller.key.role`, read
 * structurally so that this route does not depend on how keys are checked.
 */
function adminCaller(res: Response): boolean {
  const caller = res.locals.caller as { key?: { role?: unknown } | null } | undefined;
  return caller?.key?.role === 'admin';
}

/** The route; with a `token`, only for requests that carry it (or an admin API key). */
export function metricsRoutes(metrics: Metrics, token?: string): Router {
  const router = Router();
  router
    .route('/metrics')
    .get(async (req, res) => {
      if (token !== undefined && !bearerMatches(req, token) && !adminCaller(res))
        return routeNotFound(req, res, () => undefined);
      const { contentType, body } = await metrics.scrape();
      res.set('Content-Type', contentType).set('Cache-Control', 'no-store').send(body);
    })
    .all(methodNotAllowed('GET'));
  return router;
}

/** The app of the separate metrics listener (MIZAN_METRICS=port): /metrics and nothing else. */
export function metricsApp(metrics: Metrics): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(metricsRoutes(metrics));
  app.use((_req, res) => void res.status(404).type('text/plain').send('not found\n'));
  return app;
}
