/**
 * ETag and If-Match. A unit's tag comes from the store (store/unit-tag.ts: a hash of its fields, compared by the
 * write scripts themselves); a document's names its rev, its format and the TM's change counter (documentTag:
 * `"rev-<n>.json.s<seq>"` as JSON), and If-Match holds while the rev is the same and no unit of the document was
 * written after the seq (service/document-if-match.ts). A failed If-Match answers 412 PRECONDITION_FAILED.
 */
import type { Request, Response } from 'express';
import type { DocumentIfMatch } from '../service';

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

/**
 * A document's entity tag (without quotes) in a format (json, tmx, tsv, html, i18next; with the language of a one-
 * language bundle): `rev-<n>.<format>.s<seq>`, `seq` the TM's change counter as it stood when the rows were read
 * (StoredDocument.seq). Every representation, JSON too, holds the texts of the rows' units (an export their TMX
 * metadata as well), which an import rewrites without writing the document (its rev stays): every write of a unit
 * moves the seq, so the tag changes whenever the representation may have (a write elsewhere in the TM too: a client
 * then gets the same bytes again, never stale ones). If-Match reads the rev and the seq in it (documentTagsOf).
 */
export function documentTag(rev: number, format: string, seq: number): string {
  return `rev-${rev}.${format}.s${seq}`;
}

/**
 * The document tags If-Match names ('*' kept): `rev-<n>.<format>.s<seq>` as documentTag makes them, and the shorter
 * `rev-<n>` and `rev-<n>.<format>` of earlier versions (clients may hold them), which name no seq; tags that name no
 * rev are left out (they match nothing). The service compares them (service/document-if-match.ts).
 */
export function documentTagsOf(tags: readonly string[]): DocumentIfMatch[] {
  return tags.flatMap<DocumentIfMatch>((t) => {
    if (t === '*') return ['*'];
    const m = /^rev-(\d+)(?:\.[a-z0-9]+)?(?:\.([a-z0-9]+))?$/.exec(t);
    if (!m) return [];
    const seq = m[2] && /^s(\d+)$/.exec(m[2]);
    return [{ rev: Number(m[1]), ...(seq && { seq: Number(seq[1]) }) }];
  });
}

/** The If-Match of a request, parsed. */
export function ifMatchOf(req: Request): string[] | undefined {
  return parseIfMatch(req.get('If-Match'));
}

export function setTag(res: Response, tag: string): Response {
  return res.set('ETag', `"${tag}"`);
}
