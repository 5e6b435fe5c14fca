/** GET /healthz (the process answers) and GET /readyz (Redis answers and the default TM holds documents). */
import { Router } from 'express';
import { ErrorCode } from '../../errors';
import { negotiateLanguage, type Translator } from '../../i18n';
import type { TranslationMemory } from '../../service';
import { methodNotAllowed } from '../errors';

export function healthRoutes(tm: TranslationMemory, translator: Translator, retryAfterSeconds: number): Router {
  const router = Router();
  router
    .route('/healthz')
    .get((_req, res) => {
      res.json({ status: 'ok' });
    })
    .all(methodNotAllowed('GET'));
  router
    .route('/readyz')
    .get(async (req, res) => {
      const readiness = await tm.readiness();
      if (readiness.redis && readiness.tmLoaded) {
        res.json({ status: 'ready', ...readiness });
        return;
      }
      const code = readiness.redis ? ErrorCode.NOT_READY : ErrorCode.STORE_UNAVAILABLE;
      const lang = negotiateLanguage(req.get('accept-language'));
      res
        .status(503)
        .set('Retry-After', String(retryAfterSeconds))
        .set('Content-Language', lang)
        .json({
          status: 'unavailable',
          ...readiness,
          error: { code, message: translator.t(`errors.${code}`, lang, { retryAfter: retryAfterSeconds }) },
        });
    })
    .all(methodNotAllowed('GET'));
  return router;
}
