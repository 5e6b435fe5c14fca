import { ErrorCode } from '../../src/errors';
import {
  flaskArgs,
  jsonpBody,
  jsonpCallback,
  pythonInt,
  werkzeugSegment,
  werkzeugUnquote,
} from '../../src/http/routes/amagama-request';

describe('a tmserver request read as amaGama (Flask, Werkzeug) reads it', () => {
  it('decodes percent-encoding as Werkzeug: a lone % kept, bytes that are not UTF-8 as U+FFFD', () => {
    expect(werkzeugUnquote('caf%C3%A9')).toBe('café');
    expect(werkzeugUnquote('caf%E9')).toBe('caf\uFFFD');
    expect(werkzeugUnquote('x%2')).toBe('x%2');
    expect(werkzeugUnquote('100%')).toBe('100%');
    expect(werkzeugUnquote('%zz%41')).toBe('%zzA');
    expect(werkzeugUnquote('a+b')).toBe('a+b');
    expect(werkzeugUnquote('a+b%2B', true)).toBe('a b+');
    expect(werkzeugUnquote('نص%20')).toBe('نص ');
  });

  it('leaves a path segment that decodes as it is and re-encodes one that does not', () => {
    expect(werkzeugSegment('a%2Fb')).toBe('a%2Fb');
    expect(werkzeugSegment('x%2')).toBe('x%252');
    expect(decodeURIComponent(werkzeugSegment('caf%E9'))).toBe('caf\uFFFD');
  });

  it('takes the first value of a repeated parameter, a bare name as ""', () => {
    const args = flaskArgs('a=1&a=2&b&c=x+y&&d=%E9');
    expect([...args]).toEqual([
      ['a', '1'],
      ['b', ''],
      ['c', 'x y'],
      ['d', '\uFFFD'],
    ]);
  });

  it('reads integers as Python int() does, anything else as not given', () => {
    expect(['12', ' +7 ', '-3', '1_000', '١٢', '０５', '𝟗'].map(pythonInt)).toEqual([12, 7, -3, 1000, 12, 5, 9]);
    for (const bad of [undefined, '', '1.5', '1e3', '_1', '1__0', '--1', 'abc', '0x10'])
      expect([bad, pythonInt(bad)]).toEqual([bad, undefined]);
  });

  it('accepts a callback name that can only name a function, and refuses anything else', () => {
    for (const name of ['cb', '_jsonp42', 'jQuery1234_5678', '$.cb', 'ns.cbs[3]'])
      expect(jsonpCallback(new Map([['jsoncallback', name]]))).toBe(name);
    expect(jsonpCallback(new Map([['jsoncallback', '']]))).toBeUndefined();
    expect(jsonpCallback(new Map([['callback', 'cb']]))).toBeUndefined();
    for (const name of ['alert(1)', 'a-b', '1x', 'a b', "a'", 'x'.repeat(65)])
      expect(() => jsonpCallback(new Map([['jsoncallback', name]]))).toThrow(
        expect.objectContaining({
          code: ErrorCode.INVALID_PARAMETER,
          params: expect.objectContaining({ param: 'jsoncallback' }),
        }),
      );
  });

  it('frames JSON as a call after an empty comment, with U+2028 and U+2029 escaped', () => {
    expect(jsonpBody('cb', Buffer.from('[{"target":"a\u2028b\u2029"}]'))).toBe(
      '/**/cb([{"target":"a\\u2028b\\u2029"}]);',
    );
  });
});
