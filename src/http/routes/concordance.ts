/** GET /api/v1/concordance — units whose text contains a phrase, with highlight spans, a page at a time. */
import { Router } from 'express';
import type { Config } from '../../config';
import type { TranslationMemory } from '../../service';
import { methodNotAllowed } from '../errors';
import { parseConcordance } from '../concordance-params';
import type { Input } from '../params';

export function concordanceRoutes(tm: TranslationMemory, config: Config): Router {
  const router = Router();
  router
    .route('/api/v1/concordance')
    .get(async (req, res) => {
      const request = parseConcordance(req.query as Input, config);
      const { total, hits } = await tm.concordance(request);
      res.json({ hits, total, offset: request.offset, limit: request.limit });
    })
    .all(methodNotAllowed('GET'));
  return router;
}
