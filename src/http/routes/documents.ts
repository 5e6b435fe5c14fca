/** GET /api/v1/documents and /api/v1/documents/:id (json, tmx or tsv). */
import { Router, type Response } from 'express';
import type { Config } from '../../config';
import { ErrorCode, MizanError } from '../../errors';
import { writeTmx, writeTsv } from '../../formats';
import type { TranslationMemory } from '../../service';
import type { DocumentSummary, StoredDocument } from '../../store';
import { methodNotAllowed } from '../errors';
import { idParam, Params, type Input } from '../params';

const FORMATS = ['json', 'tmx', 'tsv'] as const;
type Format = (typeof FORMATS)[number];

function summaryJson(d: DocumentSummary) {
  return {
    id: d.id,
    tm: d.tm,
    title: d.titles.ar,
    titles: d.titles,
    source: d.source,
    date: d.date,
    ...(d.url ? { url: d.url } : {}),
    order: d.order,
    segments: d.segments,
    languages: ['ar', 'en', 'zh'],
    created: new Date(d.created).toISOString(),
    updated: new Date(d.updated).toISOString(),
  };
}

function documentJson(doc: StoredDocument) {
  const { segments, ...summary } = summaryJson(doc.summary);
  return {
    ...summary,
    segmentCount: segments,
    segments: doc.rows.map((r) => ({ position: r.position, paragraph: r.paragraph, unitId: r.unitId, ar: r.ar, en: r.en, zh: r.zh })),
  };
}

function send(res: Response, doc: StoredDocument, format: Format, toolVersion: string): void {
  const id = doc.summary.id;
  if (format === 'json') {
    res.json(documentJson(doc));
    return;
  }
  const disposition = (ext: string) => `attachment; filename="${id}.${ext}"`;
  if (format === 'tmx') {
    const body = writeTmx([{ meta: doc.summary, segments: doc.rows }], {
      toolVersion,
      creationDate: new Date(doc.summary.updated),
      unitId: (_, position) => doc.rows[position]!.unitId,
    });
    res.type('application/x-tmx+xml; charset=utf-8').set('Content-Disposition', disposition('tmx')).send(body);
    return;
  }
  res.type('text/tab-separated-values; charset=utf-8').set('Content-Disposition', disposition('tsv')).send(writeTsv(doc.rows));
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
    .all(methodNotAllowed('GET'));
  router
    .route('/api/v1/documents/:id')
    .get(async (req, res) => {
      const p = new Params(req.query as Input);
      const name = p.tm('tm', config.defaultTm);
      const format = (p.string('format') ?? 'json').toLowerCase();
      if (!(FORMATS as readonly string[]).includes(format)) throw new MizanError(ErrorCode.UNKNOWN_FORMAT, { param: 'format', value: format });
      const id = idParam(req.params.id, ErrorCode.DOCUMENT_NOT_FOUND, name);
      send(res, await tm.getDocument(name, id), format as Format, toolVersion);
    })
    .all(methodNotAllowed('GET'));
  return router;
}
