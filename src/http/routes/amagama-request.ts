/**
 * A tmserver request read as amaGama reads it (Flask on Werkzeug: amagama/views/api.py), so that what a client sends
 * means to mizan what it means to amaGama:
 *
 * - `request.args.get(name)`: a query parameter named twice counts by its first value; `+` is a space; percent-
 *   encoding that is not valid (`%2`, `%E9` alone) is read as Werkzeug reads it, never refused: a `%` without two
 *   hex digits stays as it is and bytes that are not UTF-8 become U+FFFD.
 * - the path the same way (`werkzeugSegment`), before Express would refuse it with a 400.
 * - `int(value)` as Python reads it (`pythonInt`): spaces around, a sign, digits (any script's decimal digits, `_`
 *   between two of them); anything else counts as not given.
 * - `jsoncallback`, which Pootle's editor sends to load suggestions as a cross-origin `<script>`, and which
 *   amaGama's `jsonwrapper` writes around the JSON: here only a name that can be nothing but a function to call
 *   (`jsonpCallback`).
 */
import { ErrorCode, MizanError } from '../../errors';

/** Percent-decoding as Werkzeug does it; `plus`: `+` is a space (query strings). */
export function werkzeugUnquote(s: string, plus = false): string {
  if (!s.includes('%') && !(plus && s.includes('+'))) return s;
  const bytes: Buffer[] = [];
  let from = 0;
  const flush = (to: number) => to > from && bytes.push(Buffer.from(s.slice(from, to), 'utf8'));
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '%' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      flush(i);
      bytes.push(Buffer.of(parseInt(s.slice(i + 1, i + 3), 16)));
      from = i + 3;
      i += 2;
    } else if (plus && c === '+') {
      flush(i);
      bytes.push(Buffer.of(0x20));
      from = i + 1;
    }
  }
  flush(s.length);
  // TextDecoder's default (not fatal): each byte sequence that is not UTF-8 becomes U+FFFD, as Python's 'replace'.
  return new TextDecoder().decode(Buffer.concat(bytes));
}

/**
 * A path segment Express can decode: itself when it is valid percent-encoding, else re-encoded as Werkzeug reads it.
 */
export function werkzeugSegment(segment: string): string {
  try {
    decodeURIComponent(segment);
    return segment;
  } catch {
    return encodeURIComponent(werkzeugUnquote(segment));
  }
}

/** The query string as `request.args` reads it: each name's first value. */
export function flaskArgs(raw: string): Map<string, string> {
  const args = new Map<string, string>();
  for (const pair of raw.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = werkzeugUnquote(eq < 0 ? pair : pair.slice(0, eq), true);
    if (!args.has(name)) args.set(name, eq < 0 ? '' : werkzeugUnquote(pair.slice(eq + 1), true));
  }
  return args;
}

const PYTHON_INT = /^([+-]?)(\p{Nd}+(?:_\p{Nd}+)*)$/u;
const DIGIT = /^\p{Nd}$/u;

/** A decimal digit's value: Unicode keeps decimal digits in contiguous runs of ten, 0 to 9 (stability policy). */
function digitValue(cp: number): number {
  let before = 0;
  while (DIGIT.test(String.fromCodePoint(cp - before - 1))) before++;
  return before % 10;
}

/** `int(value)` as Python reads a string, or undefined where Python raises (amaGama then counts it as not given). */
export function pythonInt(value: string | undefined): number | undefined {
  const m = value === undefined ? null : PYTHON_INT.exec(value.trim());
  if (!m) return undefined;
  let n = 0;
  for (const ch of m[2]!) if (ch !== '_') n = n * 10 + digitValue(ch.codePointAt(0)!);
  return m[1] === '-' ? -n : n;
}

/** A callback name that can only name a function to call: `cb`, `jQuery1234_5678`, `_jsonp42`, `ns.cbs[3]`. */
const CALLBACK = /^[A-Za-z_$][\w$.[\]]*$/;
export const MAX_CALLBACK = 64;

/**
 * The `jsoncallback` of a request, or undefined for none (amaGama writes plain JSON for an empty one too); any other
 * name is INVALID_PARAMETER, as is one longer than MAX_CALLBACK characters.
 */
export function jsonpCallback(args: Map<string, string>): string | undefined {
  const name = args.get('jsoncallback');
  if (!name) return undefined;
  if (name.length > MAX_CALLBACK || !CALLBACK.test(name))
    throw new MizanError(ErrorCode.INVALID_PARAMETER, { param: 'jsoncallback', value: name.slice(0, MAX_CALLBACK) });
  return name;
}

/**
 * A JSON answer as the script a `<script>` runs: `name(json);` after an empty comment, which keeps any answer from
 * starting with bytes a plug-in could take for its own format (the callback is the one part a page chooses); U+2028
 * and U+2029, valid in JSON but line ends to older script parsers, are escaped.
 */
export function jsonpBody(callback: string, json: Buffer | string): string {
  const text = json
    .toString()
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return `/**/${callback}(${text});`;
}
