/**
 * Units: GET /api/v1/units/:id, POST /api/v1/units (add a unit outside any document; the same Arabic source
 * again updates it), PATCH /api/v1/units/:id (change texts), DELETE /api/v1/units/:id. Every write is visible to the
 * next match on every instance. Answers with a unit carry its ETag; PATCH and DELETE honour If-Match (412 when the
 * unit changed since), checked in the write script itself.
 */
import { Router, type Response } from 'express';
import type { Config } from '../../config';
import { ErrorCode, MizanError } from '../../errors';
import {
  requireStorable,
  type TaggedUnit,
  type TranslationMemory,
  type UnitTexts,
  type WriteOutcome,
} from '../../service';
import type { Unit } from '../../types';
import { methodNotAllowed } from '../errors';
import { ifMatchOf, setTag } from '../etag';
import { answerOnce } from '../idempotency';
import { jsonBody } from '../json-body';
import { idParam, Params, tmQuery, writeTm, type Input } from '../params';
import { authorOf, type TmClaim } from '../access';

/** Longest text a unit may hold in one language. */
export const MAX_UNIT_CHARS = 10_000;

const unitJson = (u: Unit) => ({
  unitId: u.unitId,
  tm: u.tm,
  documentId: u.documentId || null,
  position: u.documentId ? u.position : null,
  paragraph: u.documentId ? u.paragraph : null,
  ar: u.ar,
  en: u.en,
  zh: u.zh,
});

/** The unit, with its ETag (If-Match on PATCH and DELETE compares with it). */
const send = (res: Response, status: number, { unit, tag }: TaggedUnit) =>
  setTag(res, tag).status(status).json(unitJson(unit));

/** A write's answer: the unit with its ETag (and where it lives, for a new one). */
const written = (status: number, { unit, tag }: TaggedUnit, location?: string): WriteOutcome => ({
  status,
  headers: { ETag: `"${tag}"`, ...(location ? { Location: location } : {}) },
  body: unitJson(unit),
});

/** The texts of a unit to add: its Arabic, and English and Chinese if given (each storable: see requireStorable). */
function newTexts(body: Input): UnitTexts & { ar: string } {
  const p = new Params(body);
  const texts = {
    ar: p.text('ar', MAX_UNIT_CHARS),
    en: p.optionalText('en', MAX_UNIT_CHARS),
    zh: p.optionalText('zh', MAX_UNIT_CHARS),
  };
  requireStorable(texts);
  return texts;
}

/**
 * The texts an edit changes: at least one; an Arabic given cannot be blank (a unit's source is never empty). A text
 * is a string ("" empties an English or Chinese one): null is an invalid value of its field, not a missing field.
 */
function editedTexts(body: Input): UnitTexts {
  const p = new Params(body);
  for (const lang of ['ar', 'en', 'zh'])
    if (body[lang] === null) throw new MizanError(ErrorCode.INVALID_PARAMETER, { param: lang, value: 'null' });
  const texts = {
    ar: p.optionalText('ar', MAX_UNIT_CHARS),
    en: p.optionalText('en', MAX_UNIT_CHARS),
    zh: p.optionalText('zh', MAX_UNIT_CHARS),
  };
  if (texts.ar === undefined && texts.en === undefined && texts.zh === undefined)
    throw new MizanError(ErrorCode.FIELD_MISSING, { param: 'ar|en|zh' });
  if (texts.ar !== undefined && texts.ar.trim() === '') throw new MizanError(ErrorCode.FIELD_MISSING, { param: 'ar' });
  requireStorable(texts);
  return texts;
}

export function unitRoutes(tm: TranslationMemory, config: Config, claim: TmClaim): Router {
  const router = Router();
  const tmOf = (query: Input, body?: Input) => writeTm(query, body, config.defaultTm);
  router
    .route('/api/v1/units')
    .post(jsonBody(config), async (req, res) => {
      const body = req.body as Input;
      const name = tmOf(req.query as Input, body);
      const texts = newTexts(body);
      await claim(res, name);
      await answerOnce(req, res, tm, { tm: name, route: 'POST /api/v1/units', body }, async () => {
        const { unit, tag, created } = await tm.createUnit(name, texts, authorOf(res));
        return written(
          created ? 201 : 200,
          { unit, tag },
          `/api/v1/units/${unit.unitId}${tmQuery(name, config.defaultTm)}`,
        );
      });
    })
    .all(methodNotAllowed('POST'));
  router
    .route('/api/v1/units/:id/context')
    .get(async (req, res) => {
      const p = new Params(req.query as Input);
      const name = p.tm('tm', config.defaultTm);
      const n = p.int('n', 2, 0, 50, ErrorCode.INVALID_PARAMETER);
      const { unit, before, after } = await tm.unitContext(
        name,
        idParam(req.params.id, ErrorCode.UNIT_NOT_FOUND, name),
        n,
      );
      res.json({ unit: unitJson(unit), before: before.map(unitJson), after: after.map(unitJson) });
    })
    .all(methodNotAllowed('GET'));
  router
    .route('/api/v1/units/:id')
    .get(async (req, res) => {
      const name = tmOf(req.query as Input);
      send(res, 200, await tm.getTaggedUnit(name, idParam(req.params.id, ErrorCode.UNIT_NOT_FOUND, name)));
    })
    .patch(jsonBody(config), async (req, res) => {
      const body = req.body as Input;
      const name = tmOf(req.query as Input, body);
      const id = idParam(req.params.id, ErrorCode.UNIT_NOT_FOUND, name);
      const texts = editedTexts(body);
      // If-Match is part of what is asked: a retry with another If-Match is another request.
      const scope = { tm: name, route: 'PATCH /api/v1/units/:id', body: [body, ifMatchOf(req)] };
      await answerOnce(req, res, tm, scope, async () =>
        written(200, await tm.patchUnit(name, id, texts, ifMatchOf(req), authorOf(res))),
      );
    })
    .delete(async (req, res) => {
      const name = tmOf(req.query as Input);
      const id = idParam(req.params.id, ErrorCode.UNIT_NOT_FOUND, name);
      const scope = { tm: name, route: 'DELETE /api/v1/units/:id', body: ifMatchOf(req) };
      await answerOnce(req, res, tm, scope, async () => {
        await tm.deleteUnit(name, id, ifMatchOf(req));
        return { status: 204, headers: {} };
      });
    })
    .all(methodNotAllowed('GET', 'PATCH', 'DELETE'));
  return router;
}
