/**
 * Idempotency-Key records (service/idempotency.ts decides what they mean). One string key per (TM, route, key),
 * JSON: `{ state: 'pending', fingerprint }` while the first request runs, then `{ state: 'done', fingerprint,
 * outcome }`. Claimed with SET NX, so of two requests with the same key exactly one runs.
 */
import type { Keys } from './keys';
import { guard, type RedisClient } from './redis';

export interface IdempotencyRecord {
  state: 'pending' | 'done';
  fingerprint: string;
  /** What the first request was answered (done only); the service gives it its shape. */
  outcome?: unknown;
}

export class IdempotencyStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  /** Claims the key for a first run: true, or the record a request before this one left (absent: it expired). */
  async claim(tm: string, digest: string, fingerprint: string, pendingMs: number): Promise<true | IdempotencyRecord> {
    const key = this.keys.idempotency(tm, digest);
    const pending = JSON.stringify({ state: 'pending', fingerprint } satisfies IdempotencyRecord);
    return guard(this.redis, async () => {
      for (let attempt = 0; attempt < 3; attempt++) {
        if ((await this.redis.set(key, pending, 'PX', pendingMs, 'NX')) === 'OK') return true;
        const found = await this.redis.get(key);
        if (found !== null) return JSON.parse(found) as IdempotencyRecord;
      }
      throw new Error(`idempotency record ${digest} kept vanishing`);
    });
  }

  /** Stores the first request's outcome, kept `ttlMs`. */
  async finish(tm: string, digest: string, record: IdempotencyRecord, ttlMs: number): Promise<void> {
    await guard(this.redis, () =>
      this.redis.set(this.keys.idempotency(tm, digest), JSON.stringify(record), 'PX', ttlMs),
    );
  }

  /** Forgets a claim whose request ended without an outcome to keep (a 5xx): a retry runs again. */
  async release(tm: string, digest: string): Promise<void> {
    await guard(this.redis, () => this.redis.del(this.keys.idempotency(tm, digest)));
  }
}
