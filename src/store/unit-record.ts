/**
 * A unit as Redis holds it since schema version 2: ONE string a unit (keys.ts, `unit`), its fields in the fixed order
 * of UNIT_RECORD_FIELDS, each written `<decimal byte length>:<bytes>`, concatenated. A value may hold any byte (NUL,
 * ':'), the lengths say where it ends; an empty value is `0:`, and a field the unit lacks is empty. Reading a unit is
 * one GET (one MGET for a page), writing it one SET, in place of the HMGET and HSET of ≈ 19 hash fields.
 *
 * The Lua scripts read and write the same bytes through lua/unit-record.lua, whose field list scripts.ts generates
 * from UNIT_RECORD_FIELDS: the order is written here and nowhere else.
 */

/**
 * Every field of a unit, in record order; `updated` (epoch ms) is last. A staged import record is a whole record
 * (its `updated` the time the import read it), which lua/commitImport puts in place as it is, without reading it.
 */
export const UNIT_RECORD_FIELDS = [
  'ar',
  'en',
  'zh',
  'doc',
  'pos',
  'para',
  'conf',
  'review',
  'split',
  'src',
  'codes:ar',
  'codes:en',
  'codes:zh',
  'tuv:ar',
  'tuv:en',
  'tuv:zh',
  'tmx',
  'apart',
  'updated',
] as const;

export type UnitField = (typeof UNIT_RECORD_FIELDS)[number];

/** A unit's fields by name ('' or absent: empty). */
export type UnitFields = Partial<Record<UnitField, string>>;

const COUNT = UNIT_RECORD_FIELDS.length;
const COLON = 0x3a;

/** The position of each field in a record. */
export const FIELD_INDEX = Object.fromEntries(UNIT_RECORD_FIELDS.map((name, i) => [name, i])) as Record<
  UnitField,
  number
>;

/** Bytes {@link writeRecord} needs at most for these fields (UTF-16 code units × 3, and the lengths' digits). */
export function recordBound(fields: UnitFields): number {
  let bound = 0;
  for (let i = 0; i < COUNT; i++) bound += 3 * (fields[UNIT_RECORD_FIELDS[i]!]?.length ?? 0) + 12;
  return bound;
}

/** Decimal digits of a length (a record value is far below 10^9 bytes). */
const digits = (n: number) =>
  n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : n < 10_000 ? 4 : n < 100_000 ? 5 : String(n).length;

/** Writes `<length>:` at `at` (`d` the length's digits); the end is returned. */
function writeHead(buf: Buffer, at: number, length: number, d: number): number {
  for (let k = at + d - 1; k >= at; k--) {
    buf[k] = 0x30 + (length % 10);
    length = Math.floor(length / 10);
  }
  buf[at + d] = COLON;
  return at + d + 1;
}

/** Values up to this many characters are tried as ASCII, byte by byte, before a call into the UTF-8 encoder. */
const SHORT = 128;

/**
 * Writes the record of these fields into `buf` at `at` (room for {@link recordBound} bytes); the end is returned.
 *
 * An import writes a million records of ≈ 18 fields: the lengths are written digit by digit and short ASCII values
 * (placement, JSON metadata) byte by byte, which costs less than a Buffer.write call each.
 */
export function writeRecord(fields: UnitFields, buf: Buffer, at: number): number {
  for (let i = 0; i < COUNT; i++) {
    const value = fields[UNIT_RECORD_FIELDS[i]!];
    if (!value) {
      buf[at++] = 0x30;
      buf[at++] = COLON;
      continue;
    }
    const n = value.length;
    if (n <= SHORT) {
      const start = at + digits(n) + 1;
      let k = 0;
      for (; k < n; k++) {
        const c = value.charCodeAt(k);
        if (c >= 0x80) break;
        buf[start + k] = c;
      }
      if (k === n) {
        at = writeHead(buf, at, n, digits(n)) + n;
        continue;
      }
    }
    // The value first, after room for its length's digits, then the length in front of it (moved when shorter).
    const room = digits(n * 3) + 1;
    const length = buf.write(value, at + room, 'utf8');
    const d = digits(length);
    if (d + 1 !== room) buf.copy(buf, at + d + 1, at + room, at + room + length);
    at = writeHead(buf, at, length, d) + length;
  }
  return at;
}

