/** Reading and validating request parameters. Each failure is a MizanError with a stable code. */
import type { Request } from 'express';
import { TM_NAME } from '../config';
import { ErrorCode, MizanError } from '../errors';
import { isLang, type Lang } from '../types';

type Query = Request['query'];

/** A single string parameter; repeated parameters are rejected rather than silently picking one. */
export function stringParam(query: Query, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new MizanError(ErrorCode.INVALID_PARAMETER, { param: name, value: String(value) });
  return value;
}

export function langParam(query: Query, name: string, fallback: Lang): Lang {
  const value = stringParam(query, name);
  if (value === undefined || value === '') return fallback;
  const lang = value.toLowerCase();
  if (!isLang(lang)) throw new MizanError(ErrorCode.UNKNOWN_LANGUAGE, { param: name, value });
  return lang;
}

/** Comma-separated languages, deduplicated, none equal to `src`. */
export function langListParam(query: Query, name: string, src: Lang, fallback: readonly Lang[]): Lang[] {
  const value = stringParam(query, name);
  if (value === undefined || value.trim() === '') return fallback.filter((l) => l !== src);
  const out: Lang[] = [];
  for (const raw of value.split(',')) {
    const lang = raw.trim().toLowerCase();
    if (!isLang(lang)) throw new MizanError(ErrorCode.UNKNOWN_LANGUAGE, { param: name, value: raw.trim() });
    if (lang === src) throw new MizanError(ErrorCode.SAME_LANGUAGE, { param: name, value: lang });
    if (!out.includes(lang)) out.push(lang);
  }
  return out;
}

/** A whole number in [min, max]; `code` names the error when it is not. */
export function intParam(query: Query, name: string, fallback: number, min: number, max: number, code: ErrorCode): number {
  const value = stringParam(query, name);
  if (value === undefined || value === '') return fallback;
  const n = /^[+-]?\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new MizanError(code, { param: name, value, min, max });
  return n;
}

export function flagParam(query: Query, name: string): boolean {
  const value = stringParam(query, name);
  if (value === undefined) return false;
  if (['1', 'true', 'yes', ''].includes(value.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(value.toLowerCase())) return false;
  throw new MizanError(ErrorCode.INVALID_PARAMETER, { param: name, value });
}

export function tmParam(query: Query, fallback: string): string {
  const value = stringParam(query, 'tm');
  if (value === undefined || value === '') return fallback;
  if (!TM_NAME.test(value)) throw new MizanError(ErrorCode.UNKNOWN_TM, { tm: value });
  return value;
}

/** Path ids (documents, units): a bounded, printable alphabet; anything else cannot exist, so it is a 404. */
export function idParam(value: string | string[] | undefined, notFound: ErrorCode, tm: string): string {
  const id = Array.isArray(value) ? value.join('/') : (value ?? '');
  if (!/^[A-Za-z0-9_.-]{1,128}$/.test(id)) throw new MizanError(notFound, { id: id.slice(0, 128), tm });
  return id;
}
