/**
 * The amaGama / Translate Toolkit tmserver protocol, which Weblate (`tmserver` machinery), Okapi
 * (TranslateToolkitTMConnector), Virtaal and Pootle let a user point at any base URL:
 *
 * - `GET /tmserver/{src}/{tgt}/unit/{text}?min_similarity=&max_candidates=`, the `.../unit/?source={text}` form, and
 *   both under `/api/v1` too; `GET /tmserver/languages/` (and `/api/v1/languages/`).
 * - Language codes as those clients write them (`ar`, `en_GB`, `zh_CN`, `EN-gb`), read by mizan's one tag parser.
 * - `min_similarity` = max(given or 70, 70) and `max_candidates` = min(given or 5, 30), as amaGama clamps them; a value
 *   that is not an integer counts as not given.
 * - The answer: a JSON array sorted by quality, best first, of `{"quality","rank","source","target"}` (keys sorted as
 *   amaGama's `json.dumps(sort_keys=True)` writes them), with `quality` and `rank` always written as floats
 *   (`100.0`): Okapi casts them to a Java Double. `Cache-Control: max-age=3600, public` as amaGama sends.
 * - 404 as amaGama: a source language it does not serve, src = tgt, no text. amaGama's 404 body is Flask's HTML page,
 *   which no client reads; mizan's is its usual JSON error (UNSUPPORTED_LANGUAGE naming what is supported,
 *   SAME_LANGUAGE, QUERY_MISSING). An unsupported target is a 404 too (amaGama would list nothing for it).
 * - Text: `%2F` inside the text is a slash of the text (the path is matched before decoding); a client that sends a
 *   raw `/`, or Virtaal's doubled slash after the base URL, is brought to that form first (`amagamaPaths`). Clients
 *   cut long texts (Weblate at 500 characters): what arrives is matched. A text with no words, or longer than
 *   MIZAN_MAX_QUERY_CHARS, has no suggestions (`[]`), as a TM server that finds nothing.
 *
 * The route only translates this wire format around TranslationMemory.match, through the answer cache.
 */
import { Router, type RequestHandler } from 'express';
import type { Config } from '../../config';
import { ErrorCode, MizanError, isMizanError, type ErrorParams } from '../../errors';
import { requestLanguage, type Match, type MatchRequest, type TranslationMemory } from '../../service';
import { LANGS, type Lang } from '../../types';
import type { AnswerCache } from '../answer-cache';
import { methodNotAllowed } from '../errors';
import { matchKey } from '../match-params';
import { Params, type Input } from '../params';
import { matchOrNothing, rawQuery } from './match';

export const AMAGAMA_MIN_SIMILARITY = 70;
export const AMAGAMA_DEFAULT_CANDIDATES = 5;
export const AMAGAMA_MAX_CANDIDATES = 30;
const CACHE_CONTROL = 'max-age=3600, public';
const PREFIXES = ['/tmserver', '/api/v1'];

/** amaGama answers these with 404 (`abort(404)`), whatever the error's usual status. */
class NotServed extends MizanError {
  override readonly status = 404;
  constructor(code: ErrorCode, params: ErrorParams) {
    super(code, params);
  }
}

/**
 * Brings a unit path to one form before routing: a raw `/` inside the text becomes `%2F`, and the doubled slash
 * Virtaal writes after its base URL (`/api/v1//ar/en/unit/…`) is dropped.
 */
export const amagamaPaths: RequestHandler = (req, _res, next) => {
  const m = /^(\/tmserver|\/api\/v1)\/+([^/?]+)\/([^/?]+)\/unit\/([^?]*)(\?.*)?$/.exec(req.url);
  if (m && (m[4]!.includes('/') || req.url[m[1]!.length + 1] === '/'))
    req.url = `${m[1]}/${m[2]}/${m[3]}/unit/${m[4]!.replaceAll('/', '%2F')}${m[5] ?? ''}`;
  next();
};

/** `int(value)` as amaGama reads it: a whole number, else undefined (anything else counts as not given). */
function intArg(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^\s*[+-]?\d+\s*$/.test(value)) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** ar, en or zh, else UNSUPPORTED_LANGUAGE (naming what is supported) answered 404 as amaGama does. */
function language(tag: string, param: string): Lang {
  try {
    return requestLanguage(tag.slice(0, 100), param);
  } catch (error) {
    if (isMizanError(error)) throw new NotServed(error.code, error.params);
    throw error;
  }
}

/** A number as Python writes a float: `100.0`, `88.5`. */
export function pythonFloat(n: number): string {
  return Number.isInteger(n) ? n.toFixed(1) : String(n);
}

/** The answer body: sorted by quality, best first; units without a `tgt` text are left out. */
export function amagamaBody(matches: readonly Match[], tgt: Lang): string {
  const items = matches
    .filter((m) => m.targets[tgt])
    .sort((a, b) => b.score - a.score)
    .map((m) => {
      const q = pythonFloat(m.score);
      const texts = `"source":${JSON.stringify(m.source.text)},"target":${JSON.stringify(m.targets[tgt])}`;
      return `{"quality":${q},"rank":${q},${texts}}`;
    });
  return `[${items.join(',')}]`;
}

export function amagamaRoutes(tm: TranslationMemory, config: Config, cache: AnswerCache): Router {
  const router = Router();

  const unit: RequestHandler = async (req, res) => {
    const query = req.query as Input;
    const inPath = req.params.text;
    const text = typeof inPath === 'string' ? inPath : (new Params(query).string('source') ?? '');
    const src = language(String(req.params.src), 'src');
    const tgt = language(String(req.params.tgt), 'tgt');
    if (src === tgt) throw new NotServed(ErrorCode.SAME_LANGUAGE, { param: 'tgt', value: String(req.params.tgt) });
    if (text === '') throw new NotServed(ErrorCode.QUERY_MISSING, { param: 'source' });
    const min = Math.min(100, Math.max(intArg(query.min_similarity) || AMAGAMA_MIN_SIMILARITY, AMAGAMA_MIN_SIMILARITY));
    const limit = Math.max(
      1,
      Math.min(intArg(query.max_candidates) || AMAGAMA_DEFAULT_CANDIDATES, AMAGAMA_MAX_CANDIDATES),
    );
    const request: MatchRequest = {
      q: text,
      src,
      tgt: [tgt],
      min,
      limit: Math.min(limit, config.maxLimit),
      tms: [config.defaultTm],
    };
    const body =
      [...text].length > config.maxQueryChars
        ? Buffer.from('[]')
        : await cache.answer(
            `amagama${req.path}?${rawQuery(req)}`,
            // Built already (cheap): nothing for the parse memo to save.
            () => ({ request, key: matchKey('amagama', request), tms: request.tms, bytes: 0, memo: false }),
            async (r) => Buffer.from(amagamaBody(await matchOrNothing(tm, r), tgt)),
          );
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Cache-Control', CACHE_CONTROL);
    res.end(body);
  };

  for (const prefix of PREFIXES) {
    router
      .route(`${prefix}/languages/`)
      .get((_req, res) => {
        res.set('Cache-Control', CACHE_CONTROL).json({ sourceLanguages: [...LANGS], targetLanguages: [...LANGS] });
      })
      .all(methodNotAllowed('GET'));
    router.route(`${prefix}/:src/:tgt/unit/:text`).get(unit).all(methodNotAllowed('GET'));
    router.route(`${prefix}/:src/:tgt/unit/`).get(unit).all(methodNotAllowed('GET'));
  }
  return router;
}
