/**
 * Units read from Redis as the service uses them (Unit objects): one by id, with its entity tag, many by id in one
 * round trip (lua/readUnits), and the TM's unit ids scanned in batches. Every read waits while a large document write
 * is being applied (settled.ts), so it sees each whole.
 */
import type { RowSplit, Unit } from '../types';
import { reviewReasons } from './document-writer';
import type { Keys } from './keys';
import { guard, type RedisClient } from './redis';
import { readSettled, readUnitBytesSettled } from './settled';
import { TAG_FIELDS, unitTag } from './unit-tag';

/** The hash fields a Unit is made of, in the order toUnit takes them. */
export const UNIT_FIELDS = ['ar', 'en', 'zh', 'doc', 'pos', 'para', 'conf', 'review', 'split'] as const;

export function toUnit(tm: string, unitId: string, values: (string | null)[]): Unit | undefined {
  const [ar, en, zh, doc, pos, para, conf, review, split] = values;
  if (ar === null || ar === undefined) return undefined;
  const unit: Unit = {
    unitId,
    tm,
    documentId: doc ?? '',
    position: Number(pos),
    paragraph: Number(para),
    ar,
    en: en ?? '',
    zh: zh ?? '',
  };
  if (doc) {
    unit.confidence = conf ? Number(conf) : 1;
    unit.review = !!review && review !== '0';
    const reasons = reviewReasons(review);
    if (reasons) unit.reasons = reasons;
    if (split) unit.split = JSON.parse(split) as RowSplit;
  }
  return unit;
}

export async function readUnit(redis: RedisClient, keys: Keys, tm: string, unitId: string): Promise<Unit | undefined> {
  const [values] = await readSettled(redis, keys, tm, (m) => m.hmget(keys.unit(tm, unitId), ...UNIT_FIELDS));
  return toUnit(tm, unitId, values as (string | null)[]);
}

/** The unit and its entity tag (unit-tag.ts), read together; undefined when it does not exist. */
export async function readTaggedUnit(
  redis: RedisClient,
  keys: Keys,
  tm: string,
  unitId: string,
): Promise<{ unit: Unit; tag: string } | undefined> {
  const [reply] = await readSettled(redis, keys, tm, (m) =>
    m.hmget(keys.unit(tm, unitId), ...UNIT_FIELDS, ...TAG_FIELDS),
  );
  const values = reply as (string | null)[];
  const unit = toUnit(tm, unitId, values);
  return unit && { unit, tag: unitTag(values.slice(UNIT_FIELDS.length)) };
}

/**
 * Units by id in one round trip; undefined for ids that no longer exist. lua/readUnits answers one string a unit
 * (its fields joined by NUL), read as bytes: each field is decoded on its own, so a Unit holds strings of its own
 * (not slices keeping the whole reply alive) and empty fields cost nothing.
 */
export async function readUnits(
  redis: RedisClient,
  keys: Keys,
  tm: string,
  unitIds: readonly string[],
): Promise<(Unit | undefined)[]> {
  if (unitIds.length === 0) return [];
  const keyList = unitIds.map((id) => keys.unit(tm, id));
  const joined = await readUnitBytesSettled(redis, keys, tm, keyList, UNIT_FIELDS);
  // A plain loop, not a promise a unit: a page is thousands of units, and the exception below is rare.
  const units = new Array<Unit | undefined>(joined.length).fill(undefined);
  const values = new Array<string>(UNIT_FIELDS.length);
  for (let i = 0; i < joined.length; i++) {
    const bytes = joined[i];
    if (!bytes) continue;
    // A text holding NUL itself (written through the API): read that unit field by field.
    units[i] = splitValues(bytes, values)
      ? toUnit(tm, unitIds[i]!, values)
      : await readUnit(redis, keys, tm, unitIds[i]!);
  }
  return units;
}

/** Fills `values` with the UNIT_FIELDS values NUL-joined in `bytes`; false when there are more (a value holds NUL). */
function splitValues(bytes: Buffer, values: string[]): boolean {
  let from = 0;
  for (let f = 0; f < UNIT_FIELDS.length; f++) {
    const last = f === UNIT_FIELDS.length - 1;
    const nul = bytes.indexOf(0, from);
    if (last !== nul < 0) return false;
    const to = last ? bytes.length : nul;
    values[f] = to === from ? '' : bytes.toString('utf8', from, to);
    from = to + 1;
  }
  return true;
}

/** Every unit id of the TM, in batches (SSCAN). */
export async function* scanUnitIds(
  redis: RedisClient,
  keys: Keys,
  tm: string,
  batch: number,
): AsyncGenerator<string[]> {
  let cursor = '0';
  do {
    const [next, ids] = await guard(redis, () => redis.sscan(keys.units(tm), cursor, 'COUNT', String(batch)));
    cursor = next;
    if (ids.length > 0) yield ids;
  } while (cursor !== '0');
}
