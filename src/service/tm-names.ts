/**
 * The one rule for TM names, for the routes (http/params.ts) and the scripts alike: TM_NAME (config), taken as it is
 * (no trimming, no lowercasing: "Main" is not "main"). A TM name ends up inside Redis keys and backup file names.
 */
import { TM_NAME } from '../config';
import { ErrorCode, MizanError, preview } from '../errors';

export function isTmName(value: unknown): value is string {
  return typeof value === 'string' && TM_NAME.test(value);
}

/** `value` when it is a TM name; else INVALID_PARAMETER naming `param`, worded as the API words it. */
export function requireTmName(value: unknown, param = 'tm'): string {
  if (isTmName(value)) return value;
  throw new MizanError(ErrorCode.INVALID_PARAMETER, { param, value: preview(value) });
}
