/** Parsing a match request (GET query string or one item of a batch body). */
import type { Config } from '../config';
import { ErrorCode } from '../errors';
import type { MatchRequest } from '../service';
import { LANGS } from '../types';
import { Params, type Input } from './params';

export const DEFAULT_MIN = 70;
export const DEFAULT_LIMIT = 5;

export function parseMatch(input: Input, config: Config, at = ''): MatchRequest {
  const p = new Params(input, at);
  const q = p.text('q', config.maxQueryChars, ErrorCode.QUERY_MISSING, ErrorCode.QUERY_TOO_LONG);
  const src = p.lang('src', 'ar');
  const request: MatchRequest = {
    q,
    src,
    tgt: p.langs('tgt', src, LANGS),
    min: p.int('min', DEFAULT_MIN, 0, 100, ErrorCode.MIN_OUT_OF_RANGE),
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
