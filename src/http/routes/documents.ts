/**
 * Documents: list, fetch (json, tmx, tsv, html), import a text triple (JSON or multipart files), correct the
 * alignment, mark rows reviewed, delete. A document's ETag names its rev, its format and the TM's change counter
 * ("rev-<n>.json.s<seq>", "rev-<n>.tmx.s<seq>", etag.ts: documentTag); PATCH alignment, PATCH review and DELETE
 * honour If-Match (412 when the document is at another rev, or one of its rows' units was written after the tag's
 * seq), as well as the body's `rev` (409 DOCUMENT_CHANGED).
 */
import { Router, type Request, type Response } from 'express';
import type { Config } from '../../config';
import { ErrorCode, MizanError } from '../../errors';
import {
  EXPORT_FORMATS,
  exportDocument,
  requireLanguage,
  type ExportFormat,
  type ReviewedDocument,
  type TranslationMemory,
  type WriteOutcome,
} from '../../service';
import { methodNotAllowed } from '../errors';
import { acceptedType } from '../negotiate';
import { documentTag, documentTagsOf, ifMatchOf, setTag } from '../etag';
import { jsonBody } from '../json-body';
import { answerOnce } from '../idempotency';
import { sendJson } from '../json-stream';
import { readMultipart } from '../multipart';
import { parseCorrections, parseImport, parseReview } from '../document-params';
import { documentJson, readCursor, summaryJson, writeCursor } from '../document-json';
import { idParam, Params, tmQuery, writeTm, type Input } from '../params';
import { authorOf, type TmClaim } from '../access';
import { setExportPolicy } from '../security';

const FORMATS = ['json', 'i18next', ...EXPORT_FORMATS] as const;
type Format = (typeof FORMATS)[number];

/** Media types a client may ask for with Accept; at equal preference (and for `*\/*`) JSON comes first. */
const ACCEPTED: Record<string, Format> = {
  'application/json': 'json',
  'application/x-tmx+xml': 'tmx',
  'text/tab-separated-values': 'tsv',
  'text/html': 'html',
};

/** Documents per page of GET /api/v1/documents, by default and at most. */
export const DOCUMENT_PAGE = 100;
export const MAX_DOCUMENT_PAGE = 1000;

/** `?format=` when given (it wins: a link can name it), else the best of Accept, else JSON. */
function formatOf(req: Request, p: Params): Format {
  const asked = p.string('format');
  if (asked === undefined || asked === '') {
    const type = acceptedType(req, Object.keys(ACCEPTED));
    return (type && ACCEPTED[type]) || 'json';
  }
  const format = asked.toLowerCase();
  if (!(FORMATS as readonly string[]).includes(format))
    throw new MizanError(ErrorCode.UNKNOWN_FORMAT, { param: 'format', value: format, expected: FORMATS });
  return format as Format;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  tmx: 'application/x-tmx+xml; charset=utf-8',
  tsv: 'text/tab-separated-values; charset=utf-8',
  html: 'text/html; charset=utf-8',
};

/**
 * i18next resources: one language's bundle with `lang`, else every language's, keyed by language; tagged with the
 * rev and TM seq they were made from, one tag per representation (`rev-3.i18next.s41`, `rev-3.i18nexten.s41`).
 */
async function sendI18next(res: Response, tm: TranslationMemory, name: string, id: string, lang: string | undefined) {
  const one = lang === undefined || lang === '' ? undefined : requireLanguage(lang, 'lang'); // '': the default
  const { rev, seq, bundles } = await tm.documentI18nextAt(name, id, one ? [one] : undefined);
  setTag(res, documentTag(rev, `i18next${one ?? ''}`, seq)).json(one ? (bundles[one] ?? {}) : bundles);
}

/**
 * The HTML page holds TM text: nothing in it may run. Its one inline <style> is all it needs; no script, image,
 * frame or form. Set here even when helmet sets a CSP for the whole app (the stricter one of the two holds).
 */
export const HTML_EXPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

