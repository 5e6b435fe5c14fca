/**
 * A page cursor is bound to the TM whose page gave it: `<tag>.<inner>`, where tag is 8 hex digits of a hash of the
 * TM's name and inner is the place in that TM's list (unit-pages.ts, the document list's [order, id]). A cursor
 * used on another TM is refused as an invalid parameter rather than read as a place in this one, which would answer
 * an arbitrary page or an empty one that looks like the end. The tag is not a signature: a client that forges a
 * cursor can only walk a TM it may already read, from a place it chose, and every inner form is checked as before.
 */
import { createHash } from 'node:crypto';
import { ErrorCode, MizanError } from '../errors';

const TAGGED = /^([0-9a-f]{8})\.(.{1,400})$/s;

function tmTag(tm: string): string {
  return createHash('sha256').update(`mizan page cursor\n${tm}`).digest('hex').slice(0, 8);
}

export function invalidCursor(text: string): MizanError {
  return new MizanError(ErrorCode.INVALID_PARAMETER, { param: 'cursor', value: text.slice(0, 100) });
}

/** The cursor a client passes back for the page after `inner` in `tm`. */
export function sealCursor(tm: string, inner: string): string {
  return `${tmTag(tm)}.${inner}`;
}

/**
 * The place a cursor names in `tm` (`start`, the place every walk starts from, as it is); INVALID_PARAMETER (param
 * cursor) when it is not one `tm` gave.
 */
export function openCursor(tm: string, text: string, start?: string): string {
  if (start !== undefined && text === start) return start;
  const m = TAGGED.exec(text);
  if (!m || m[1] !== tmTag(tm)) throw invalidCursor(text);
  return m[2]!;
}
