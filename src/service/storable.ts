/**
 * The rule for the characters of a text the TM stores: those XML 1.0 can carry, so that a TMX export gives back what
 * was written. Refused: C0 controls other than tab, line feed and carriage return; U+FFFE and U+FFFF; a surrogate
 * that is not half of a pair (Redis stores UTF-8, which would make it U+FFFD). Tab, LF, CR, private use characters,
 * U+FFFD and supplementary characters (emoji, CJK extension B) are all kept.
 */
import { ErrorCode, MizanError } from '../errors';

/** The first character a stored text may not hold: a control, U+FFFE/U+FFFF, or a lone surrogate (UTF-16 mode). */
const UNSTORABLE = new RegExp(
  [
    '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF]',
    '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])', // a high surrogate not followed by a low one
    '(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]', // a low surrogate not after a high one
  ].join('|'),
);

/**
 * Where a text first holds a character it may not be stored with: its position in characters (code points, a
 * surrogate pair counting one) from 1, and the character as `U+XXXX`; undefined when there is none.
 */
export function unstorableAt(text: string): { position: number; character: string } | undefined {
  const found = UNSTORABLE.exec(text);
  if (!found) return undefined;
  let position = 1;
  for (let i = 0; i < found.index; i++) {
    const c = text.charCodeAt(i);
    if (!(c >= 0xdc00 && c <= 0xdfff && i > 0 && isHigh(text.charCodeAt(i - 1)))) position++;
  }
  const code = text.charCodeAt(found.index);
  return { position, character: `U+${code.toString(16).toUpperCase().padStart(4, '0')}` };
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;

/**
 * Refuses, with 400 INVALID_CHARACTER naming the field and the position, the first of `fields` (texts by the name a
 * client sent them under; undefined ones are absent) holding a character it may not be stored with.
 */
export function requireStorable(fields: Readonly<Record<string, string | undefined>>): void {
  for (const [param, text] of Object.entries(fields)) {
    const at = text === undefined ? undefined : unstorableAt(text);
    if (at)
      throw new MizanError(ErrorCode.INVALID_CHARACTER, { param, position: at.position, character: at.character });
  }
}
