/**
 * The MyMemory response shape, which many scripts and editor plugins parse and some let a user point at another host:
 * `GET /get?q=…&langpair=ar|en` (also `ar-SA|en-GB`, `ar_SA|en_GB`; `mt`, `key`, `of`, `de` are accepted and
 * ignored). The route only translates this wire format around TranslationMemory.match (default TM, min 70, 5
 * matches), through the answer cache.
 *
 * - `matches[]` as MyMemory writes them: `id`, `segment`, `translation`, `source`/`target` (the langpair's tags as
 *   sent), `quality` a string (mizan's score), `reference` null, `subject` "All", `match` a number 0–1 (the score /
 *   100; 101, a context match, is 1), and what the unit keeps of its history (service/unit-history.ts): `usage-count`
 *   its TMX `usagecount` (else 0), `created-by`/`last-updated-by` its `creationid`/`changeid` (else "mizan"),
 *   `create-date` its `creationdate` and `last-update-date` its `changedate`, else when mizan last wrote it, as
 *   MyMemory writes dates ("2023-02-04 09:39:47", UTC); "0000-00-00 00:00:00" for a date it does not have. Each is
 *   the target `tuv`'s when it has one; a change mizan made is the `changedate`/`changeid` (lua/unit-history.lua).
 * - `responseData.translatedText` is the best match's translation, "" when nothing matched; `responseData.match` its
 *   `match` (0 when none). A text with no words has no matches.
 * - A client's mistake (no q, no or bad langpair, an unsupported language, q longer than MIZAN_MAX_QUERY_CHARS —
 *   more lenient than MyMemory's 500 bytes) is answered with its usual status and `error` object, and beside it the
 *   MyMemory fields with `responseStatus` 403 and the message in `responseDetails`. MyMemory also puts the message in
 *   `translatedText`; mizan leaves that "" so that a script cannot paste an error into a translation.
 */
import { Router } from 'express';
import type { Config } from '../../config';
import { ErrorCode, MizanError, isMizanError } from '../../errors';
import type { Translator } from '../../i18n';
import {
  requestLanguage,
  withoutPlaceables,
  type Match,
  type MatchRequest,
  type TranslationMemory,
  type UnitHistory,
} from '../../service';
import type { Lang } from '../../types';
import type { AnswerCache } from '../answer-cache';
import { errorAnswer, methodNotAllowed } from '../errors';
import { answerLanguage } from '../language';
import { DEFAULT_LIMIT, DEFAULT_MIN, matchKey, onlyKnown, requestBytes } from '../match-params';
import { Params, type Input } from '../params';
import { matchOrNothing, rawQuery } from './match';

const KNOWN_PARAMS = new Set(['q', 'langpair', 'mt', 'key', 'of', 'de', 'ip', 'onlyprivate']);
const NO_DATE = '0000-00-00 00:00:00';

interface MyMemoryRequest {
  match: MatchRequest;
  /** The langpair's tags as the client wrote them (echoed in each match's source and target). */
  srcTag: string;
  tgtTag: string;
}

function parseLangpair(p: Params): { src: Lang; tgt: Lang; srcTag: string; tgtTag: string } {
  const langpair = p.string('langpair');
  if (langpair === undefined || langpair.trim() === '')
    throw new MizanError(ErrorCode.FIELD_MISSING, { param: 'langpair' });
  const tags = langpair.split('|').map((t) => t.trim());
  if (tags.length !== 2) throw new MizanError(ErrorCode.INVALID_PARAMETER, { param: 'langpair', value: langpair });
  const [srcTag, tgtTag] = tags as [string, string];
  const src = requestLanguage(srcTag.slice(0, 100), 'langpair');
  const tgt = requestLanguage(tgtTag.slice(0, 100), 'langpair');
  if (src === tgt) throw new MizanError(ErrorCode.SAME_LANGUAGE, { param: 'langpair', value: tgtTag });
  return { src, tgt, srcTag, tgtTag };
}

function parse(input: Input, config: Config): MyMemoryRequest {
  const p = new Params(input);
  const q = p.text('q', config.maxQueryChars, ErrorCode.QUERY_MISSING, ErrorCode.QUERY_TOO_LONG);
  const { src, tgt, srcTag, tgtTag } = parseLangpair(p);
  const match = { q, src, tgt: [tgt], min: DEFAULT_MIN, limit: DEFAULT_LIMIT, tms: [config.defaultTm] };
  return { match, srcTag, tgtTag };
}

/** The MyMemory fields around `responseData` and `matches`. */
function envelope(status: number, details: string) {
  return {
    quotaFinished: false,
    mtLangSupported: null,
    responseDetails: details,
    responseStatus: status,
    responderId: null,
    exception_code: null,
  };
}

/** A date as MyMemory writes one: `2023-02-04 09:39:47` (UTC). */
const myMemoryDate = (date: Date | undefined) => (date ? date.toISOString().slice(0, 19).replace('T', ' ') : NO_DATE);

/** `history[i]` is what matches[i]'s unit keeps of its history (none: the placeholders). */
export function myMemoryBody(
  matches: readonly Match[],
  r: MyMemoryRequest,
  history: readonly UnitHistory[] = [],
): string {
  const tgt = r.match.tgt[0]!;
  const items = matches
    .map((m, i) => ({ m, h: history[i] ?? {} }))
    .filter(({ m }) => m.targets[tgt])
    .map(({ m, h }) => ({
      id: m.unitId,
      segment: withoutPlaceables(m.source.text),
      translation: withoutPlaceables(m.targets[tgt]!),
      source: r.srcTag,
      target: r.tgtTag,
      quality: String(Math.min(m.score, 100)),
      reference: null,
      'usage-count': h.usageCount ?? 0,
      subject: 'All',
      'created-by': h.createdBy ?? 'mizan',
      'last-updated-by': h.updatedBy ?? 'mizan',
      'create-date': myMemoryDate(h.created),
      'last-update-date': myMemoryDate(h.updated),
      match: Math.min(m.score, 100) / 100,
    }));
  const best = items[0];
  return JSON.stringify({
    responseData: { translatedText: best?.translation ?? '', match: best?.match ?? 0 },
    ...envelope(200, ''),
    matches: items,
  });
}

export function myMemoryRoutes(tm: TranslationMemory, config: Config, translator: Translator, cache: AnswerCache) {
  const router = Router();
  router
    .route('/get')
    .get(async (req, res) => {
      try {
        const body = await cache.answer(
          `mymemory?${rawQuery(req)}`,
          () => {
            const query = req.query as Input;
            const request = parse(query, config);
            return {
              request,
              key: matchKey(`mymemory|${request.srcTag}|${request.tgtTag}`, request.match),
              tms: request.match.tms,
              bytes: requestBytes(request.match) + 2 * (request.srcTag.length + request.tgtTag.length),
              memo: onlyKnown(query, KNOWN_PARAMS),
            };
          },
          async (r) => {
            const matches = await matchOrNothing(tm, r.match);
            return Buffer.from(myMemoryBody(matches, r, await tm.unitHistories(matches, r.match.src, r.match.tgt[0])));
          },
        );
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        res.end(body);
      } catch (error) {
        if (!isMizanError(error) || error.status >= 500) throw error;
        const lang = answerLanguage(req);
        const { status, headers, body } = errorAnswer(error, lang, translator, config.retryAfterSeconds);
        res
          .status(status)
          .set(headers)
          .vary('Accept-Language')
          .json({
            responseData: { translatedText: '', match: 0 },
            ...envelope(403, body.error.message),
            matches: [],
            ...body,
          });
      }
    })
    .all(methodNotAllowed('GET'));
  return router;
}
