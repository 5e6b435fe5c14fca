/**
 * createApp builds the Express app from its dependencies; it never listens (server.ts does), so tests drive it
 * with supertest against real dependencies.
 */
import express, { type Express, type RequestHandler, type Router } from 'express';
import type { Config, Logger } from '../config';
import type { Translator } from '../i18n';
import type { TranslationMemory } from '../service';
import { accessLog } from './access-log';
import { AnswerCache } from './answer-cache';
import { Metrics } from './metrics';
import { cors } from './cors';
import { errorMiddleware, routeNotFound } from './errors';
import { parseQueryString } from './params';
import { documentRoutes } from './routes/documents';
import { healthRoutes } from './routes/health';
import { matchRoutes } from './routes/match';
import { unitRoutes } from './routes/units';
import { concordanceRoutes } from './routes/concordance';
import { openApiRoutes } from './routes/openapi';
import { pretranslateRoutes } from './routes/pretranslate';
import { amagamaPaths, amagamaRoutes } from './routes/amagama';
import { myMemoryRoutes } from './routes/mymemory';
import { tmRoutes } from './routes/tms';
import { jobRoutes } from './routes/jobs';
import { metricsRoutes } from './routes/metrics';
import { webRoutes } from './routes/web';
import { authenticate, authorize, tmClaim } from './access';
import { cacheScope } from './cache-scope';
import { headSize } from './head-size';
import { RateLimits, rateLimits } from './rate-limit';
import { securityHeaders } from './security';
import { accessRoutes } from './routes/access';
import { Access } from '../service';

export interface AppDeps {
  tm: TranslationMemory;
  translator: Translator;
  config: Config;
  logger: Logger;
  /** Reported as creationtoolversion in exports. */
  version: string;
  /** The metrics this app records into; made here when absent and MIZAN_METRICS is not off. */
  metrics?: Metrics;
  /** The answer cache (default: one of config.answerCacheBytes); given by tests that look into it. */
  answers?: AnswerCache;
  /** The rate-limit counters (default: the configured budgets); given by tests that flush them. */
  rateLimits?: RateLimits;
}

export function createApp(deps: AppDeps): Express {
  const { tm, translator, config, logger, version } = deps;
  const app = express();
  app.disable('x-powered-by');
  // No ETags: hashing every JSON body costs CPU on each match, and TM answers change with every write anyway.
  app.set('etag', false);
  app.set('json spaces', 0);
  app.set('query parser', parseQueryString);
  // One answer cache for every route that matches (native, amaGama, MyMemory), checked against the TM revisions.
  const answers = deps.answers ?? new AnswerCache(config.answerCacheBytes, (tms) => tm.revisions(tms));
  const metrics = deps.metrics ?? (config.metrics === 'off' ? undefined : new Metrics());
  metrics?.watch({ tm, answers, redis: tm.store.redis });
  const access = new Access(tm.store);
  if (config.trustProxy > 0) app.set('trust proxy', config.trustProxy);
  app.use(accessLog(logger, metrics ? (summary) => metrics.request(summary) : undefined));
  app.use(securityHeaders());
  if (config.corsOrigins.length > 0) app.use(cors(config.corsOrigins));
  app.use(headSize());
  app.use(onlyItsPaths(healthRoutes(tm)));
  app.use(onlyItsPaths(openApiRoutes(version)));
  // Who is asking (recorded, for the access log and /metrics too), how often, and whether they may (access.ts);
  // writes get an audit entry once answered.
  app.use(authenticate(access, config));
  // An answer that depends on a key is private to it (cache-scope.ts).
  app.use(cacheScope(config));
  if (metrics && (config.metrics === 'open' || config.metrics === 'key'))
    app.use(metricsRoutes(metrics, config.metrics === 'key' ? config.metricsToken : undefined));
  const limits = deps.rateLimits ?? new RateLimits(access, config, logger);
  app.use(...rateLimits(limits), authorize(access, config, logger));
  const claim = tmClaim(access, config);
  app.use(matchRoutes(tm, config, translator, answers));
  app.use(concordanceRoutes(tm, config));
  app.use(documentRoutes(tm, config, version, claim));
  app.use(unitRoutes(tm, config, claim));
  app.use(pretranslateRoutes(tm, config));
  app.use(amagamaPaths, amagamaRoutes(tm, config, answers));
  app.use(myMemoryRoutes(tm, config, translator, answers));
  app.use(tmRoutes(tm, translator, config, logger, version, claim));
  app.use(jobRoutes(tm, translator, config));
  // Key administration and the audit after the routes that read and write the TM: a match never walks past them.
  app.use(accessRoutes(access, config));
  app.use(webRoutes(config.webDir));
  app.use(routeNotFound);
  app.use(errorMiddleware(translator, logger, config.retryAfterSeconds, config.maxBody));
  return app;
}

/**
 * A router whose routes are all fixed paths, entered only by requests for one of them (compared as Express routes
 * them: any case, a trailing slash ignored): every other request (every API request, for the routers mounted before
 * access control) passes it by without a walk through its routes. A router with a parameter in a path is used as is.
 */
function onlyItsPaths(router: Router): RequestHandler {
  const paths = router.stack.map((layer) => layer.route?.path);
  if (paths.some((p) => typeof p !== 'string' || !/^[/\w.-]+$/.test(p))) return router;
  const known = new RegExp(`^(?:${paths.map((p) => p!.replace(/[.]/g, '\\.')).join('|')})/*$`, 'i');
  const guarded: RequestHandler = (req, res, next) => (known.test(req.path) ? router(req, res, next) : next());
  // Its routes stay visible to whatever walks the app's stack (the OpenAPI test lists the routes served that way).
  return Object.assign(guarded, { stack: router.stack });
}
