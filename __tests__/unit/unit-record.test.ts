/** The unit record (src/store/unit-record.ts): one string a unit, its fields in one order, each length-prefixed. */
import { scriptSource } from '../../src/store/scripts';
import {
  cutRecord,
  decodeRecord,
  decodeValues,
  encodeRecord,
  newRecordCuts,
  UNIT_RECORD_FIELDS,
  type UnitFields,
} from '../../src/store/unit-record';

const UNIT: UnitFields = {
  ar: 'مرحبا\u0000بالعالم',
  en: '3:abc\u0000',
  zh: '你好，世界。',
  doc: 'd1',
  pos: '12',
  para: '0',
  review: '',
  split: '{"lang":"zh","marks":[1]}',
  'codes:ar': '[{"kind":"ph","x":"1","xml":"<ph x=\\"1\\">{0}</ph>"}]',
  apart: '😀',
  updated: '1733380000000',
};

describe('the unit record', () => {
  it('reads back every field as written: NUL, colons, digits, empty fields, Arabic, Chinese and beyond the BMP', () => {
    const record = encodeRecord(UNIT);
    const fields = decodeRecord(record);
    for (const name of UNIT_RECORD_FIELDS) expect(fields[name]).toBe(UNIT[name] ?? '');
    expect(decodeRecord(new Uint8Array(record))).toEqual(fields);
    expect(decodeRecord(record.toString('utf8'))).toEqual(fields);
  });

  it('is each field as <byte length>:<bytes>, in one fixed order ending with updated', () => {
    expect(encodeRecord({ ar: 'نص', zh: '文' }).toString()).toBe(
      `4:نص0:3:文${'0:'.repeat(UNIT_RECORD_FIELDS.length - 3)}`,
    );
    expect(UNIT_RECORD_FIELDS.at(-1)).toBe('updated');
    expect(encodeRecord({}).toString()).toBe('0:'.repeat(UNIT_RECORD_FIELDS.length));
  });

  it('writes each length in front of its value, whatever the value’s size and script', () => {
    const naive = (fields: UnitFields) =>
      UNIT_RECORD_FIELDS.map((name) => `${Buffer.byteLength(fields[name] ?? '')}:${fields[name] ?? ''}`).join('');
    for (const size of [1, 9, 10, 99, 100, 333, 334, 1000, 40_000]) {
      const fields: UnitFields = { ar: 'ن'.repeat(size), en: 'e'.repeat(size), zh: '文'.repeat(size), tmx: '😀' };
      expect(encodeRecord(fields).toString()).toBe(naive(fields));
      expect(decodeRecord(encodeRecord(fields)).ar).toBe(fields.ar);
    }
  });

  it('is cut in place: each value located by its byte offsets', () => {
    const record = encodeRecord(UNIT);
    const cuts = newRecordCuts();
    expect(cutRecord(record, cuts)).toBe(true);
    const zh = UNIT_RECORD_FIELDS.indexOf('zh');
    expect(record.toString('utf8', cuts[2 * zh], cuts[2 * zh + 1])).toBe(UNIT.zh);
  });

  it('refuses bytes that are not a record: truncated, too long, a length that is no number', () => {
    const record = encodeRecord(UNIT);
    const cuts = newRecordCuts();
    expect(cutRecord(record.subarray(0, record.length - 1), cuts)).toBe(false);
    expect(cutRecord(Buffer.concat([record, Buffer.from('0:')]), cuts)).toBe(false);
    expect(cutRecord(Buffer.from(`x${record.toString('latin1')}`, 'latin1'), cuts)).toBe(false);
    expect(decodeValues('')).toBeUndefined();
    expect(() => decodeRecord('ar')).toThrow('not a unit record');
  });

  it('has the same field order in the Lua scripts, generated from the TypeScript list', () => {
    for (const script of ['putUnit', 'putDocument', 'stageImport', 'commitImport', 'migrateUnits']) {
      const list = /local UNIT_RECORD_FIELDS = \{ (.*) \}/.exec(scriptSource(script))?.[1];
      expect(list?.split(', ').map((name) => name.slice(1, -1))).toEqual([...UNIT_RECORD_FIELDS]);
    }
  });
});
