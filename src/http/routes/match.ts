/**
 * GET /api/v1/match (one query, answered through the answer cache) and POST /api/v1/match/batch (up to MAX_BATCH
 * queries, answered in order, each slot with its matches or its own error; at most MIZAN_BATCH_BUDGET_MS of
 * matching, the queries left then answered BATCH_BUDGET_EXCEEDED; stopped when the client goes away).
 */
import { Router, type Request, type Response } from 'express';
import type { Config } from '../../config';
import { ErrorCode, MizanError, isMizanError } from '../../errors';
import type { Translator } from '../../i18n';
import type { Match, MatchRequest, TranslationMemory } from '../../service';
import type { AnswerCache } from '../answer-cache';
import { errorAnswer, methodNotAllowed } from '../errors';
import { jsonBody } from '../json-body';
import { answerLanguage } from '../language';
import { parseMatch, parseMatchQuery } from '../match-params';
import { preview, type Input } from '../params';

export const MAX_BATCH = 500;
/** Characters of all a batch's queries together: 500 segments of a typical document fit many times over. */
export const MAX_BATCH_CHARS = 250_000;

/** The query string as sent ('' when there is none). */
export function rawQuery(req: Request): string {
  const at = req.url.indexOf('?');
  return at < 0 ? '' : req.url.slice(at + 1);
}

/**
 * Matches, where a text with no words to match has no matches rather than a QUERY_EMPTY error: what the amaGama and
 * MyMemory clients expect (amaGama answers `[]`).
 */
export async function matchOrNothing(tm: TranslationMemory, request: MatchRequest): Promise<Match[]> {
  try {
    return await tm.match(request);
  } catch (error) {
    if (isMizanError(error) && error.code === ErrorCode.QUERY_EMPTY) return [];
    throw error;
  }
}

/**
 * Aborted when the connection closes before the answer was sent (the client went away), so that work for it stops.
 * `res` and not `req`: a request's 'close' also fires once its body has been read.
 */
export function clientGone(res: Response): AbortSignal {
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
}

/** The batch's queries, checked as a whole (an array of 1 to MAX_BATCH); each item is parsed on its own later. */
function batchQueries(body: Input): unknown[] {
  const queries = body.queries;
  if (queries === undefined) throw new MizanError(ErrorCode.FIELD_MISSING, { param: 'queries' });
  if (!Array.isArray(queries) || queries.length === 0)
    throw new MizanError(ErrorCode.INVALID_PARAMETER, {
      param: 'queries',
      value: preview(queries),
    });
  if (queries.length > MAX_BATCH)
    throw new MizanError(ErrorCode.BATCH_TOO_LARGE, { param: 'queries', max: MAX_BATCH, got: queries.length });
  return queries;
}

/** One item parsed, or the client's mistake in it (its `param` placed in the batch: `queries[1].q`). */
function parseItem(item: unknown, i: number, config: Config): MatchRequest | MizanError {
  if (typeof item !== 'object' || item === null || Array.isArray(item))
    return new MizanError(ErrorCode.INVALID_PARAMETER, {
      param: `queries[${i}]`,
      value: preview(item),
    });
  try {
    return parseMatch(item as Input, config, `queries[${i}].`);
  } catch (error) {
    if (isMizanError(error) && error.status < 500) return inSlot(error, i);
    throw error;
  }
}

/** An error met by query i, its `param` named from the batch (`tm` → `queries[i].tm`). */
function inSlot(error: MizanError, i: number): MizanError {
  const param = error.params.param;
  if (typeof param !== 'string' || param.startsWith('queries[')) return error;
  return new MizanError(error.code, { ...error.params, param: `queries[${i}].${param}` });
}

export function matchRoutes(tm: TranslationMemory, config: Config, translator: Translator, cache: AnswerCache): Router {
  const router = Router();
  router
    .route('/api/v1/match')
    .get(async (req, res) => {
      // `req.query` is parsed only when the raw query string is not remembered (see answer-cache.ts).
      const body = await cache.answer(
        `match?${rawQuery(req)}`,
        () => parseMatchQuery(req.query as Input, config),
        async (request) => Buffer.from(JSON.stringify({ matches: await tm.match(request) })),
      );
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.end(body);
    })
    .all(methodNotAllowed('GET'));
  router
    .route('/api/v1/match/batch')
    .post(jsonBody(config), async (req, res) => {
      const parsed = batchQueries(req.body as Input).map((item, i) => parseItem(item, i, config));
      const requests = parsed.filter((p): p is MatchRequest => !isMizanError(p));
      const length = requests.reduce((n, r) => n + r.q.length, 0);
      if (length > MAX_BATCH_CHARS)
        throw new MizanError(ErrorCode.BATCH_TEXT_TOO_LONG, { param: 'queries', max: MAX_BATCH_CHARS, length });
      const slots = await tm.matchBatch(requests, { budgetMs: config.batchBudgetMs, signal: clientGone(res) });
      if (slots.length < requests.length) return; // the client went away: nobody to answer
      const lang = answerLanguage(req);
      let next = 0;
      const results = parsed.map((p, i) => {
        const slot = isMizanError(p) ? { error: p } : slots[next++]!;
        if ('matches' in slot) return { matches: slot.matches };
        return errorAnswer(inSlot(slot.error, i), lang, translator, config.retryAfterSeconds).body;
      });
      res.set('Content-Language', lang).vary('Accept-Language').json({ results });
    })
    .all(methodNotAllowed('POST'));
  return router;
}
