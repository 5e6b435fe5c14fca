/** Parsing a concordance request (GET /api/v1/concordance). */
import type { Config } from '../config';
import { ErrorCode } from '../errors';
import type { ConcordanceRequest } from '../service';
import { Params, type Input } from './params';

export const DEFAULT_CONCORDANCE_LIMIT = 20;
export const MAX_CONCORDANCE_LIMIT = 100;
/** Deepest page: the hits before it are counted, so a deeper offset costs as much as reading them. */
export const MAX_CONCORDANCE_OFFSET = 1_000_000;

export function parseConcordance(input: Input, config: Config): ConcordanceRequest {
  const p = new Params(input);
  return {
    q: p.text('q', config.maxQueryChars, ErrorCode.QUERY_MISSING, ErrorCode.QUERY_TOO_LONG),
    lang: p.lang('lang', 'ar'),
    tms: p.tms('tm', config.defaultTm),
    offset: p.int('offset', 0, 0, MAX_CONCORDANCE_OFFSET, ErrorCode.INVALID_PARAMETER),
    limit: p.int('limit', DEFAULT_CONCORDANCE_LIMIT, 1, MAX_CONCORDANCE_LIMIT, ErrorCode.LIMIT_OUT_OF_RANGE),
  };
}
