/**
 * Content negotiation on the media type alone. Express's `req.accepts` (negotiator) takes an Accept entry with
 * parameters (`text/html;charset=utf-8`, `application/json; version=1`) to match only an offer with the same
 * parameters, so a client that names a charset would get the default instead of what it asked for. Here every
 * parameter but `q` is dropped before negotiating: what counts is the type and the preference.
 */
import type { Request } from 'express';

/** The Accept header with each entry's parameters other than q dropped. */
export function acceptWithoutParameters(header: string): string {
  return header
    .split(',')
    .map((entry) => {
      const [type, ...params] = entry.split(';');
      const q = params.find((p) => /^\s*q\s*=/i.test(p));
      return q === undefined ? type!.trim() : `${type!.trim()};${q.trim()}`;
    })
    .join(',');
}

/** The offered type the client prefers (the first at equal preference, or with no Accept), false if none. */
export function acceptedType(req: Request, offered: readonly string[]): string | false {
  const header = req.headers.accept;
  if (header === undefined) return offered[0] ?? false;
  const plain = { headers: { accept: acceptWithoutParameters(header) } };
  return (req.accepts as (this: unknown, types: string[]) => string | false).call(plain, [...offered]);
}
