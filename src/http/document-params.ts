/** Parsing a document import (JSON or multipart fields) and a list of alignment corrections. */
import type { Config } from '../config';
import { ErrorCode, MizanError } from '../errors';
import { MAX_REVIEW_ROWS, requireStorable, type Correction, type ImportRequest } from '../service';
import { Params, preview, writeTm, type Input } from './params';

/** Most corrections in one PATCH. */
export const MAX_OPS = 200;

/**
 * An import from its fields (`meta` may be an object or its fields may sit beside the texts, as in a form; a `meta`
 * that is not an object is refused, not dropped).
 */
export function parseImport(input: Input, query: Input, config: Config): ImportRequest {
  const p = new Params(input);
  if (input.meta !== undefined && (typeof input.meta !== 'object' || input.meta === null || Array.isArray(input.meta)))
    throw new MizanError(ErrorCode.INVALID_PARAMETER, { param: 'meta', value: preview(input.meta) });
  const meta = (input.meta ?? input) as Input;
  const m = new Params(meta, input.meta ? 'meta.' : '');
  const max = config.maxDocumentChars;
  const request = {
    tm: writeTm(query, input, config.defaultTm),
    title: p.optionalText('title', 500),
    ar: p.text('ar', max),
    en: p.optionalText('en', max),
    zh: p.optionalText('zh', max),
    meta: { source: m.optionalText('source', 200), date: m.optionalText('date', 10), url: m.optionalText('url', 2000) },
  };
  const { title, ar, en, zh, meta: given } = request;
  requireStorable({ ar, en, zh, title, [m.name('source')]: given.source, [m.name('url')]: given.url });
  if (request.meta.date !== undefined && !isCalendarDate(request.meta.date))
    throw new MizanError(ErrorCode.INVALID_PARAMETER, { param: m.name('date'), value: request.meta.date });
  return request;
}

export function parseCorrections(body: Input): Correction[] {
  const ops = body.ops;
  if (ops === undefined) throw new MizanError(ErrorCode.FIELD_MISSING, { param: 'ops' });
  if (!Array.isArray(ops) || ops.length === 0)
    throw new MizanError(ErrorCode.INVALID_PARAMETER, { param: 'ops', value: preview(ops) });
  if (ops.length > MAX_OPS)
    throw new MizanError(ErrorCode.TOO_MANY_CORRECTIONS, {
      param: 'ops',
      reason: 'corrections',
      max: MAX_OPS,
      got: ops.length,
    });
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

/**
 * Rows to mark reviewed (PATCH …/review): `rows`, positions from 0 as in `segments` (at least one, at most
 * MAX_REVIEW_ROWS), and `reviewed` (true, the default, marks them; false takes the marks back).
 */
export function parseReview(body: Input): { rows: number[]; reviewed: boolean } {
  const rows = body.rows;
  if (rows === undefined) throw new MizanError(ErrorCode.FIELD_MISSING, { param: 'rows' });
  if (!Array.isArray(rows) || rows.length === 0)
    throw new MizanError(ErrorCode.INVALID_PARAMETER, { param: 'rows', value: preview(rows) });
  if (rows.length > MAX_REVIEW_ROWS)
    throw new MizanError(ErrorCode.TOO_MANY_CORRECTIONS, {
      param: 'rows',
      reason: 'review-rows',
      max: MAX_REVIEW_ROWS,
      got: rows.length,
    });
  rows.forEach((row: unknown, k) => {
    if (typeof row !== 'number' || !Number.isInteger(row) || row < 0)
      throw new MizanError(ErrorCode.INVALID_PARAMETER, { param: `rows[${k}]`, value: preview(row) });
  });
  const reviewed = body.reviewed ?? true;
  if (typeof reviewed !== 'boolean')
    throw new MizanError(ErrorCode.INVALID_PARAMETER, { param: 'reviewed', value: preview(reviewed) });
  return { rows: rows as number[], reviewed };
}

/** YYYY-MM-DD naming a day that exists (2024-02-29 yes, 2023-02-29 and 2024-13-45 no). */
function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const day = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === text;
}
