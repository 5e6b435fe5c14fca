/**
 * Reading and validating request parameters, from a query string or a JSON body alike. Each failure is a
 * MizanError with a stable code and the parameter's name (with its place in a batch: `queries[3].q`).
 */
import querystring from 'node:querystring';
import { ErrorCode, MizanError, preview } from '../errors';

export { preview };
import { DOCUMENT_ID, isTmName, JOB_ID, requestLanguage, UNIT_ID } from '../service';
import type { Lang } from '../types';

export type Input = Record<string, unknown>;

/**
 * The app's query parser: Node's, except that a query string which is not valid percent-encoded UTF-8 is refused
 * (Node would keep "%A" or turn %FF into U+FFFD, and we would match on that), naming the parameter at fault and its
 * value as sent, not the whole query. Express parses on first use of `req.query`, inside the route, so the error
 * reaches the error middleware like any other.
 */
export function parseQueryString(query: string): Input {
  let malformed = false;
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch (err) {
      malformed = true;
      throw err; // Node falls back to its lenient decoding; the flag is what counts
    }
  };
  const parsed = querystring.parse(query, '&', '=', { decodeURIComponent: decode });
  if (malformed) throw notUtf8(query);
  return parsed;
}

const decodes = (s: string) => {
  try {
    decodeURIComponent(s.replaceAll('+', ' '));
    return true;
  } catch {
    return false;
  }
};

/** The INVALID_PARAMETER of the first name or value of `query` that is not percent-encoded UTF-8 (as sent, cut). */
function notUtf8(query: string): MizanError {
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    const [name, value] = eq < 0 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)];
    if (!decodes(name))
      return new MizanError(ErrorCode.INVALID_PARAMETER, { param: name.slice(0, 100), context: 'name-not-utf8' });
    if (!decodes(value))
      return new MizanError(ErrorCode.INVALID_PARAMETER, {
        param: decodeURIComponent(name.replaceAll('+', ' ')).slice(0, 100),
        value: value.slice(0, 100),
        context: 'not-utf8',
      });
  }
  return new MizanError(ErrorCode.INVALID_PARAMETER, { param: 'query', value: query.slice(0, 100) }); // not reached
}

/** Reads the parameters of one object; `at` prefixes names in errors. */
export class Params {
  constructor(
    private readonly input: Input,
    private readonly at = '',
  ) {}

  name(key: string): string {
    return `${this.at}${key}`;
  }

  private fail(code: ErrorCode, key: string, extra: Record<string, string | number> = {}): never {
    const value = this.input[key];
    throw new MizanError(code, {
      param: this.name(key),
      value: preview(value),
      ...extra,
    });
  }

  /** A string; repeated query parameters and non-strings are rejected rather than guessed at. */
  string(key: string): string | undefined {
    const value = this.input[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') this.fail(ErrorCode.INVALID_PARAMETER, key);
    return value;
  }

  /** A required, non-blank text of at most `max` characters. */
  text(
    key: string,
    max: number,
    missing: ErrorCode = ErrorCode.FIELD_MISSING,
    tooLong: ErrorCode = ErrorCode.TEXT_TOO_LONG,
  ): string {
    const value = this.string(key);
    if (value === undefined || value.trim() === '') this.fail(missing, key);
    return this.bounded(key, value, max, tooLong);
  }

  /** An optional text of at most `max` characters ('' allowed). */
  optionalText(key: string, max: number): string | undefined {
    const value = this.string(key);
    return value === undefined ? undefined : this.bounded(key, value, max, ErrorCode.TEXT_TOO_LONG);
  }

  private bounded(key: string, value: string, max: number, code: ErrorCode): string {
    if (value.length <= max) return value; // never more characters than code units: nothing to count
    const length = codePoints(value);
    if (length > max) throw new MizanError(code, { param: this.name(key), length, max });
    return value;
  }

  /** A language as BCP 47 or POSIX in any case (`ar-EG`, `en_GB`, `zh-Hans`); else UNSUPPORTED_LANGUAGE. */
  lang(key: string, fallback: Lang): Lang {
    const value = this.string(key);
    if (value === undefined || value === '') return fallback;
    return requestLanguage(value.slice(0, 100), this.name(key));
  }

  /** Languages as "en,zh" or ["en","zh"] (each read as `lang` reads one), deduplicated, none equal to `src`. */
  langs(key: string, src: Lang, fallback: readonly Lang[]): Lang[] {
    const value = this.input[key];
    if (value === undefined || value === null || value === '') return fallback.filter((l) => l !== src);
    const list =
      typeof value === 'string'
        ? value.split(',')
        : Array.isArray(value)
          ? value
          : this.fail(ErrorCode.INVALID_PARAMETER, key);
    if (list.length === 0) this.fail(ErrorCode.INVALID_PARAMETER, key); // names no language: not "the default"
    const out: Lang[] = [];
    for (const raw of list) {
      const lang = requestLanguage(preview(raw), this.name(key));
      if (lang === src) throw new MizanError(ErrorCode.SAME_LANGUAGE, { param: this.name(key), value: lang });
      if (!out.includes(lang)) out.push(lang);
    }
    return out;
  }

  /** A whole number in [min, max] (a JSON number or a decimal string); `code` names the error otherwise. */
  int(key: string, fallback: number, min: number, max: number, code: ErrorCode): number {
    const value = this.input[key];
    if (value === undefined || value === null || value === '') return fallback;
    const n =
      typeof value === 'number'
        ? value
        : typeof value === 'string' && /^[+-]?\d+$/.test(value.trim())
          ? Number(value)
          : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) this.fail(code, key, { min, max });
    return n;
  }

