/**
 * TMs as wholes: GET /api/v1/tms (names and counts), POST /api/v1/tms/:tm/imports (a TMX file, received into an
 * import job: 202 once the upload is in; reading, staging and the commit run on), GET /api/v1/tms/:tm/units (pages
 * through every unit by cursor), GET /api/v1/tms/:tm/export (the whole TM as TMX or TSV, streamed).
 */
import { Router, type Request, type Response } from 'express';
import type { Config, Logger } from '../../config';
import { ErrorCode, MizanError, isMizanError } from '../../errors';
import type { Translator } from '../../i18n';
import { exportLanguages, TM_EXPORT_FORMATS, type TmExportFormat, type TranslationMemory } from '../../service';
import { methodNotAllowed } from '../errors';
import { Params, type Input } from '../params';
import { readUpload, spoolUpload } from '../tmx-upload';
import { jobJson } from './jobs';
import { noteWrite, type TmClaim } from '../access';

const CONTENT_TYPES: Record<TmExportFormat, string> = {
  tmx: 'application/x-tmx+xml; charset=utf-8',
  tsv: 'text/tab-separated-values; charset=utf-8',
};

const tmName = (req: Request, config: Config) => new Params({ tm: req.params.tm }).tm('tm', config.defaultTm);

/**
 * Receives the upload into a new job (spooled to a temporary file); 202 with the job as soon as the file is there,
 * then reads, stages and commits it in the background (the job tells how far it is; DELETE cancels it meanwhile).
 */
async function startImport(req: Request, res: Response, tm: TranslationMemory, config: Config, claim: TmClaim) {
  const name = tmName(req, config);
  await claim(res, name);
  const maxBytes = config.maxImportMb * 2 ** 20;
  const upload = await readUpload(req, maxBytes);
  const id = await tm.imports.create(name, upload.name);
  // The job is made: the audit names it even when the upload then fails and the answer has no Location.
  noteWrite(res, { tm: name, target: `/api/v1/jobs/${id}` });
  const aborted = new AbortController();
  const onClose = () => {
    if (!req.complete) aborted.abort();
  };
  req.on('close', onClose);
  let file: string;
  try {
    file = await spoolUpload(upload, id, maxBytes, aborted.signal);
  } catch (caught) {
    // A refused upload (too large, a broken form) stops reading the request, which then closes unfinished too: only
    // an error of its own (the pipeline aborted) means the client went away.
    const gone = !isMizanError(caught) && aborted.signal.aborted;
    const err = await tm.imports.abandon(id, name, caught, gone);
    if (!isMizanError(err)) throw err;
    const status = gone ? 'cancelled' : 'failed';
    throw new MizanError(err.code, err.params, { cause: err, details: { job: { id, status } } });
  } finally {
    req.off('close', onClose);
  }
  tm.imports.start(id, name, file, { file: upload.name, maxBytes });
  return tm.imports.get(id);
}

export function tmRoutes(
  tm: TranslationMemory,
  translator: Translator,
  config: Config,
  logger: Logger,
  version: string,
  claim: TmClaim,
): Router {
  const router = Router();
  router
    .route('/api/v1/tms')
    .get(async (_req, res) => {
      res.json({ tms: await tm.listTms() });
    })
    .all(methodNotAllowed('GET'));
  router
    .route('/api/v1/tms/:tm/imports')
    .post(async (req, res) => {
      const job = await startImport(req, res, tm, config, claim);
      res
        .status(202)
        .location(`/api/v1/jobs/${job.id}`)
        .json(jobJson(job, req, translator, config));
    })
    .all(methodNotAllowed('POST'));
  router
    .route('/api/v1/tms/:tm/units')
    .get(async (req, res) => {
      const name = tmName(req, config);
      const p = new Params(req.query as Input);
      const cursor = p.string('cursor') || '0'; // its form is checked where it is read (service/unit-pages.ts)
      const limit = p.int('limit', 100, 1, 1000, ErrorCode.LIMIT_OUT_OF_RANGE);
      res.json(await tm.unitPage(name, cursor, limit));
    })
    .all(methodNotAllowed('GET'));
  router
    .route('/api/v1/tms/:tm/export')
    .get(async (req, res) => {
      const name = tmName(req, config);
      const p = new Params(req.query as Input);
      const format = (p.string('format') ?? 'tmx').toLowerCase();
      if (!(TM_EXPORT_FORMATS as readonly string[]).includes(format))
        throw new MizanError(ErrorCode.UNKNOWN_FORMAT, {
          param: 'format',
          value: format.slice(0, 100),
          expected: TM_EXPORT_FORMATS,
        });
      const langs = exportLanguages(p.string('langs') || 'ar,en,zh', 'langs');
      const apart = p.flag('apart');
      await tm.requireTm(name);
      res
        .type(CONTENT_TYPES[format as TmExportFormat])
        .set('Content-Disposition', `attachment; filename="${name}.${format}"`);
      await tm.exportTm(name, res, { format: format as TmExportFormat, langs, apart, toolVersion: version });
    })
    .all(methodNotAllowed('GET'));
  return router;
}
