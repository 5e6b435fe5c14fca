/**
 * The amaGama / Translate Toolkit tmserver protocol, which Weblate (`tmserver` machinery), Okapi
 * (TranslateToolkitTMConnector), Virtaal and Pootle let a user point at any base URL:
 *
 * - `GET /tmserver/{src}/{tgt}/unit/{text}?min_similarity=&max_candidates=`, the `.../unit/?source={text}` form, and
 *   both under `/api/v1` too; `GET /tmserver/languages/` (and `/api/v1/languages/`).
 * - Language codes as those clients write them (`ar`, `en_GB`, `zh_CN`, `EN-gb`), read by mizan's one tag parser.
 * - The query read as amaGama (Flask) reads it (amagama-request.ts): a parameter's first value, lenient decoding.
 *   `min_similarity` = max(given or 70, 70), so above 100 nothing matches (`[]`); `max_candidates` = min(given or 5,
 *   30), and the list cut as Python's `results[:n]` cuts it (a negative n leaves out the last -n of what matched,
 *   mizan listing at most MIZAN_MAX_LIMIT); a value that is not an integer counts as not given.
 * - The answer: a JSON array sorted by quality, best first, of `{"quality","rank","source","target"}` (keys sorted as
 *   amaGama's `json.dumps(sort_keys=True)` writes them), with `quality` and `rank` always written as floats
 *   (`100.0`): Okapi casts them to a Java Double. `Cache-Control: max-age=3600, public` as amaGama sends, when
 *   reads are open and the request carries no key; else `private, max-age=3600` (cache-scope.ts).
 * - `jsoncallback=name`, with `MIZAN_AMAGAMA_JSONP=1` only (a script any site may load: a TM read through it is
 *   readable by every page a user visits; off, the parameter is ignored and the answer is JSON). Pootle's editor
 *   loads suggestions as a cross-origin `<script>`; amaGama knows no `callback`: the same JSON as the script
 *   `name(json);` (after an empty comment), `application/javascript`, the one answer another site may embed
 *   (`Cross-Origin-Resource-Policy: cross-origin`). A name that could be anything but a function to call is 400
 *   INVALID_PARAMETER. Errors are never wrapped: amaGama's are HTML pages, mizan's its JSON error, and either way the
 *   `<script>` fails to load (its `error` event), which is what Pootle expects of a lookup that failed.
 * - 404 as amaGama: a source language it does not serve, src = tgt, no text. amaGama's 404 body is Flask's HTML page,
 *   which no client reads; mizan's is its usual JSON error (UNSUPPORTED_LANGUAGE naming what is supported,
 *   SAME_LANGUAGE, QUERY_MISSING). A target it does not serve (`fr`, Traditional Chinese: `zh_TW`, `zh_Hant`) has
 *   nothing to suggest: `[]`, as amaGama answers a target it holds no text in (Weblate's settings check asks en → de).
 * - `/languages/` lists what Weblate pairs up after lower-casing its codes (machinery/base.py,
 *   get_language_possibilities): `zh_hans`, `zh_cn`, `zh_sg` and no bare `zh`, which Weblate falls back to from
 *   `zh_Hant` and `zh_TW`. The unit routes read bare `zh` as Chinese all the same.
 * - Text: `%2F` inside the text is a slash of the text (the path is matched before decoding); a client that sends a
 *   raw `/`, or Virtaal's doubled slash after the base URL, is brought to that form first (`amagamaPaths`), and
 *   percent-encoding that does not decode to UTF-8 is read as Werkzeug reads it. Clients cut long texts (Weblate at
 *   500 characters): what arrives is matched. A text with no words, or longer than MIZAN_MAX_QUERY_CHARS, has no
 *   suggestions (`[]`), as a TM server that finds nothing.
 *
 * The route only translates this wire format around TranslationMemory.match, through the answer cache.
 */
import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { Config } from '../../config';
import { ErrorCode, MizanError, isMizanError, type ErrorParams } from '../../errors';
import {
  requestLanguage,
  tagLanguage,
  withoutPlaceables,
  type Match,
  type MatchRequest,
  type TranslationMemory,
} from '../../service';
import type { Lang } from '../../types';
import type { AnswerCache } from '../answer-cache';
import { cacheFor } from '../cache-scope';
import { methodNotAllowed } from '../errors';
import { matchKey } from '../match-params';
import { allowCrossOriginScript } from '../security';
import { flaskArgs, jsonpBody, jsonpCallback, pythonInt, werkzeugSegment } from './amagama-request';
import { matchOrNothing, rawQuery } from './match';

export const AMAGAMA_MIN_SIMILARITY = 70;
export const AMAGAMA_DEFAULT_CANDIDATES = 5;
export const AMAGAMA_MAX_CANDIDATES = 30;
/**
 * What `/languages/` lists, source and target alike: codes as Weblate writes them once lower-cased. Simplified
 * Chinese by script (`zh_hans`, and `zh_Hans_SG` falls back to it) and by region (`zh_cn`, `zh_sg`); never bare `zh`.
 */
export const AMAGAMA_LANGUAGES = ['ar', 'en', 'zh_cn', 'zh_hans', 'zh_sg'];
/** How long amaGama lets an answer be kept (its `Cache-Control: max-age=3600, public`). */
const MAX_AGE_S = 3600;
const PREFIXES = ['/tmserver', '/api/v1'];
const NOTHING = Buffer.from('[]');

/** amaGama answers these with 404 (`abort(404)`), whatever the error's usual status. */
class NotServed extends MizanError {
  override readonly status = 404;
  constructor(code: ErrorCode, params: ErrorParams) {
    super(code, params);
  }
}

