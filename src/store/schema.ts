/**
 * The version of the data layout under a key prefix: the keys and their fields (keys.ts), the id formulas
 * (service/ids.ts) and the script contracts (lua/). It is kept at `<prefix>schema` and checked before anything else
 * at start, so that code never runs on data laid out for another version.
 *
 * Changing the layout means SCHEMA_VERSION + 1 and a migration script, scripts/migrate/schema-<n>-to-<n+1>.ts, that
 * rewrites a deployment from one version to the next and then sets the key; a deployment several versions behind
 * runs each step in turn (DESIGN.md, "Schema version"). Version 1 held each unit as a hash of fields; version 2 holds
 * it as one record string (unit-record.ts), and scripts/migrate/schema-1-to-2.ts (`npm run migrate`) converts them.
 */
import type { Logger } from '../config';
import type { Keys } from './keys';
import { guard, type RedisClient } from './redis';

export const SCHEMA_VERSION = 2;

/** The layout of every deployment written before the version key existed. */
const UNVERSIONED = 1;

/** The data and this code disagree on the layout; nothing may be read or written (exit code 2, like config). */
export class SchemaError extends Error {
  override readonly name = 'SchemaError';
}

/** The migration scripts, in order, that bring a deployment from version `from` to `to`. */
export function migrationSteps(from: number, to: number): string[] {
  const steps: string[] = [];
  for (let v = from; v < to; v++) steps.push(`scripts/migrate/schema-${v}-to-${v + 1}.ts`);
  return steps;
}

/**
 * Checks the schema version under the prefix, writing it on first use: `created` for an empty deployment (the
 * current version), `adopted` for data from before the key existed (version 1, then checked like any other),
 * `current` when it was there and equal. Throws SchemaError when the data is newer or older than `current`.
 */
export async function checkSchema(
  redis: RedisClient,
  keys: Keys,
  logger: Logger,
  current = SCHEMA_VERSION,
): Promise<'created' | 'adopted' | 'current'> {
  const key = keys.schema();
  return guard(redis, async () => {
    let stored = await redis.get(key);
    let outcome: 'created' | 'adopted' | 'current' = 'current';
    if (stored === null) {
      // Every write adds its TM to <prefix>tms, so data without a version key shows there.
      const unversioned = (await redis.exists(keys.tms())) === 1;
      outcome = unversioned ? 'adopted' : 'created';
      // NX: of two instances starting at once, one writes and both read what it wrote.
      await redis.set(key, unversioned ? UNVERSIONED : current, 'NX');
      stored = (await redis.get(key)) ?? '';
      if (unversioned)
        logger.info(`schema: data under "${keys.prefix}" predates ${key}; recorded as version ${stored}`);
    }
    const version = /^\d+$/.test(stored) ? Number(stored) : NaN;
    if (!Number.isSafeInteger(version) || version < 1)
      throw new SchemaError(`${key} holds "${stored.slice(0, 40)}", which is not a schema version`);
    if (version > current)
      throw new SchemaError(
        `the data under "${keys.prefix}" is schema version ${version}, newer than this mizan's ${current}: ` +
          `run a mizan release that knows version ${version}`,
      );
    if (version < current)
      throw new SchemaError(
        `the data under "${keys.prefix}" is schema version ${version}, older than this mizan's ${current}: ` +
          `migrate it first with ${migrationSteps(version, current).join(', then ')} (DESIGN.md, "Schema version")`,
      );
    return outcome;
  });
}
