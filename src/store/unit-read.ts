/**
 * Units read from Redis as the service uses them (Unit objects, from their records: unit-record.ts): one by id, with
 * its entity tag, many by id in one round trip (a MULTI of EXISTS and MGET), and the TM's unit ids scanned in
 * batches. Every read waits while a large document write is being applied (settled.ts), so it sees each whole.
 */
import type { EncodedUnits, RowSplit, Unit } from '../types';
import { reviewReasons } from './document-writer';
import type { Keys } from './keys';
import { guard, type RedisClient } from './redis';
import { readRecordsSettled, readSettled } from './settled';
import { cutRecord, FIELD_INDEX, newRecordCuts, recordValues } from './unit-record';
import { TAG_FIELDS, unitTag } from './unit-tag';

/** The fields a Unit is made of, in the order toUnit takes them. */
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

/**
 * The Unit of a stored record (unit-record.ts); undefined for null (no such unit). A staged import record
 * (lua/stageImport) is the unit it becomes when the commit places it.
 */
export function recordUnit(tm: string, unitId: string, record: Buffer | null): Unit | undefined {
  return record === null ? undefined : toUnit(tm, unitId, recordValues(record, UNIT_FIELDS));
}

/**
 * The fields of a record that say what a TMX said of its unit besides its texts and placement (service/unit-fields.ts):
 * its texts' codes (`codes:<lang>`: JSON of the InlineCode list), its `tuv`s' tags and metadata (`tuv:<lang>`) and its
 * `tu`'s (`tmx`: tuid, attributes, props, notes), as stored.
 */
export const ROW_TMX_FIELDS = ['codes:ar', 'codes:en', 'codes:zh', 'tuv:ar', 'tuv:en', 'tuv:zh', 'tmx'] as const;
export type RowTmx = Partial<Record<(typeof ROW_TMX_FIELDS)[number], string>>;

const ROW_FIELDS = [...UNIT_FIELDS, ...ROW_TMX_FIELDS];

/**
 * A document row read from its unit's record (null: no such unit): the Unit, and the record's ROW_TMX_FIELDS that are
 * not empty — undefined for a unit no TMX brought (most rows) — for the document's exports. One cut of the record.
 */
export function documentRow(
  tm: string,
  unitId: string,
  record: Buffer | null,
): { unit: Unit; tmx?: RowTmx } | undefined {
  if (record === null) return undefined;
  const values = recordValues(record, ROW_FIELDS);
  const unit = toUnit(tm, unitId, values);
  if (!unit) return undefined;
  let tmx: RowTmx | undefined;
  for (let k = 0; k < ROW_TMX_FIELDS.length; k++) {
    const value = values[UNIT_FIELDS.length + k];
    if (value) (tmx ??= {})[ROW_TMX_FIELDS[k]!] = value;
  }
  return tmx ? { unit, tmx } : { unit };
}

/** A placement value that is 0 ('' or '0'), read from its bytes. */
const zero = (record: Buffer, from: number, to: number) => from === to || (to === from + 1 && record[from] === 0x30);

/** Where the texts and the placement lie among a record's fields, and the fields of a unit beyond its texts. */
const TEXTS = [FIELD_INDEX.ar, FIELD_INDEX.en, FIELD_INDEX.zh];
const [DOC, POS, PARA] = [FIELD_INDEX.doc, FIELD_INDEX.pos, FIELD_INDEX.para];
const REST = UNIT_FIELDS.slice(3).map((name) => FIELD_INDEX[name]);

/**
 * Records one after another (record i ends at byte `ends[i]`) as units for an index's unit table
 * (match/unit-table.ts): their texts left as the records' bytes, the rest decoded as toUnit does for a unit that has
 * more than its texts. Throws when the bytes are not records.
 */