async function send(res: Response, doc: ReviewedDocument, format: Exclude<Format, 'i18next'>, toolVersion: string) {
  if (format === 'json') return sendJson(res, documentJson(doc));
  if (format === 'html') res.set({ 'Content-Security-Policy': HTML_EXPORT_CSP, 'X-Content-Type-Options': 'nosniff' });
  // TMX and TSV are files to keep; the HTML page is for reading (and printing) in the browser.
  if (format !== 'html') res.set('Content-Disposition', `attachment; filename="${doc.summary.id}.${format}"`);
  else setExportPolicy(res);
  res.type(CONTENT_TYPES[format]).send(exportDocument(doc, format, toolVersion));
}

async function importInput(req: Request, config: Config): Promise<Input> {
  if (req.is('multipart/form-data')) return readMultipart(req, config.maxDocumentChars * 4);
  if (!req.is('application/json'))
    throw new MizanError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, {
      reason: 'media-type',
      expected: ['application/json', 'multipart/form-data'],
    });
  return new Promise((resolve, reject) =>
    jsonBody(config)(req, {} as Response, (err?: unknown) => (err ? reject(err) : resolve(req.body as Input))),
  );
}

/**
 * What a write with these If-Match tags must be made against: '*' for `*` (any, the document existing), else the
 * current rev when a tag names the document as it is (its rev, and no unit of its rows written after its seq: an
 * import does that without moving the rev; service/document-if-match.ts) with that seq, else 412.
 */
async function ifMatchRev(tm: TranslationMemory, name: string, id: string, tags: string[]) {
  const matched = await tm.matchedRev(name, id, documentTagsOf(tags));
  if (matched === undefined) throw new MizanError(ErrorCode.PRECONDITION_FAILED, { id });
  return matched;
}

/**
 * A write of a document's rows (PATCH alignment, PATCH review) made once per Idempotency-Key, against the rev the
 * client saw: the body's `rev` (409 DOCUMENT_CHANGED when stale) and If-Match (412 when the document is no longer as
 * the tag names it; both given, they must name the same rev). Answers the document as written, with its new ETag.
 */
async function rowWrite(
  req: Request,
  res: Response,
  tm: TranslationMemory,
  scope: WriteTarget & { route: string },
  write: (rev: number | undefined, since?: number) => Promise<ReviewedDocument>,
): Promise<void> {
  const body = req.body as Input;
  const { tm: name, id, rev } = scope;
  const written = (doc: ReviewedDocument): WriteOutcome => ({
    status: 200,
    headers: { ETag: `"${documentTag(doc.summary.rev, 'json', doc.seq)}"` },
    body: documentJson(doc),
  });
  await answerOnce(req, res, tm, { tm: name, route: scope.route, body: [body, ifMatchOf(req)] }, async () => {
    const tags = ifMatchOf(req);
    const expected = tags && (await ifMatchRev(tm, name, id, tags));
    if (expected === undefined || expected === '*') return written(await write(rev));
    // If-Match and the body's rev must name the same revision; the write is made against it (checked atomically),
    // and against the tag's seq once it has read the rows.
    if (rev !== undefined && rev !== expected.rev) throw new MizanError(ErrorCode.PRECONDITION_FAILED, { id });
    const doc = await write(expected.rev, expected.since).catch((err: unknown) => {
      if (err instanceof MizanError && err.code === ErrorCode.DOCUMENT_CHANGED)
        throw new MizanError(ErrorCode.PRECONDITION_FAILED, { id });
      throw err;
    });
    return written(doc);
  });
}

interface WriteTarget {
  tm: string;
  id: string;
  /** The rev the body names, if any. */
  rev?: number;
}

/** The TM a row write names (in its body, else its query), the document's id and the rev the body names. */
function writeTarget(req: Request, config: Config): WriteTarget {
  const body = req.body as Input;
  const name = writeTm(req.query as Input, body, config.defaultTm);
  const id = idParam(req.params.id, ErrorCode.DOCUMENT_NOT_FOUND, name);
  if (body.rev === undefined) return { tm: name, id };
  return { tm: name, id, rev: new Params(body).int('rev', 0, 0, Number.MAX_SAFE_INTEGER, ErrorCode.INVALID_PARAMETER) };
}

