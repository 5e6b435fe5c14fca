/** The count of values a JSON body holds, read from its raw bytes before it is parsed (http/json-body.ts). */
import { jsonValueCount, MAX_JSON_VALUES } from '../../src/http/json-body';

const count = (json: string, stopAt?: number) => jsonValueCount(Buffer.from(json), stopAt);

describe('jsonValueCount', () => {
  it('counts one per comma and opening bracket outside strings', () => {
    expect(count('{"a":1}')).toBe(1);
    expect(count('[1,2,3]')).toBe(3);
    expect(count('{"queries":[{"q":"x"},{"q":"y"}]}')).toBe(5);
  });

  it('skips strings whole, escaped quotes and backslashes included', () => {
    expect(count('{"q":"a,b,[c]{d}"}')).toBe(1);
    expect(count('{"q":"say \\"a,b\\" [x]"}')).toBe(1);
    expect(count('{"q":"ends in a backslash \\\\","r":[1,2]}')).toBe(4);
    expect(count(JSON.stringify({ q: 'كلمة, '.repeat(10_000) }))).toBe(1);
  });

  it('stops counting past stopAt', () => {
    expect(count(`[${'1,'.repeat(1000)}1]`, 10)).toBe(11);
  });

  it('counts an unterminated string up to where it starts', () => {
    expect(count('[1,2,"abc')).toBe(3);
  });

  it('counts the values of an object of more than MAX_JSON_VALUES keys past the limit', () => {
    const wide = `{${Array.from({ length: MAX_JSON_VALUES + 1 }, (_, i) => `"k${i}":${i}`).join(',')}}`;
    expect(count(wide, MAX_JSON_VALUES)).toBeGreaterThan(MAX_JSON_VALUES);
  });
});
