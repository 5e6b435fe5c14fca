/**
 * Reads that never see a large document write half applied. A large write (document-writer.ts) commits in one O(1)
 * call and then applies its units in chunks; between its commit and its end the TM's `writing` hash exists. Every
 * read of the TM's units or documents is made together with `EXISTS writing` (one MULTI)
 * and, when it exists, is made again a little later: so a reader sees each write whole, before its commit or after
 * its end. A write whose applier has gone silent (the process died: its heartbeat key expired) is finished by the
 * reader that waits for it (document-writer.ts, applyWrite: every step is idempotent).
 *
 * Each attempt runs under its own `guard` deadline and the waiting happens between them, so a reader waiting for a
 * write is not taken for Redis being away. Never call these inside a `guard`.
 */
import type { ChainableCommander } from 'ioredis';
import { applyWrite, type DocumentWrite } from './document-writer';
import type { Keys } from './keys';
import { guard, type RedisClient } from './redis';

/** An attempt's answer while a write is being applied. */
export const WRITING = Symbol('writing');
/** An attempt's answer while the TM's slot is being moved to another master of a cluster (see readRecordsSettled). */
const MOVING = Symbol('moving');

const FIRST_PAUSE_MS = 2;
const MAX_PAUSE_MS = 50;
/** How often a waiting reader looks for writes whose applier went silent. */
const STALE_CHECK_MS = 1000;
/** A reader gives up (an error) after waiting this long for writes that keep being applied. */
const GIVE_UP_MS = 120_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `attempt` (each under `guard`) until it answers something else than WRITING (or MOVING), waiting in between. */
export async function settled<T>(
  redis: RedisClient,
  keys: Keys,
  tm: string,
  attempt: () => Promise<T | typeof WRITING | typeof MOVING>,
): Promise<T> {
  const started = Date.now();
  let checked = started;
  let pause = FIRST_PAUSE_MS;
  for (;;) {
    const answer = await guard(redis, attempt);
    if (answer !== WRITING && answer !== MOVING) return answer;
    const now = Date.now();
    if (now - started > GIVE_UP_MS) {
      if (answer === MOVING) throw new Error(`tm ${tm}: its slot was still being moved after 120 s`);
      throw new Error(`tm ${tm}: a document write was still being applied after 120 s`);
    }
    if (answer === WRITING && now - checked >= STALE_CHECK_MS) {
      checked = now;
      await finishSilentWrites(redis, keys, tm);
      continue;
    }
    await sleep(pause);
    pause = Math.min(2 * pause, MAX_PAUSE_MS);
  }
}

/** Waits until no large document write of the TM is being applied. */
export async function writesSettled(redis: RedisClient, keys: Keys, tm: string): Promise<void> {
  await readSettled(redis, keys, tm, () => undefined);
}

/**
 * The replies of the commands `build` queues, read in one MULTI with no large document write being applied (see
 * above). A command's error is thrown.
 */
export async function readSettled(
  redis: RedisClient,
  keys: Keys,
  tm: string,
  build: (multi: ChainableCommander) => unknown,
): Promise<unknown[]> {
  return settled(redis, keys, tm, async () => {
    const multi = redis.multi().exists(keys.documentWrites(tm));
    build(multi);
    const replies = (await multi.exec()) ?? [];
    const values = replies.map(([err, value]) => {
      if (err) throw err;
      return value;
    });
    return values[0] === 1 ? WRITING : values.slice(1);
  });
}

/**
 * Unit records with no large document write being applied: per unit key its record as bytes, or null. One MULTI of
 * `EXISTS writing` and one MGET of the keys (a page of an export, a listing or an index rebuild): Redis answers
 * from the MGET itself, which costs it half what the same MGET inside a script did (a Lua table of the page made and
 * turned back into a reply).
 */
export async function readRecordsSettled(
  redis: RedisClient,
  keys: Keys,
  tm: string,
  unitKeys: readonly string[],
): Promise<(Buffer | null)[]> {
  return settled(redis, keys, tm, async () => {
    let replies: [Error | null, unknown][];
    try {
      replies =
        (await redis
          .multi()
          .exists(keys.documentWrites(tm))
          .mgetBuffer(...unitKeys)
          .exec()) ?? [];
    } catch (err) {
      if (slotMoving(err)) return MOVING;
      throw err;
    }
    for (const [err] of replies) if (err) throw err;
    if (replies.length !== 2) throw new Error('a MULTI of EXISTS and MGET was answered without two replies');
    return replies[0]![1] === 1 ? WRITING : (replies[1]![1] as (Buffer | null)[]);
  });
}

/**
 * Whether a MULTI failed because its keys' slot is being moved between two masters of a cluster (a re-shard): the
 * MGET of keys of which some have moved already is refused (TRYAGAIN), and with it the whole MULTI (EXECABORT), which
 * ioredis does not retry as it retries a single command's TRYAGAIN. Asked again after a pause, until the move ends.
 */
function slotMoving(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (/^TRYAGAIN\b/.test(err.message)) return true;
  const previous = (err as { previousErrors?: unknown[] }).previousErrors;
  return (
    /^EXECABORT\b/.test(err.message) &&
    Array.isArray(previous) &&
    previous.length > 0 &&
    previous.every((e) => e instanceof Error && /^(TRYAGAIN|ASK|MOVED)\b/.test(e.message))
  );
}

/** Finishes the TM's committed writes whose applier is no longer heard from (its heartbeat key expired). */
async function finishSilentWrites(redis: RedisClient, keys: Keys, tm: string): Promise<void> {
  const writes = await guard(redis, () => redis.hgetall(keys.documentWrites(tm)));
  for (const [token, value] of Object.entries(writes)) {
    if ((await guard(redis, () => redis.exists(keys.stagedAlive(tm, token)))) === 1) continue;
    await applyWrite(redis, keys, tm, token, JSON.parse(value) as DocumentWrite);
  }
}
