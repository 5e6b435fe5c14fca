/** GET /api/v1/match (one query) and POST /api/v1/match/batch (up to MAX_BATCH queries, answered in order). */
import { Router } from 'express';
import type { Config } from '../../config';
import { ErrorCode, MizanError } from '../../errors';
import type { TranslationMemory } from '../../service';
import { methodNotAllowed } from '../errors';
import { jsonBody } from '../json-body';
import { parseMatch } from '../match-params';
import { type Input } from '../params';

export const MAX_BATCH = 500;
/** Characters of all a batch's queries together: 500 segments of a typical document fit many times over. */
export const MAX_BATCH_CHARS = 250_000;

export function matchRoutes(tm: TranslationMemory, config: Config): Router {
  const router = Router();
  router
    .route('/api/v1/match')
    .get(async (req, res) => {
      // The raw query string names the request: a repeat is answered from the cache before any parsing.
      const at = req.url.indexOf('?');
      const body = await tm.matchJson(at < 0 ? '' : req.url.slice(at + 1), () =>
        parseMatch(req.query as Input, config),
      );
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.end(body);
    })
    .all(methodNotAllowed('GET'));
  router
    .route('/api/v1/match/batch')
    .post(jsonBody(config), async (req, res) => {
      const body = req.body as Input;
      const queries = body.queries;
      if (queries === undefined) throw new MizanError(ErrorCode.FIELD_MISSING, { param: 'queries' });
      if (!Array.isArray(queries) || queries.length === 0)
        throw new MizanError(ErrorCode.INVALID_PARAMETER, {
          param: 'queries',
          value: JSON.stringify(queries).slice(0, 100),
        });
      if (queries.length > MAX_BATCH)
        throw new MizanError(ErrorCode.BATCH_TOO_LARGE, { param: 'queries', max: MAX_BATCH, count: queries.length });
      const requests = queries.map((item: unknown, i) => {
        if (typeof item !== 'object' || item === null || Array.isArray(item))
          throw new MizanError(ErrorCode.INVALID_PARAMETER, {
            param: `queries[${i}]`,
            value: JSON.stringify(item).slice(0, 100),
          });
        return parseMatch(item as Input, config, `queries[${i}].`);
      });
      const length = requests.reduce((n, r) => n + r.q.length, 0);
      if (length > MAX_BATCH_CHARS)
        throw new MizanError(ErrorCode.BATCH_TEXT_TOO_LONG, { param: 'queries', max: MAX_BATCH_CHARS, length });
      const results = await tm.matchBatch(requests);
      res.json({ results: results.map((matches) => ({ matches })) });
    })
    .all(methodNotAllowed('POST'));
  return router;
}
