/** Documents as the API answers them in JSON, and the cursor of a page of the document list. */
import { ErrorCode, MizanError } from '../errors';
import { openCursor, sealCursor, type DocumentCursor, type DocumentSummary, type ReviewedDocument } from '../service';
import { LANGS } from '../types';

/** A page's end in `tm` as an opaque cursor: base64url of [order, id], bound to the TM (service/page-cursors.ts). */
export function writeCursor(tm: string, cursor: DocumentCursor): string {
  return sealCursor(tm, Buffer.from(JSON.stringify([cursor.order, cursor.id])).toString('base64url'));
}

export function readCursor(tm: string, text: string | undefined): DocumentCursor | undefined {
  if (!text) return undefined;
  const bad = () => new MizanError(ErrorCode.INVALID_PARAMETER, { param: 'cursor', value: text.slice(0, 100) });
  const inner = openCursor(tm, text);
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(inner)) throw bad();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(inner, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(value) || value.length !== 2) throw bad();
  const [order, id] = value as unknown[];
  if (typeof order !== 'number' || !Number.isFinite(order) || typeof id !== 'string') throw bad();
  if (!/^[A-Za-z0-9_.-]{1,128}$/.test(id)) throw bad();
  return { order, id };
}

export function summaryJson(d: DocumentSummary) {
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

export function documentJson(doc: ReviewedDocument) {
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
      ...(r.reviewed && { reviewed: r.reviewed }),
      ...(r.reasons?.length && { reasons: r.reasons }),
      ...(r.split && { split: r.split }),
    })),
  };
}
