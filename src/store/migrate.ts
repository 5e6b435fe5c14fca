/**
 * Schema migrations that rewrite a deployment's data in place (schema.ts names them; scripts/migrate/ runs them).
 *
 * 1 → 2: every unit hash becomes one unit record (unit-record.ts). For every TM of `<prefix>tms`, its unit ids are
 * walked with SSCAN and converted a batch at a time by lua/migrateUnits, each unit atomically; a unit that is a record
 * already is left alone, so a run that stopped can be run again. The schema key is set to 2 at the end only. It must
 * run with every mizan instance stopped; it refuses while a large document write is being applied (its staged
 * units are hashes, renamed in later): let the version 1 service finish it first.
 */
import type { Keys } from './keys';
import type { RedisClient } from './redis';
import { SchemaError } from './schema';

/** Unit keys per script call. */
const BATCH = 500;

export interface MigrationProgress {
  tm: string;
  converted: number;
  already: number;
  missing: number;
}

/** Migrates the data under `keys` from schema version 1 to 2; `progress` is told the counts per TM as they grow. */
export async function migrate1To2(
  redis: RedisClient,
  keys: Keys,
  progress: (p: MigrationProgress) => void = () => undefined,
): Promise<MigrationProgress[]> {
  const stored = await redis.get(keys.schema());
  if (stored === '2') return [];
  const tms = await redis.smembers(keys.tms());
  if (stored !== '1' && !(stored === null && tms.length > 0))
    throw new SchemaError(`${keys.schema()} holds ${stored ?? 'nothing'}: not version 1 data, nothing migrated`);
  for (const tm of tms)
    if ((await redis.exists(keys.documentWrites(tm))) === 1)
      throw new SchemaError(
        `tm ${tm}: a large document write is being applied; start the version 1 service to finish it, then migrate`,
      );
  const done: MigrationProgress[] = [];
  for (const tm of tms.sort()) {
    const counts: MigrationProgress = { tm, converted: 0, already: 0, missing: 0 };
    let cursor = '0';
    do {
      const [next, ids] = await redis.sscan(keys.units(tm), cursor, 'COUNT', BATCH);
      cursor = next;
      if (ids.length === 0) continue;
      const [converted, already, missing] = await redis.migrateUnits(ids.length, ...ids.map((id) => keys.unit(tm, id)));
      counts.converted += converted;
      counts.already += already;
      counts.missing += missing;
      progress(counts);
    } while (cursor !== '0');
    done.push(counts);
  }
  await redis.set(keys.schema(), '2');
  return done;
}
