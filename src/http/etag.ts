/**
 * ETag and If-Match. A unit's tag comes from the store (store/unit-tag.ts: a hash of its fields, compared by the
 * write scripts themselves); a document's is its rev, `"rev-<n>"`. A failed If-Match answers 412 PRECONDITION_FAILED.
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

/** A document's entity tag (without quotes) for its rev: `rev-<n>` as JSON, `rev-<n>.<format>` in another format. */
export function documentTag(rev: number, format = 'json'): string {
  return format === 'json' ? `rev-${rev}` : `rev-${rev}.${format}`;
}

/** The revs If-Match tags name ('*' kept); tags that name no rev are left out (they match nothing). */
export function revsOf(tags: readonly string[]): (number | '*')[] {
  return tags.flatMap<number | '*'>((t) => {
    if (t === '*') return ['*'];
    const m = /^rev-(\d+)(?:\.[a-z0-9]+)?$/.exec(t);
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
