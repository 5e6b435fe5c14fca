/** GET /api/v1/units/:id — one translation unit in all three languages. */
import { Router } from 'express';
import type { Config } from '../../config';
import { ErrorCode } from '../../errors';
import type { TranslationMemory } from '../../service';
import { methodNotAllowed } from '../errors';
import { idParam, tmParam } from '../params';

export function unitRoutes(tm: TranslationMemory, config: Config): Router {
  const router = Router();
  router
    .route('/api/v1/units/:id')
    .get(async (req, res) => {
      const name = tmParam(req.query, config.defaultTm);
      const id = idParam(req.params.id, ErrorCode.UNIT_NOT_FOUND, name);
      const u = await tm.getUnit(name, id);
      res.json({ unitId: u.unitId, tm: u.tm, documentId: u.documentId, position: u.position, paragraph: u.paragraph, ar: u.ar, en: u.en, zh: u.zh });
    })
    .all(methodNotAllowed('GET'));
  return router;
}
