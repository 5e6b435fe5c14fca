/**
 * A Redis-native copy of one TM: every key in its hash tag, as DUMP serializes it (the exact bytes Redis keeps:
 * units with every field, documents, row lists, the change log and seq), and back with RESTORE. Works the same on
 * the embedded Redis, a remote one and a cluster (a TM's keys share one slot), which a copy of the RDB file would not.
 * DUMP payloads carry Redis's RDB version: they restore on the same Redis version or a newer one.
 *
 * Left out: a TMX import's staged records and Idempotency-Key records (transient). Not a point-in-time snapshot
 * across keys: the caller compares the TM's seq before and after to know whether it changed meanwhile.
 */
import type { Keys } from './keys';
import { guard, isCluster, type RedisClient } from './redis';

/** One key: where it lives in the TM (`units`, `unit:<id>`, …), its remaining life, its DUMP payload. */
export interface DumpedKey {
  rest: string;
  /** Milliseconds to live; 0 for none. */
  ttl: number;
  /** DUMP output, base64. */
  dump: string;
}

const TRANSIENT = /^(import|idem):/;

/** Every persistent key of the TM, DUMPed, handed to `write` as it goes; returns how many. */
export async function dumpTm(
  redis: RedisClient,
  keys: Keys,
  tm: string,
  write: (key: DumpedKey) => Promise<void> | void,
): Promise<number> {
  let count = 0;
  for await (const key of tmKeys(redis, keys, tm)) {
    const rest = keys.tmKeyRest(tm, key);
    if (rest === undefined || TRANSIENT.test(rest)) continue;
    const [payload, ttl] = await guard(redis, () => Promise.all([redis.dumpBuffer(key), redis.pttl(key)]));
    if (payload === null) continue; // gone since the scan
    await write({ rest, ttl: ttl > 0 ? ttl : 0, dump: payload.toString('base64') });
    count++;
  }
  return count;
}

/** Every key of the TM, scanned on every master node (a Redis Cluster spreads them). */
async function* tmKeys(redis: RedisClient, keys: Keys, tm: string): AsyncGenerator<string> {
  for (const node of isCluster(redis) ? redis.nodes('master') : [redis]) {
    let cursor = '0';
    do {
      const [next, found] = await guard(redis, () => node.scan(cursor, 'MATCH', keys.tmEverything(tm), 'COUNT', 1000));
      cursor = next;
      yield* found;
    } while (cursor !== '0');
  }
}

/**
 * Restores dumped keys as the TM `tm` under `keys`' prefix (another name or prefix than they were dumped from is
 * fine: only the key names change), replacing keys of the same name; the TM is listed in `<p>tms` last, so it is
 * named only once its keys are there.
 */
export async function restoreTm(
  redis: RedisClient,
  keys: Keys,
  tm: string,
  dumped: Iterable<DumpedKey>,
): Promise<number> {
  let count = 0;
  for (const { rest, ttl, dump } of dumped) {
    await guard(redis, () => redis.restore(keys.tmKey(tm, rest), ttl, Buffer.from(dump, 'base64'), 'REPLACE'));
    count++;
  }
  await guard(redis, () => redis.sadd(keys.tms(), tm));
  return count;
}

/** Deletes every key of the TM (before restoring a copy over it) and its name from `<p>tms`; returns how many. */
export async function deleteTm(redis: RedisClient, keys: Keys, tm: string): Promise<number> {
  let count = 0;
  for await (const key of tmKeys(redis, keys, tm)) count += await guard(redis, () => redis.unlink(key));
  await guard(redis, () => redis.srem(keys.tms(), tm));
  return count;
}

/**
 * Replaces the TM with the dumped keys (checked beforehand by the caller): its current keys are DUMPed into memory
 * first, then deleted, then the new ones restored; if restoring fails midway, the TM is put back as it was (its keys
 * restored from memory) and the error thrown (or the rollback's own error, Redis gone meanwhile). Returns how many
 * keys were deleted and restored.
 */
export async function replaceTm(
  redis: RedisClient,
  keys: Keys,
  tm: string,
  dumped: Iterable<DumpedKey>,
): Promise<{ deleted: number; restored: number }> {
  const saved: DumpedKey[] = [];
  await dumpTm(redis, keys, tm, (key) => void saved.push(key));
  const deleted = await deleteTm(redis, keys, tm);
  try {
    return { deleted, restored: await restoreTm(redis, keys, tm, dumped) };
  } catch (err) {
    await deleteTm(redis, keys, tm);
    await restoreTm(redis, keys, tm, saved);
    throw err;
  }
}