  /**
   * 1/true/yes or 0/false/no (any case); absent, null or empty (`explain=`) is the default, false, as for any
   * parameter.
   */
  flag(key: string): boolean {
    const value = this.input[key];
    if (value === undefined || value === null || value === '') return false;
    if (typeof value === 'boolean') return value;
    if (value === 1 || value === 0) return value === 1; // a JSON body's 1/0, as explain=1 in a query string
    if (typeof value === 'string' && ['1', 'true', 'yes'].includes(value.toLowerCase())) return true;
    if (typeof value === 'string' && ['0', 'false', 'no'].includes(value.toLowerCase())) return false;
    return this.fail(ErrorCode.INVALID_PARAMETER, key);
  }

  /**
   * TM names, "a,b" or ["a","b"], in priority order; each must match TM_NAME as it is (" main" is not "main") and
   * appear once (existence is checked later). Anything else is INVALID_PARAMETER.
   */
  tms(key: string, fallback: string): string[] {
    const value = this.input[key];
    if (value === undefined || value === null || value === '') return [fallback];
    const list =
      typeof value === 'string'
        ? value.split(',')
        : Array.isArray(value)
          ? value
          : this.fail(ErrorCode.INVALID_PARAMETER, key);
    if (list.length > MAX_TMS) this.fail(ErrorCode.INVALID_PARAMETER, key);
    const out: string[] = [];
    for (const raw of list) {
      if (!isTmName(raw) || out.includes(raw)) this.fail(ErrorCode.INVALID_PARAMETER, key);
      out.push(raw);
    }
    return out;
  }

  /** One TM name. */
  tm(key: string, fallback: string): string {
    const tms = this.tms(key, fallback);
    if (tms.length !== 1) this.fail(ErrorCode.INVALID_PARAMETER, key);
    return tms[0]!;
  }
}

const HIGH_SURROGATE = /[\ud800-\udbff]/;

/**
 * Characters as a reader counts them (code points), without making an array of them; a text without a surrogate (a
 * native search) has as many as code units.
 */
function codePoints(text: string): number {
  if (!HIGH_SURROGATE.test(text)) return text.length;
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) n--; // a surrogate pair is one character
  }
  return n;
}

/**
 * The one TM a write names, in its body or its query (else `fallback`). Both given and different is
 * INVALID_PARAMETER (param tm): silently taking one would let a write land in another TM than its URL names, which a
 * proxy or log reading the URL would not see.
 */
export function writeTm(query: Input, body: Input | undefined, fallback: string): string {
  const given = (v: unknown) => v !== undefined && v !== null && v !== '';
  const inQuery = query.tm;
  const inBody = body?.tm;
  if (given(inQuery) && given(inBody) && inQuery !== inBody)
    throw new MizanError(ErrorCode.INVALID_PARAMETER, {
      param: 'tm',
      value: `${preview(inBody)} ≠ ${preview(inQuery)}`,
    });
  return new Params({ tm: given(inBody) ? inBody : inQuery }).tm('tm', fallback);
}

/** What a Location names a resource of `tm` by: its TM in the query, unless it is the default TM. */
export function tmQuery(tm: string, defaultTm: string): string {
  return tm === defaultTm ? '' : `?tm=${encodeURIComponent(tm)}`;
}

/** Most TMs one request may search. */
export const MAX_TMS = 10;

const ID_PATTERNS: Partial<Record<ErrorCode, RegExp>> = {
  DOCUMENT_NOT_FOUND: DOCUMENT_ID,
  UNIT_NOT_FOUND: UNIT_ID,
  JOB_NOT_FOUND: JOB_ID,
};

/**
 * A path id of the kind whose absence is `notFound` (a document, unit or job id): one that does not match its
 * kind's pattern is INVALID_PARAMETER (as it is: never trimmed into another id); a well-formed one may still be
 * absent (`notFound`, 404, said by the service).
 */
export function idParam(value: string | string[] | undefined, notFound: ErrorCode, _tm: string): string {
  const id = Array.isArray(value) ? value.join('/') : (value ?? '');
  if (!ID_PATTERNS[notFound]!.test(id))
    throw new MizanError(ErrorCode.INVALID_PARAMETER, { param: 'id', value: id.slice(0, 128) });
  return id;
}
