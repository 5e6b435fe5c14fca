/**
 * The rule for texts the TM must be able to match: at least one word or number. A text of punctuation, symbols,
 * spaces or invisible marks only ("...؟!", "* * *") has no token, so no query could ever find it.
 */
import { ErrorCode, MizanError } from '../errors';
import { hasTokens } from '../normalize';

export function hasWords(text: string): boolean {
  return hasTokens(text);
}

/** Refuses a text without a word or number: TEXT_EMPTY, naming the parameter it came in. */
export function requireWords(text: string, param: string): void {
  if (!hasWords(text)) throw new MizanError(ErrorCode.TEXT_EMPTY, { param });
}