export function documentRoutes(tm: TranslationMemory, config: Config, toolVersion: string, claim: TmClaim): Router {
  const router = Router();
  router
    .route('/api/v1/documents')
    .get(async (req, res) => {
      const p = new Params(req.query as Input);
      const name = p.tm('tm', config.defaultTm);
      const limit = p.int('limit', DOCUMENT_PAGE, 1, MAX_DOCUMENT_PAGE, ErrorCode.LIMIT_OUT_OF_RANGE);
      const page = await tm.documentPage(name, readCursor(name, p.string('cursor')), limit);
      res.json({ documents: page.documents.map(summaryJson), cursor: page.next ? writeCursor(name, page.next) : null });
    })
    .post(async (req, res) => {
      const input = await importInput(req, config);
      const request = parseImport(input, req.query as Input, config);
      await claim(res, request.tm);
      await answerOnce(req, res, tm, { tm: request.tm, route: 'POST /api/v1/documents', body: input }, async () => {
        const { created, document, changed } = await tm.importDocument(request);
        return {
          status: created ? 201 : 200,
          headers: { Location: `/api/v1/documents/${document.summary.id}${tmQuery(request.tm, config.defaultTm)}` },
          body: { ...documentJson(document), unitsWritten: changed },
        };
      });
    })
    .all(methodNotAllowed('GET', 'POST'));
  router
    .route('/api/v1/documents/:id')
    .get(async (req, res) => {
      const p = new Params(req.query as Input);
      const name = p.tm('tm', config.defaultTm);
      const format = formatOf(req, p);
      const id = idParam(req.params.id, ErrorCode.DOCUMENT_NOT_FOUND, name);
      res.vary('Accept');
      if (format === 'i18next') return void (await sendI18next(res, tm, name, id, p.string('lang')));
      const doc = await tm.getDocument(name, id);
      // One tag per representation (the format may come from Accept on the same URL); If-Match reads the rev in it.
      await send(setTag(res, documentTag(doc.summary.rev, format, doc.seq)), doc, format, toolVersion);
    })
    .delete(async (req, res) => {
      const name = new Params(req.query as Input).tm('tm', config.defaultTm);
      const tags = ifMatchOf(req);
      const id = idParam(req.params.id, ErrorCode.DOCUMENT_NOT_FOUND, name);
      await answerOnce(req, res, tm, { tm: name, route: 'DELETE /api/v1/documents/:id', body: tags }, async () => {
        const expected = tags && (await ifMatchRev(tm, name, id, tags));
        await tm.deleteDocument(name, id, expected && [expected === '*' ? '*' : expected.rev]);
        return { status: 204, headers: {} };
      });
    })
    .all(methodNotAllowed('GET', 'DELETE'));
  router
    .route('/api/v1/documents/:id/alignment')
    .patch(jsonBody(config), async (req, res) => {
      const target = writeTarget(req, config);
      const ops = parseCorrections(req.body as Input);
      await rowWrite(req, res, tm, { ...target, route: 'PATCH /api/v1/documents/:id/alignment' }, (rev, since) =>
        tm.correctAlignment(target.tm, target.id, ops, { rev, since, by: authorOf(res) }),
      );
    })
    .all(methodNotAllowed('PATCH'));
  router
    .route('/api/v1/documents/:id/review')
    .patch(jsonBody(config), async (req, res) => {
      const target = writeTarget(req, config);
      const { rows, reviewed } = parseReview(req.body as Input);
      await rowWrite(req, res, tm, { ...target, route: 'PATCH /api/v1/documents/:id/review' }, (rev, since) =>
        tm.markReviewed({ tm: target.tm, id: target.id, rows, reviewed, rev, since }),
      );
    })
    .all(methodNotAllowed('PATCH'));
  return router;
}
