/**
 * Documents: list, fetch (json, tmx, tsv, html), import a text triple (JSON or multipart files), correct the
 * alignment, delete.
 */
import { Router, type Request, type Response } from 'express';
import type { Config } from '../../config';
import { ErrorCode, MizanError } from '../../errors';
import {
  EXPORT_FORMATS,
  exportDocument,
  type Correction,
  type DocumentSummary,
  type ExportFormat,
  type StoredDocument,
  type TranslationMemory,
} from '../../service';
import { LANGS } from '../../types';
import { methodNotAllowed } from '../errors';
import { jsonBody } from '../json-body';
import { readMultipart } from '../multipart';
import { idParam, Params, type Input } from '../params';

const FORMATS = ['json', ...EXPORT_FORMATS] as const;
type Format = (typeof FORMATS)[number];
/** Most corrections in one PATCH. */
const MAX_OPS = 200;

function summaryJson(d: DocumentSummary) {
  return {
    id: d.id,
    tm: d.tm,
    title: d.titles.ar || d.titles.en || d.titles.zh,
    titles: d.titles,
    source: d.source,
    date: d.date,
    ...(d.url ? { url: d.url } : {}),
    order: d.order,
    segments: d.segments,
    rev: d.rev,
    created: new Date(d.created).toISOString(),
    updated: new Date(d.updated).toISOString(),
  };
}

function documentJson(doc: StoredDocument) {
  const { segments, ...summary } = summaryJson(doc.summary);
  return {
    ...summary,
    languages: LANGS.filter((lang) => doc.rows.some((r) => r[lang] !== '')),
    segmentCount: segments,
    segments: doc.rows.map((r) => ({
      position: r.position,
      paragraph: r.paragraph,
      unitId: r.unitId,
      ar: r.ar,
      en: r.en,
      zh: r.zh,
      confidence: r.confidence ?? 1,
      review: r.review ?? false,
    })),
  };
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  tmx: 'application/x-tmx+xml; charset=utf-8',
  tsv: 'text/tab-separated-values; charset=utf-8',
  html: 'text/html; charset=utf-8',
};

function send(res: Response, doc: StoredDocument, format: Format, toolVersion: string): void {
  if (format === 'json') return void res.json(documentJson(doc));
  // TMX and TSV are files to keep; the HTML page is for reading (and printing) in the browser.
  if (format !== 'html') res.set('Content-Disposition', `attachment; filename="${doc.summary.id}.${format}"`);
  res.type(CONTENT_TYPES[format]).send(exportDocument(doc, format, toolVersion));
}

async function importInput(req: Request, config: Config): Promise<Input> {
  if (req.is('multipart/form-data')) return readMultipart(req, config.maxDocumentChars * 4);
  if (!req.is('application/json'))
    throw new MizanError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, { expected: 'application/json or multipart/form-data' });
  return new Promise((resolve, reject) =>
    jsonBody(config)(req, {} as Response, (err?: unknown) => (err ? reject(err) : resolve(req.body as Input))),
  );
}

function parseCorrections(body: Input): Correction[] {
  const ops = body.ops;
  if (ops === undefined) throw new MizanError(ErrorCode.FIELD_MISSING, { param: 'ops' });
  if (!Array.isArray(ops) || ops.length === 0)
    throw new MizanError(ErrorCode.INVALID_PARAMETER, { param: 'ops', value: JSON.stringify(ops).slice(0, 100) });
  if (ops.length > MAX_OPS)
    throw new MizanError(ErrorCode.TOO_MANY_CORRECTIONS, { param: 'ops', max: MAX_OPS, count: ops.length });
  return ops.map((op: unknown, k) => {
    const o = (typeof op === 'object' && op !== null ? op : {}) as Record<string, unknown>;
    const int = (key: string) => {
      const v = o[key];
      if (typeof v !== 'number' || !Number.isInteger(v))
        throw new MizanError(ErrorCode.INVALID_CORRECTION, { param: `ops[${k}].${key}`, reason: 'not-an-integer' });
      return v;
    };
    if (o.op === 'merge') return { op: 'merge', row: int('row') };
    if (o.op === 'split') return { op: 'split', row: int('row'), ar: int('ar'), en: int('en'), zh: int('zh') };
    if (o.op === 'move') {
      if (o.lang !== 'ar' && o.lang !== 'en' && o.lang !== 'zh')
        throw new MizanError(ErrorCode.INVALID_CORRECTION, { param: `ops[${k}].lang`, reason: 'unknown-language' });
      if (o.to !== 'prev' && o.to !== 'next')
        throw new MizanError(ErrorCode.INVALID_CORRECTION, { param: `ops[${k}].to`, reason: 'unknown-direction' });
      return { op: 'move', row: int('row'), lang: o.lang, to: o.to };
    }
    throw new MizanError(ErrorCode.INVALID_CORRECTION, { param: `ops[${k}].op`, reason: 'unknown-op' });
  });
}