/** The record of these field values (absent ones empty), as bytes. */
export function encodeRecord(fields: UnitFields): Buffer {
  const buf = Buffer.allocUnsafe(recordBound(fields));
  return buf.subarray(0, writeRecord(fields, buf, 0));
}

/**
 * Where each value of a record lies: value i spans bytes [cuts[2i], cuts[2i + 1]). Made once per page and filled per
 * record by {@link cutRecord}.
 */
export const newRecordCuts = () => new Int32Array(2 * COUNT);

/** Fills `cuts` for `record`, copying nothing; false when the bytes are not a record. */
export function cutRecord(record: Uint8Array, cuts: Int32Array): boolean {
  let at = 0;
  const end = record.length;
  for (let i = 0; i < COUNT; i++) {
    let length = 0;
    let digits = 0;
    for (; at < end && record[at] !== COLON; at++, digits++) {
      const d = record[at]! - 0x30;
      if (d < 0 || d > 9 || digits > 9) return false;
      length = length * 10 + d;
    }
    if (digits === 0 || at === end) return false;
    at++;
    if (at + length > end) return false;
    cuts[2 * i] = at;
    cuts[2 * i + 1] = at + length;
    at += length;
  }
  return at === end;
}

/** A record's values as strings, in UNIT_RECORD_FIELDS order; undefined when the bytes are not a record. */
export function decodeValues(record: Uint8Array | string): string[] | undefined {
  const bytes = typeof record === 'string' ? Buffer.from(record, 'utf8') : record;
  const cuts = newRecordCuts();
  if (!cutRecord(bytes, cuts)) return undefined;
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values = new Array<string>(COUNT);
  for (let i = 0; i < COUNT; i++) {
    const [from, to] = [cuts[2 * i]!, cuts[2 * i + 1]!];
    values[i] = from === to ? '' : buf.toString('utf8', from, to);
  }
  return values;
}

/** A record's fields by name (every field, '' when empty); throws when the bytes are not a record. */
export function decodeRecord(record: Uint8Array | string): Record<UnitField, string> {
  const values = decodeValues(record);
  if (!values) throw new Error('a unit key holds something that is not a unit record (schema version 2)');
  const fields = {} as Record<UnitField, string>;
  for (let i = 0; i < COUNT; i++) fields[UNIT_RECORD_FIELDS[i]!] = values[i]!;
  return fields;
}

const shared = newRecordCuts();

/** The named fields of a stored record (null: no such unit), in the order asked; only those are decoded. */
export function recordValues(record: Uint8Array | string | null, names: readonly UnitField[]): (string | null)[] {
  if (record === null) return names.map(() => null);
  const bytes = typeof record === 'string' ? Buffer.from(record, 'utf8') : record;
  if (!cutRecord(bytes, shared))
    throw new Error('a unit key holds something that is not a unit record (schema version 2)');
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return names.map((name) => {
    const i = FIELD_INDEX[name];
    const [from, to] = [shared[2 * i]!, shared[2 * i + 1]!];
    return from === to ? '' : buf.toString('utf8', from, to);
  });
}

/** The Lua table of the field names, for lua/unit-record.lua (scripts.ts puts it in front of the prelude). */
export function luaFieldList(): string {
  return `local UNIT_RECORD_FIELDS = { ${UNIT_RECORD_FIELDS.map((name) => `'${name}'`).join(', ')} }`;
}

/** The fields of a unit an export or a unit listing reads (service/unit-fields.ts): all but these, in record order. */
const UNREAD = ['split', 'src', 'updated'] as const;
export const RECORD_FIELDS: readonly Exclude<UnitField, (typeof UNREAD)[number]>[] = UNIT_RECORD_FIELDS.filter(
  (name): name is Exclude<UnitField, (typeof UNREAD)[number]> => !(UNREAD as readonly string[]).includes(name),
);

/** A unit's record from its RECORD_FIELDS values (empty ones left out). */
export function unitRecord(values: readonly (string | null)[]): Record<string, string> {
  const record: Record<string, string> = { ar: values[0]! };
  for (let f = 1; f < RECORD_FIELDS.length; f++) if (values[f]) record[RECORD_FIELDS[f]!] = values[f]!;
  return record;
}
