/**
 * Import jobs: GET /api/v1/jobs/:id (progress and outcome, from any instance), DELETE /api/v1/jobs/:id (cancel a
 * queued or running import: it stops at its next chunk and leaves the TM as it was).
 */
import { Router, type Request } from 'express';
import type { Config } from '../../config';
import { ErrorCode, MizanError } from '../../errors';
import type { Translator } from '../../i18n';
import type { JobView, TranslationMemory } from '../../service';
import { answerLanguage } from '../language';
import { errorAnswer, methodNotAllowed } from '../errors';
import { idParam } from '../params';

/** The job as answered: its error, if any, as an error answer's body (code, localized message, param). */
export function jobJson(job: JobView, req: Request, translator: Translator, config: Config) {
  const { error, ...rest } = job;
  if (!error) return rest;
  const answer = errorAnswer(
    new MizanError(error.code, error.params),
    answerLanguage(req),
    translator,
    config.retryAfterSeconds,
  );
  return { ...rest, error: answer.body.error };
}

export function jobRoutes(tm: TranslationMemory, translator: Translator, config: Config): Router {
  const router = Router();
  const id = (req: Request) => idParam(req.params.id, ErrorCode.JOB_NOT_FOUND, '');
  router
    .route('/api/v1/jobs/:id')
    .get(async (req, res) => {
      res.json(jobJson(await tm.imports.get(id(req)), req, translator, config));
    })
    .delete(async (req, res) => {
      res.status(202).json(jobJson(await tm.imports.cancel(id(req)), req, translator, config));
    })
    .all(methodNotAllowed('GET', 'DELETE'));
  return router;
}
