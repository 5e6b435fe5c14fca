/**
 * POST /api/v1/pretranslate (an XLIFF file back with targets filled), POST /api/v1/analyze (segments and words per
 * match band, JSON or a text table) and POST /api/v1/pretranslate/i18next (draft i18next bundles and a report).
 * The file comes as the raw body or as the `file` part of a multipart form; parameters in the query string (or, in
 * a form, as plain fields).
 */
import { Router, type Request } from 'express';
import type { Config } from '../../config';
import { ErrorCode, MizanError } from '../../errors';
import {
  DELIMITER_KEYS,
  formatAnalysis,
  givenDelimiters,
  MAX_MIN,
  type TranslationMemory,
  type XliffRequest,
} from '../../service';
import { methodNotAllowed } from '../errors';
import { jsonBody } from '../json-body';
import { acceptedType } from '../negotiate';
import { Params, preview, type Input } from '../params';
import { readUpload, type Upload } from '../upload';

const FORM_FIELDS = new Set(['src', 'tgt', 'min', 'overwrite', 'tm', 'format']);
const DEFAULT_MIN = 75;

/** The upload and its parameters (form fields where the query string lacks them). */
async function xliffInput(req: Request, config: Config) {
  const upload = await readUpload(
    req,
    { maxBody: config.maxBody, maxFileBytes: config.maxDocumentChars * 4 },
    FORM_FIELDS,
  );
  const p = new Params({ ...upload.fields, ...(req.query as Input) });
  const request: XliffRequest = {
    tms: p.tms('tm', config.defaultTm),
    maxQueryChars: config.maxQueryChars,
    ...(p.string('src') && { src: p.string('src') }),
    ...(p.string('tgt') && { tgt: p.string('tgt') }),
  };
  return { upload, p, request };
}

/**
 * The answer's media type: the input's, with the file's encoding as charset. A form part's own type is often
 * application/octet-stream (browsers know no XLIFF type): its answer is application/xliff+xml.
 */
function answerType(upload: Upload, encoding: string): string {
  const { mediaType } = upload;
  if (mediaType === 'application/octet-stream' && !upload.multipart) return mediaType;
  const xml = /(^|[+/])xml$/.test(mediaType) ? mediaType : 'application/xliff+xml';
  return `${xml}; charset=${encoding}`;
}

/**
 * The languages a file was read in (every target, when its `<file>` elements declare several), and what it
 * declared when its sources are written in another (X-Mizan-Languages).
 */
const languagesOf = (r: { src: string; tgt: string; targets?: string[]; declaredSrc?: string }) => ({
  src: r.src,
  tgt: r.tgt,
  ...(r.targets !== undefined && { targets: r.targets }),
  ...(r.declaredSrc !== undefined && { declaredSrc: r.declaredSrc }),
});

export function pretranslateRoutes(tm: TranslationMemory, config: Config): Router {
  const router = Router();
  router
    .route('/api/v1/pretranslate')
    .post(async (req, res) => {
      const { upload, p, request } = await xliffInput(req, config);
      const min = p.int('min', DEFAULT_MIN, config.minFloor, MAX_MIN.xliff, ErrorCode.MIN_OUT_OF_RANGE);
      const result = await tm.pretranslateXliff(upload.bytes, { ...request, min, overwrite: p.flag('overwrite') });
      res
        .status(200)
        .set('Content-Type', answerType(upload, result.encoding))
        .set('X-Mizan-Segments', JSON.stringify(result.report.totals))
        .set('X-Mizan-Languages', JSON.stringify(languagesOf(result.report)))
        .end(Buffer.from(result.output.buffer, result.output.byteOffset, result.output.byteLength));
    })
    .all(methodNotAllowed('POST'));
  router
    .route('/api/v1/analyze')
    .post(async (req, res) => {
      const { upload, p, request } = await xliffInput(req, config);
      const format = (p.string('format') ?? '').toLowerCase();
      if (format !== '' && format !== 'json' && format !== 'text')
        throw new MizanError(ErrorCode.UNKNOWN_FORMAT, { param: 'format', value: format, expected: ['json', 'text'] });
      const analysis = await tm.analyzeXliff(upload.bytes, request);
      // By the Accept type alone: `text/plain;charset=utf-8` asks for the table (negotiate.ts).
      const text =
        format === 'text' || (format === '' && acceptedType(req, ['application/json', 'text/plain']) === 'text/plain');
      if (text) res.type('text/plain; charset=utf-8').send(formatAnalysis(analysis));
      else res.json(analysis);
    })
    .all(methodNotAllowed('POST'));
  router
    .route('/api/v1/pretranslate/i18next')
    .post(jsonBody(config), async (req, res) => {
      const body = req.body as Input;
      const p = new Params(body);
      if (body.resources === undefined) throw new MizanError(ErrorCode.FIELD_MISSING, { param: 'resources' });
      if (typeof body.resources !== 'object' || body.resources === null || Array.isArray(body.resources))
        throw new MizanError(ErrorCode.INVALID_PARAMETER, { param: 'resources', value: preview(body.resources) });
      const to = body.to;
      if (to === undefined) throw new MizanError(ErrorCode.FIELD_MISSING, { param: 'to' });
      if (typeof to !== 'string' && !(Array.isArray(to) && to.every((t) => typeof t === 'string')))
        throw new MizanError(ErrorCode.INVALID_PARAMETER, { param: 'to', value: preview(to) });
      const existing = body.existing;
      if (existing !== undefined && (typeof existing !== 'object' || existing === null || Array.isArray(existing)))
        throw new MizanError(ErrorCode.INVALID_PARAMETER, { param: 'existing', value: preview(existing) });
      const from = p.string('from');
      // A project's own delimiters: in the query string (percent-encoded) or the body, the query string first. An
      // empty one is not given (givenDelimiters): the body's, else the default.
      const query = new Params(req.query as Input);
      const read = (params: Params) => Object.fromEntries(DELIMITER_KEYS.map((key) => [key, params.string(key)]));
      const delimiters = givenDelimiters(read(query), read(p));
      const { bundles, report } = await tm.pretranslateI18next(body.resources, {
        ...delimiters,
        tms: p.tms('tm', config.defaultTm),
        maxQueryChars: config.maxQueryChars,
        ...(from && { from }),
        to: typeof to === 'string' ? to.split(',').map((t) => t.trim()) : (to as string[]),
        min: p.int('min', DEFAULT_MIN, config.minFloor, MAX_MIN.i18next, ErrorCode.MIN_OUT_OF_RANGE),
        overwrite: p.flag('overwrite'),
        ...(existing !== undefined && { existing: existing as Record<string, unknown> }),
      });
      res.json({ from: report.from, to: report.to, min: report.min, resources: bundles, report: report.keys });
    })
    .all(methodNotAllowed('POST'));
  return router;
}
