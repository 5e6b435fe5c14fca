/**
 * Values a client may send anywhere a string is expected: deeply nested JSON, objects with a `toString` or `__proto__`
 * key. Each is quoted in an error message in bounded time and space, or refused with a 400 code; none throws a
 * TypeError or RangeError (a 500).
 */
import { ErrorCode, MizanError } from '../../src/errors';
import { flattenLeaves, placePath, setPath, MAX_DEPTH } from '../../src/formats/i18next';
import { Params, preview } from '../../src/http/params';

/** JSON nested `depth` arrays deep, parsed as a body parser would. */
const nested = (depth: number) => JSON.parse(`${'['.repeat(depth)}1${']'.repeat(depth)}`) as unknown;

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    if (error instanceof MizanError) return error.code;
    throw error;
  }
  return undefined;
};

describe('preview', () => {
  it('quotes strings as they are and other values as JSON, at most max characters', () => {
    expect(preview('abc')).toBe('abc');
    expect(preview({ a: [1, 'x', null, true] })).toBe('{"a":[1,"x",null,true]}');
    expect(preview(undefined)).toBe('null');
    expect(preview('x'.repeat(500))).toHaveLength(100);
    expect(preview(Array.from({ length: 10_000 }, (_, i) => i)).length).toBeLessThanOrEqual(100);
  });

  it('quotes JSON nested 100,000 deep without overflowing the stack', () => {
    const text = preview(nested(100_000));
    expect(text.startsWith('[[[[')).toBe(true);
    expect(text).toContain('[…]');
  });

  it('quotes objects with toString, valueOf or __proto__ keys', () => {
    const hostile = JSON.parse('{"toString":1,"valueOf":2,"__proto__":{"x":1}}') as unknown;
    expect(preview(hostile)).toBe('{"toString":1,"valueOf":2,"__proto__":{"x":1}}');
    expect(preview([JSON.parse('{"toString":1}')])).toBe('[{"toString":1}]');
  });
});

describe('Params with hostile values', () => {
  const params = (json: string) => new Params(JSON.parse(json) as Record<string, unknown>);

  it('refuses an object with a toString key where a language or a TM name is expected', () => {
    expect(codeOf(() => params('{"tgt":[{"toString":1}]}').langs('tgt', 'ar', ['en', 'zh']))).toBe(
      ErrorCode.UNSUPPORTED_LANGUAGE,
    );
    expect(codeOf(() => params('{"tm":[{"toString":1}]}').tms('tm', 'main'))).toBe(ErrorCode.INVALID_PARAMETER);
    expect(codeOf(() => params('{"tm":{"__proto__":{"a":1}}}').tms('tm', 'main'))).toBe(ErrorCode.INVALID_PARAMETER);
    expect(codeOf(() => params('{"q":{"toString":1}}').text('q', 100))).toBe(ErrorCode.INVALID_PARAMETER);
  });

  it('refuses a value nested 20,000 deep with a bounded quote of it', () => {
    const p = new Params({ min: nested(20_000), q: nested(20_000) });
    expect(codeOf(() => p.int('min', 70, 0, 100, ErrorCode.MIN_OUT_OF_RANGE))).toBe(ErrorCode.MIN_OUT_OF_RANGE);
    const error = (() => {
      try {
        return p.text('q', 100);
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(MizanError);
    expect(String((error as MizanError).params.value).length).toBeLessThanOrEqual(100);
  });
});

describe('i18next resources with hostile shapes', () => {
  it(`refuses resources nested deeper than ${MAX_DEPTH} levels instead of walking them`, () => {
    let deep: Record<string, unknown> = { leaf: 'text' };
    for (let i = 0; i < 10_000; i++) deep = { k: deep };
    expect(codeOf(() => flattenLeaves(deep))).toBe(ErrorCode.INVALID_BODY);
  });

  it('refuses a __proto__ key, and never writes through one onto Object.prototype', () => {
    expect(codeOf(() => flattenLeaves(JSON.parse('{"__proto__":{"polluted":"x"}}')))).toBe(ErrorCode.INVALID_BODY);
    const out: Record<string, unknown> = {};
    expect(setPath(out, ['__proto__', 'polluted'], 'x')).toBe(false);
    expect(placePath(out, ['__proto__', 'polluted'], 'x')).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(setPath(out, ['toString', 'x'], 'y')).toBe(true); // an ordinary key that happens to name a method
    expect(out).toEqual({ toString: { x: 'y' } });
  });
});
