/** Parsing a match request (GET query string or one item of a batch body). */
import type { Config } from '../config';
import { ErrorCode } from '../errors';
import type { MatchRequest } from '../service';
import { LANGS } from '../types';
import type { Parsed } from './answer-cache';
import { Params, type Input } from './params';

export const DEFAULT_MIN = 70;
export const DEFAULT_LIMIT = 5;

/** The parameters of GET /api/v1/match. */
const MATCH_PARAMS = new Set(['q', 'src', 'tgt', 'min', 'limit', 'tm', 'explain', 'prev', 'next']);

export function parseMatch(input: Input, config: Config, at = ''): MatchRequest {
  const p = new Params(input, at);
  const q = p.text('q', config.maxQueryChars, ErrorCode.QUERY_MISSING, ErrorCode.QUERY_TOO_LONG);
  const src = p.lang('src', 'ar');
  const request: MatchRequest = {
    q,
    src,
    tgt: p.langs('tgt', src, LANGS),
    min: p.int('min', DEFAULT_MIN, config.minFloor, 101, ErrorCode.MIN_OUT_OF_RANGE), // 101: context matches only
    limit: p.int('limit', DEFAULT_LIMIT, 1, config.maxLimit, ErrorCode.LIMIT_OUT_OF_RANGE),
    tms: p.tms('tm', config.defaultTm),
    explain: p.flag('explain'),
  };
  const prev = p.optionalText('prev', config.maxQueryChars);
  const next = p.optionalText('next', config.maxQueryChars);
  if (prev !== undefined) request.prev = prev;
  if (next !== undefined) request.next = next;
  return request;
}

/**
 * A match request as the answer cache names it: `route` and every field that shapes the answer, so that two
 * requests with the same key get the same body.
 */
export function matchKey(route: string, r: MatchRequest): string {
  return JSON.stringify([route, r.q, r.src, r.tgt, r.min, r.limit, r.tms, r.explain ?? false, r.prev, r.next]);
}

/** Bytes the texts of a request hold (UTF-16 in memory). */
export function requestBytes(r: MatchRequest): number {
  return 2 * (r.q.length + (r.prev?.length ?? 0) + (r.next?.length ?? 0)) + 64;
}

/** Only known parameters: a raw query string holding anything else is not remembered (see answer-cache.ts). */
export function onlyKnown(input: Input, known: ReadonlySet<string>): boolean {
  for (const name in input) if (!known.has(name)) return false;
  return true;
}

/** GET /api/v1/match, parsed and named for the answer cache. */
export function parseMatchQuery(input: Input, config: Config): Parsed<MatchRequest> {
  const request = parseMatch(input, config);
  return {
    request,
    key: matchKey('match', request),
    tms: request.tms,
    bytes: requestBytes(request),
    memo: onlyKnown(input, MATCH_PARAMS),
  };
}
