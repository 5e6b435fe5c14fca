/**
 * lua/unit-record.lua and src/store/unit-record.ts write and read the same bytes, and lua/unit-tag.lua computes the
 * tag store/unit-tag.ts does, on the suite's Redis.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { RedisClient } from '../../src/store';
import { decodeRecord, encodeRecord, luaFieldList, type UnitFields } from '../../src/store/unit-record';
import { TAG_FIELDS, unitTag } from '../../src/store/unit-tag';
import { testRedis } from '../helpers/context';

let redis: RedisClient;
beforeAll(async () => {
  redis = await testRedis();
});
afterAll(() => redis.disconnect());

const lua = (name: string) => fs.readFileSync(path.join(__dirname, '../../src/store/lua', `${name}.lua`), 'utf8');
/** The preludes, then `body`; ARGV[1] a record. */
const run = (body: string, record: Buffer) =>
  redis.callBuffer(
    'EVAL',
    `${luaFieldList()}\n${lua('unit-record')}\n${lua('unit-tag')}\n${body}`,
    0,
    record,
  ) as Promise<Buffer>;

const UNIT: UnitFields = {
  ar: 'مرحبا\u0000بالعالم',
  en: '2:ab',
  zh: '你好，世界。',
  doc: 'd1',
  pos: '7',
  'tuv:zh': '{"tag":"zh-CN"}',
  apart: '😀',
  updated: '1733380000000',
};

describe('the unit record in Lua', () => {
  it('decodes the record TypeScript encodes and encodes it back to the same bytes', async () => {
    const record = encodeRecord(UNIT);
    expect(Buffer.compare(await run('return encodeRecord(decodeRecord(ARGV[1]))', record), record)).toBe(0);
    const zh = (await run('return decodeRecord(ARGV[1]).zh', record)).toString();
    expect(zh).toBe(UNIT.zh);
  });

  it('encodes a table TypeScript decodes, empty and missing fields empty', async () => {
    const made = await run("return encodeRecord({ ar = ARGV[1], pos = 3, tmx = '' })", Buffer.from('نص'));
    expect(decodeRecord(made)).toEqual(decodeRecord(encodeRecord({ ar: 'نص', pos: '3' })));
  });

  it('tags a unit as store/unit-tag.ts does', async () => {
    const record = encodeRecord(UNIT);
    const tag = (await run('return unitTag(decodeRecord(ARGV[1]))', record)).toString();
    const fields = decodeRecord(record);
    expect(tag).toBe(unitTag(TAG_FIELDS.map((name) => fields[name])));
  });
});
