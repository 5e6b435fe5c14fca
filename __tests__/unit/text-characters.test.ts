import { ErrorCode, MizanError } from '../../src/errors';
import { requireStorable, unstorableAt } from '../../src/service';

describe('characters a stored text may hold (those XML 1.0, and so TMX, can carry)', () => {
  it.each([
    ['plain Arabic, English and Chinese', 'نص عربي, English, 中文'],
    ['tab, line feed and carriage return', 'a\tb\nc\r\nd'],
    ['a surrogate pair (an emoji, a supplementary Han character)', 'a 😀 𠀋 z'],
    ['private use and U+FFFD', '\uE000\uFFFD'],
    ['the empty text', ''],
  ])('accepts %s', (_name, text) => {
    expect(unstorableAt(text)).toBeUndefined();
  });

  it.each([
    ['NUL', 'ab\u0000c', 3, 'U+0000'],
    ['U+0001', '\u0001', 1, 'U+0001'],
    ['vertical tab', 'x\u000Bx', 2, 'U+000B'],
    ['U+001F', 'x\u001F', 2, 'U+001F'],
    ['U+FFFE', 'x\uFFFE', 2, 'U+FFFE'],
    ['U+FFFF', '\uFFFFx', 1, 'U+FFFF'],
    ['a lone high surrogate', 'نص \ud800 مع', 4, 'U+D800'],
    ['a lone low surrogate', 'ab\udc00', 3, 'U+DC00'],
    ['a high surrogate at the end', 'abc\udbff', 4, 'U+DBFF'],
    ['two high surrogates in a row', '\ud800\ud800\udc00', 1, 'U+D800'],
  ])('finds %s, counting characters (code points) from 1', (_name, text, position, character) => {
    expect(unstorableAt(text)).toEqual({ position, character });
  });

  it('counts a surrogate pair before the character as one character', () => {
    expect(unstorableAt('😀😀\u0000')).toEqual({ position: 3, character: 'U+0000' });
  });

  it('refuses a text holding one with INVALID_CHARACTER, naming the field and the position', () => {
    let caught: unknown;
    try {
      requireStorable({ ar: 'نص', 'meta.source': 'x\u0007' });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(MizanError);
    expect(caught).toMatchObject({
      code: ErrorCode.INVALID_CHARACTER,
      status: 400,
      params: { param: 'meta.source', position: 2, character: 'U+0007' },
    });
    expect(() => requireStorable({ ar: 'نص', en: undefined })).not.toThrow();
  });
});