export function encodedUnits(tm: string, ids: readonly string[], bytes: Buffer, ends: readonly number[]): EncodedUnits {
  const cuts = newRecordCuts();
  const spans = new Int32Array(6 * ids.length);
  const rests = new Array<Unit | undefined>(ids.length).fill(undefined);
  for (let i = 0, start = 0; i < ids.length; start = ends[i]!, i++) {
    const record = bytes.subarray(start, ends[i]);
    if (!cutRecord(record, cuts)) throw new Error('bytes that are not a unit record (schema version 2)');
    for (let k = 0; k < 3; k++) {
      spans[6 * i + 2 * k] = start + cuts[2 * TEXTS[k]!]!;
      spans[6 * i + 2 * k + 1] = start + cuts[2 * TEXTS[k]! + 1]!;
    }
    const plain =
      cuts[2 * DOC] === cuts[2 * DOC + 1] &&
      zero(record, cuts[2 * POS]!, cuts[2 * POS + 1]!) &&
      zero(record, cuts[2 * PARA]!, cuts[2 * PARA + 1]!);
    if (plain) continue;
    const value = (f: number) =>
      cuts[2 * f] === cuts[2 * f + 1] ? '' : record.toString('utf8', cuts[2 * f], cuts[2 * f + 1]);
    rests[i] = toUnit(tm, ids[i]!, ['', '', '', ...REST.map(value)]);
  }
  return { tm, ids, bytes, spans, rests };
}

export async function readUnit(redis: RedisClient, keys: Keys, tm: string, unitId: string): Promise<Unit | undefined> {
  const [record] = await readSettled(redis, keys, tm, (m) => m.getBuffer(keys.unit(tm, unitId)));
  return recordUnit(tm, unitId, record as Buffer | null);
}

/** The unit and its entity tag (unit-tag.ts), read together; undefined when it does not exist. */
export async function readTaggedUnit(
  redis: RedisClient,
  keys: Keys,
  tm: string,
  unitId: string,
): Promise<{ unit: Unit; tag: string } | undefined> {
  const [record] = (await readSettled(redis, keys, tm, (m) => m.getBuffer(keys.unit(tm, unitId)))) as [Buffer | null];
  const values = recordValues(record, [...UNIT_FIELDS, ...TAG_FIELDS]);
  const unit = toUnit(tm, unitId, values);
  return unit && { unit, tag: unitTag(values.slice(UNIT_FIELDS.length)) };
}

/**
 * Units by id in one round trip (one MGET of their records, settled.ts); undefined for ids that no longer exist.
 * Each field is decoded on its own, so a Unit holds strings of its own (not slices keeping the whole reply alive).
 */
export async function readUnits(
  redis: RedisClient,
  keys: Keys,
  tm: string,
  unitIds: readonly string[],
): Promise<(Unit | undefined)[]> {
  if (unitIds.length === 0) return [];
  const records = await readRecordsSettled(redis, keys, tm, keys.unitKeys(tm, unitIds));
  const units = new Array<Unit | undefined>(records.length).fill(undefined);
  for (let i = 0; i < records.length; i++) units[i] = recordUnit(tm, unitIds[i]!, records[i] ?? null);
  return units;
}

/**
 * Units by id in one round trip, as bytes (encodedUnits over their records, copied into one buffer): what an index
 * rebuilt from Redis keeps (match/unit-table.ts) without decoding texts it does not tokenize. Ids gone are left out.
 */
export async function readEncodedUnits(
  redis: RedisClient,
  keys: Keys,
  tm: string,
  unitIds: readonly string[],
): Promise<EncodedUnits> {
  const records = unitIds.length === 0 ? [] : await readRecordsSettled(redis, keys, tm, keys.unitKeys(tm, unitIds));
  const [ids, parts, ends] = [[] as string[], [] as Buffer[], [] as number[]];
  let end = 0;
  records.forEach((record, i) => {
    if (!record) return;
    ids.push(unitIds[i]!);
    parts.push(record);
    ends.push((end += record.length));
  });
  return encodedUnits(tm, ids, Buffer.concat(parts, end), ends);
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