export function documentRoutes(tm: TranslationMemory, config: Config, toolVersion: string): Router {
  const router = Router();
  router
    .route('/api/v1/documents')
    .get(async (req, res) => {
      const name = new Params(req.query as Input).tm('tm', config.defaultTm);
      const documents = await tm.listDocuments(name);
      res.json({ documents: documents.map(summaryJson) });
    })
    .post(async (req, res) => {
      const input = await importInput(req, config);
      const p = new Params(input);
      const meta = (typeof input.meta === 'object' && input.meta !== null ? input.meta : input) as Input;
      const m = new Params(meta, input.meta ? 'meta.' : '');
      const max = config.maxDocumentChars;
      const request = {
        tm: new Params({ tm: input.tm ?? (req.query as Input).tm }).tm('tm', config.defaultTm),
        title: p.optionalText('title', 500),
        ar: p.text('ar', max),
        en: p.optionalText('en', max),
        zh: p.optionalText('zh', max),
        meta: {
          source: m.optionalText('source', 200),
          date: m.optionalText('date', 10),
          url: m.optionalText('url', 2000),
        },
      };
      if (request.meta.date !== undefined && !isCalendarDate(request.meta.date))
        throw new MizanError(ErrorCode.INVALID_PARAMETER, { param: m.name('date'), value: request.meta.date });
      const { created, document, changed } = await tm.importDocument(request);
      res
        .status(created ? 201 : 200)
        .location(`/api/v1/documents/${document.summary.id}`)
        .json({ ...documentJson(document), unitsWritten: changed });
    })
    .all(methodNotAllowed('GET', 'POST'));
  router
    .route('/api/v1/documents/:id')
    .get(async (req, res) => {
      const p = new Params(req.query as Input);
      const name = p.tm('tm', config.defaultTm);
      const format = (p.string('format') ?? 'json').toLowerCase();
      if (!(FORMATS as readonly string[]).includes(format))
        throw new MizanError(ErrorCode.UNKNOWN_FORMAT, { param: 'format', value: format });
      const id = idParam(req.params.id, ErrorCode.DOCUMENT_NOT_FOUND, name);
      send(res, await tm.getDocument(name, id), format as Format, toolVersion);
    })
    .delete(async (req, res) => {
      const name = new Params(req.query as Input).tm('tm', config.defaultTm);
      await tm.deleteDocument(name, idParam(req.params.id, ErrorCode.DOCUMENT_NOT_FOUND, name));
      res.status(204).end();
    })
    .all(methodNotAllowed('GET', 'DELETE'));
  router
    .route('/api/v1/documents/:id/alignment')
    .patch(jsonBody(config), async (req, res) => {
      const body = req.body as Input;
      const name = new Params({ tm: body.tm ?? (req.query as Input).tm }).tm('tm', config.defaultTm);
      const id = idParam(req.params.id, ErrorCode.DOCUMENT_NOT_FOUND, name);
      const rev =
        body.rev === undefined
          ? undefined
          : new Params(body).int('rev', 0, 0, Number.MAX_SAFE_INTEGER, ErrorCode.INVALID_PARAMETER);
      res.json(documentJson(await tm.correctAlignment(name, id, parseCorrections(body), rev)));
    })
    .all(methodNotAllowed('PATCH'));
  return router;
}

/** YYYY-MM-DD naming a day that exists (2024-02-29 yes, 2023-02-29 and 2024-13-45 no). */
function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const day = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === text;
}
