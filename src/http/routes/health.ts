/** GET /healthz (the process answers) and GET /readyz (Redis answers and the default TM holds documents). */
import { Router } from 'express';
import { ErrorCode, MizanError } from '../../errors';
import type { TranslationMemory } from '../../service';
import { methodNotAllowed } from '../errors';

export function healthRoutes(tm: TranslationMemory): Router {
  const router = Router();
  router
    .route('/healthz')
    .get((_req, res) => {
      res.json({ status: 'ok' });
    })
    .all(methodNotAllowed('GET'));
  router
    .route('/readyz')
    .get(async (_req, res) => {
      const readiness = await tm.readiness();
      if (readiness.redis && readiness.tmLoaded) {
        res.json({ status: 'ready', ...readiness });
        return;
      }
      // Answered by the error middleware like any failure, with the readiness report beside the error.
      const code = readiness.redis ? ErrorCode.NOT_READY : ErrorCode.STORE_UNAVAILABLE;
      throw new MizanError(code, {}, { details: { status: 'unavailable', ...readiness } });
    })
    .all(methodNotAllowed('GET'));
  return router;
}
