/**
 * ETag and If-Match. A unit's tag comes from the store (store/unit-tag.ts: a hash of its fields, compared by the
 * write scripts themselves); a document's is its rev, `"rev-<n>"`, and an export's its rev, format and the TM's
 * change counter (exportTag). A failed If-Match answers 412 PRECONDITION_FAILED.
 */
import type { Request, Response } from 'express';

/**
 * An If-Match header's tags without their quotes, ['*'], or undefined when there is none. A weak tag (W/"…") is kept
 * as written, so it never matches: If-Match compares strongly (RFC 9110, 13.1.1).
 */
export function parseIfMatch(header: string | undefined): string[] | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  if (header.trim() === '*') return ['*'];
  return header
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)
    .map((t) => (t.startsWith('"') && t.endsWith('"') && t.length >= 2 ? t.slice(1, -1) : t));
}

/** A document's entity tag (without quotes) as JSON: `rev-<n>`, its rev. */
export function documentTag(rev: number): string {
  return `rev-${rev}`;
}

/**
 * The entity tag of a document's export (TMX, TSV, HTML, i18next; `format` names it, with the language of a one-
 * language bundle): `rev-<n>.<format>.s<seq>`, `seq` the TM's change counter as it stood when the rows were read
 * (StoredDocument.seq). An export holds the texts and TMX metadata of the rows' units, which an import rewrites
 * without writing the document (its rev stays): every write of a unit moves the seq, so the tag changes whenever the
 * export may have (a write elsewhere in the TM too: a client then gets the same bytes again, never stale ones).
 */
export function exportTag(rev: number, format: string, seq: number): string {
  return `rev-${rev}.${format}.s${seq}`;
}

/** The revs If-Match tags name ('*' kept); tags that name no rev are left out (they match nothing). */
export function revsOf(tags: readonly string[]): (number | '*')[] {
  return tags.flatMap<number | '*'>((t) => {
    if (t === '*') return ['*'];
    const m = /^rev-(\d+)(?:\.[a-z0-9]+){0,2}$/.exec(t);
    return m ? [Number(m[1])] : [];
  });
}

/** The If-Match of a request, parsed. */
export function ifMatchOf(req: Request): string[] | undefined {
  return parseIfMatch(req.get('If-Match'));
}

export function setTag(res: Response, tag: string): Response {
  return res.set('ETag', `"${tag}"`);
}
