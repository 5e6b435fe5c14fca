/**
 * Writes of single units through the API: add one outside any document, edit its texts, delete it (a document's
 * unit leaves its document). Each write tells the mirrors, so that the next query on this instance sees it at once.
 */
import { ErrorCode, MizanError } from '../errors';
import type { TmStore, UnitStore, UnitTexts, UnitWriteResult } from '../store';
import type { Unit } from '../types';
import { standaloneUnitId } from './ids';
import type { Mirrors } from './mirrors';
import { deleteFromLargeDocument } from './unit-delete';
import { requireWords } from './words';

/** A unit with its entity tag. */
export interface TaggedUnit {
  unit: Unit;
  tag: string;
}

export interface UnitWriters {
  store: TmStore;
  units: UnitStore;
  mirrors: Mirrors;
}

/** The unit and its entity tag (the ETag of GET /api/v1/units/:id, compared with If-Match by writes). */
export async function taggedUnit(store: TmStore, tm: string, unitId: string): Promise<TaggedUnit> {
  const tagged = await store.getTaggedUnit(tm, unitId);
  if (!tagged) throw new MizanError(ErrorCode.UNIT_NOT_FOUND, { id: unitId, tm });
  return tagged;
}

/**
 * Adds a unit outside any document (the same Arabic source again updates it); its Arabic must have a word. `by`
 * names who writes (the API key's name; none: mizan): a unit a TMX brought keeps it as its last change's author.
 */
export async function createUnit(
  w: UnitWriters,
  tm: string,
  texts: UnitTexts & { ar: string },
  by?: string,
): Promise<TaggedUnit & { created: boolean }> {
  requireWords(texts.ar, 'ar');
  const unitId = standaloneUnitId(tm, texts.ar);
  const result = await w.units.create(tm, unitId, texts, by);
  w.mirrors.touch(tm);
  return { ...(await taggedUnit(w.store, tm, unitId)), created: result === 'created' };
}

/**
 * Changes texts of a unit. A unit outside any document is identified by its Arabic (adding the same Arabic again
 * updates it), so its Arabic cannot change (beyond Unicode normalization and surrounding spaces). With `ifMatch`
 * (tags of If-Match), only if the unit's tag is one of them (checked atomically with the write). `by` as in createUnit.
 */
export async function patchUnit(
  w: UnitWriters,
  tm: string,
  unitId: string,
  texts: UnitTexts,
  ifMatch?: readonly string[],
  by?: string,
): Promise<TaggedUnit> {
  if (texts.ar !== undefined) requireWords(texts.ar, 'ar');
  await w.mirrors.require(tm);
  if (texts.ar !== undefined) {
    const current = await w.store.getUnit(tm, unitId);
    if (current && !current.documentId && standaloneUnitId(tm, texts.ar) !== unitId) {
      throw new MizanError(ErrorCode.UNIT_SOURCE_FIXED, { param: 'ar', id: unitId });
    }
  }
  const result: UnitWriteResult = await w.units.patch(tm, unitId, texts, ifMatch, by);
  w.mirrors.touch(tm);
  if (result === 'not-found') throw new MizanError(ErrorCode.UNIT_NOT_FOUND, { id: unitId, tm });
  if (result === 'precondition-failed') throw new MizanError(ErrorCode.PRECONDITION_FAILED, { id: unitId });
  return taggedUnit(w.store, tm, unitId);
}

export async function deleteUnit(
  w: UnitWriters,
  tm: string,
  unitId: string,
  ifMatch?: readonly string[],
): Promise<void> {
  await w.mirrors.require(tm);
  const outcome =
    (await deleteFromLargeDocument(w.store, tm, unitId, ifMatch)) ?? (await w.units.delete(tm, unitId, ifMatch));
  w.mirrors.touch(tm);
  if (outcome === 'not-found') throw new MizanError(ErrorCode.UNIT_NOT_FOUND, { id: unitId, tm });
  if (outcome === 'precondition-failed') throw new MizanError(ErrorCode.PRECONDITION_FAILED, { id: unitId });
}