/**
 * Brings a unit path to one form before routing: a raw `/` inside the text becomes `%2F`, the doubled slash Virtaal
 * writes after its base URL (`/api/v1//ar/en/unit/…`) is dropped, and a segment that is not valid percent-encoded
 * UTF-8 (`x%2`, `caf%E9`) is re-encoded as Werkzeug reads it (`x%2`, `caf\uFFFD`) instead of failing to decode.
 */
export const amagamaPaths: RequestHandler = (req, _res, next) => {
  const m = /^(\/tmserver|\/api\/v1)\/+([^/?]+)\/([^/?]+)\/unit\/([^?]*)(\?.*)?$/.exec(req.url);
  if (m) {
    const [src, tgt, text] = [m[2]!, m[3]!, m[4]!.replaceAll('/', '%2F')].map(werkzeugSegment);
    const url = `${m[1]}/${src}/${tgt}/unit/${text}${m[5] ?? ''}`;
    if (url !== req.url) req.url = url;
  }
  next();
};

/** The source language: ar, en or zh, else UNSUPPORTED_LANGUAGE (naming what is supported) answered 404. */
function sourceLanguage(tag: string): Lang {
  try {
    return requestLanguage(tag.slice(0, 100), 'src');
  } catch (error) {
    if (isMizanError(error)) throw new NotServed(error.code, error.params);
    throw error;
  }
}

/** A number as Python writes a float: `100.0`, `88.5`. */
export function pythonFloat(n: number): string {
  return Number.isInteger(n) ? n.toFixed(1) : String(n);
}

/** The answer body: sorted by quality, best first, cut as `results[:candidates]`; units without `tgt` left out. */
export function amagamaBody(matches: readonly Match[], tgt: Lang, candidates = matches.length): string {
  const items = matches
    .filter((m) => m.targets[tgt])
    .sort((a, b) => b.score - a.score)
    .slice(0, candidates)
    .map((m) => {
      const q = pythonFloat(m.score);
      const [source, target] = [withoutPlaceables(m.source.text), withoutPlaceables(m.targets[tgt]!)];
      const texts = `"source":${JSON.stringify(source)},"target":${JSON.stringify(target)}`;
      return `{"quality":${q},"rank":${q},${texts}}`;
    });
  return `[${items.join(',')}]`;
}

/** An answer with amaGama's headers: JSON, or the script that hands it to `callback`. */
function answer(req: Request, res: Response, config: Config, json: Buffer, callback: string | undefined): void {
  cacheFor(req, res, config, MAX_AGE_S);
  if (callback === undefined) {
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.end(json);
    return;
  }
  allowCrossOriginScript(res).setHeader('Content-Type', 'application/javascript; charset=utf-8');
  res.end(jsonpBody(callback, json));
}

export function amagamaRoutes(tm: TranslationMemory, config: Config, cache: AnswerCache): Router {
  const router = Router();
  const languages = Buffer.from(
    JSON.stringify({ sourceLanguages: AMAGAMA_LANGUAGES, targetLanguages: AMAGAMA_LANGUAGES }),
  );

  const unit: RequestHandler = async (req, res) => {
    const args = flaskArgs(rawQuery(req));
    const callback = config.amagamaJsonp ? jsonpCallback(args) : undefined;
    const inPath = req.params.text;
    const text = typeof inPath === 'string' ? inPath : (args.get('source') ?? '');
    const src = sourceLanguage(String(req.params.src));
    const tgt = tagLanguage(String(req.params.tgt).slice(0, 100));
    if (src === tgt) throw new NotServed(ErrorCode.SAME_LANGUAGE, { param: 'tgt', value: String(req.params.tgt) });
    if (text === '') throw new NotServed(ErrorCode.QUERY_MISSING, { param: 'source' });
    const min = Math.max(pythonInt(args.get('min_similarity')) || AMAGAMA_MIN_SIMILARITY, AMAGAMA_MIN_SIMILARITY);
    const candidates = Math.min(
      pythonInt(args.get('max_candidates')) || AMAGAMA_DEFAULT_CANDIDATES,
      AMAGAMA_MAX_CANDIDATES,
    );
    // Nothing to suggest: a target not served, a quality no match reaches, a text too long to match.
    if (tgt === undefined || min > 100 || [...text].length > config.maxQueryChars)
      return answer(req, res, config, NOTHING, callback);
    // A negative count cuts the end off everything that matched: ask for as many as mizan lists.
    const limit = candidates > 0 ? Math.min(candidates, config.maxLimit) : config.maxLimit;
    const request: MatchRequest = { q: text, src, tgt: [tgt], min, limit, tms: [config.defaultTm] };
    const body = await cache.answer(
      `amagama${req.path}?${rawQuery(req)}`,
      // Built already (cheap): nothing for the parse memo to save. The count is in the key: `limit` alone does not
      // tell -1 from -2.
      () => ({ request, key: matchKey(`amagama:${candidates}`, request), tms: request.tms, bytes: 0, memo: false }),
      async (r) => Buffer.from(amagamaBody(await matchOrNothing(tm, r), tgt, candidates)),
    );
    answer(req, res, config, body, callback);
  };

  for (const prefix of PREFIXES) {
    router
      .route(`${prefix}/languages/`)
      .get((req, res) =>
        answer(req, res, config, languages, config.amagamaJsonp ? jsonpCallback(flaskArgs(rawQuery(req))) : undefined),
      )
      .all(methodNotAllowed('GET'));
    router.route(`${prefix}/:src/:tgt/unit/:text`).get(unit).all(methodNotAllowed('GET'));
    router.route(`${prefix}/:src/:tgt/unit/`).get(unit).all(methodNotAllowed('GET'));
  }
  return router;
}
