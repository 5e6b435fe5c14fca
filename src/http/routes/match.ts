/** GET /api/v1/match — fuzzy matches for one query, best first. */
import { Router } from 'express';
import type { Config } from '../../config';
import { ErrorCode, MizanError } from '../../errors';
import type { TranslationMemory } from '../../service';
import { LANGS } from '../../types';
import { methodNotAllowed } from '../errors';
import { flagParam, intParam, langListParam, langParam, stringParam, tmParam } from '../params';

export const DEFAULT_MIN = 70;
export const DEFAULT_LIMIT = 5;

export function matchRoutes(tm: TranslationMemory, config: Config): Router {
  const router = Router();
  router
    .route('/api/v1/match')
    .get(async (req, res) => {
      const q = stringParam(req.query, 'q');
      if (q === undefined || q.trim() === '') throw new MizanError(ErrorCode.QUERY_MISSING, { param: 'q' });
      const length = [...q].length;
      if (length > config.maxQueryChars) throw new MizanError(ErrorCode.QUERY_TOO_LONG, { param: 'q', length, max: config.maxQueryChars });
      const src = langParam(req.query, 'src', 'ar');
      const tgt = langListParam(req.query, 'tgt', src, LANGS);
      const min = intParam(req.query, 'min', DEFAULT_MIN, 0, 100, ErrorCode.MIN_OUT_OF_RANGE);
      const limit = intParam(req.query, 'limit', DEFAULT_LIMIT, 1, config.maxLimit, ErrorCode.LIMIT_OUT_OF_RANGE);
      const explain = flagParam(req.query, 'explain');
      const name = tmParam(req.query, config.defaultTm);
      const matches = await tm.match({ q, src, tgt, min, limit, tm: name });
      res.json({
        matches: matches.map(({ editDistance, penalties, ...match }) => (explain ? { ...match, explain: { editDistance, penalties } } : match)),
      });
    })
    .all(methodNotAllowed('GET'));
  return router;
}
