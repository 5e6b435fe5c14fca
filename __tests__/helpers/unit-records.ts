/** Tests that look at or edit a stored unit directly do it through its record (src/store/unit-record.ts). */
import type { RedisClient } from '../../src/store';
import { decodeRecord, encodeRecord, type UnitField, type UnitFields } from '../../src/store/unit-record';

/** The unit's fields ('' when empty), or undefined when there is no such unit. */
export async function unitFields(redis: RedisClient, key: string): Promise<Record<UnitField, string> | undefined> {
  const record = await redis.getBuffer(key);
  return record === null ? undefined : decodeRecord(record);
}

/** Sets some fields of an existing unit, as a deployment's own data might hold them (the rest kept). */
export async function setUnitFields(redis: RedisClient, key: string, fields: UnitFields): Promise<void> {
  const current = await unitFields(redis, key);
  if (!current) throw new Error(`no unit at ${key}`);
  await redis.set(key, encodeRecord({ ...current, ...fields }));
}
