/**
 * API keys, the TMs each key created, the audit stream and the shared rate-limit counters. Every
 * operation here touches one key (no script needed, and each works on a Redis Cluster as it is): the key records
 * share one hash, a key's TMs one set, the audit one stream, each rate-limit client one counter.
 */
import { guard, type RedisClient } from './redis';
import type { Keys } from './keys';

/** A key as stored: never the secret, only a salted hash of it. */
export interface StoredKey {
  id: string;
  name: string;
  role: string;
  /** Hex of 16 random bytes. */
  salt: string;
  /** Hex of sha256(salt ‖ secret). */
  hash: string;
  /** Epoch ms. */
  created: number;
}

/** An audit entry's fields, as written and read. */
export type AuditFields = Record<string, string>;

/** A rate-limit counter after an addition: requests in its window, and what is left of the window. */
export interface RateCount {
  total: number;
  ttlMs: number;
}

export interface AuditEntry {
  id: string;
  fields: AuditFields;
}

function parseKey(id: string, json: string | null | undefined): StoredKey | undefined {
  if (!json) return undefined;
  const record = JSON.parse(json) as Omit<StoredKey, 'id'>;
  return { ...record, id };
}

export class AccessStore {
  constructor(
    readonly redis: RedisClient,
    readonly keys: Keys,
  ) {}

  getKey(id: string): Promise<StoredKey | undefined> {
    return guard(this.redis, async () => parseKey(id, await this.redis.hget(this.keys.apiKeys(), id)));
  }

  /** Writes the record (a new key, or a new secret for the same id). */
  async putKey(key: StoredKey): Promise<void> {
    const { id, ...record } = key;
    await guard(this.redis, () => this.redis.hset(this.keys.apiKeys(), id, JSON.stringify(record)));
  }

  async listKeys(): Promise<StoredKey[]> {
    const all = await guard(this.redis, () => this.redis.hgetall(this.keys.apiKeys()));
    return Object.entries(all)
      .map(([id, json]) => parseKey(id, json)!)
      .sort((a, b) => a.created - b.created || a.id.localeCompare(b.id));
  }

  /** True when the key existed. Its TM set stays: the TMs it created still count as its own. */
  async deleteKey(id: string): Promise<boolean> {
    return (await guard(this.redis, () => this.redis.hdel(this.keys.apiKeys(), id))) === 1;
  }

  async tmExists(tm: string): Promise<boolean> {
    return (await guard(this.redis, () => this.redis.sismember(this.keys.tms(), tm))) === 1;
  }

  countTms(): Promise<number> {
    return guard(this.redis, () => this.redis.scard(this.keys.tms()));
  }

  /** How many of the TMs this key claimed exist (a claim whose write failed does not count). */
  async tmsCreatedBy(keyId: string): Promise<number> {
    const claimed = await guard(this.redis, () => this.redis.smembers(this.keys.keyTms(keyId)));
    if (claimed.length === 0) return 0;
    const exists = await guard(this.redis, () => this.redis.smismember(this.keys.tms(), ...claimed));
    return exists.filter((e) => e === 1).length;
  }

  async claimTm(keyId: string, tm: string): Promise<void> {
    await guard(this.redis, () => this.redis.sadd(this.keys.keyTms(keyId), tm));
  }

  /** Appends an audit entry; the stream is trimmed to about `maxLen` entries. */
  async audit(fields: AuditFields, maxLen: number): Promise<string> {
    const args = Object.entries(fields).flat();
    return (await guard(this.redis, () =>
      this.redis.xadd(this.keys.audit(), 'MAXLEN', '~', String(maxLen), '*', ...args),
    ))!;
  }

  /** Newest first: up to `limit` entries older than `before` (an entry id), or the newest ones. */
  async auditPage(limit: number, before?: string): Promise<AuditEntry[]> {
    const end = before ? `(${before}` : '+';
    const rows = await guard(this.redis, () => this.redis.xrevrange(this.keys.audit(), end, '-', 'COUNT', limit));
    return rows.map(([id, flat]) => {
      const fields: AuditFields = {};
      for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]!] = flat[i + 1]!;
      return { id, fields };
    });
  }

  /**
   * Adds `n` requests to a client's rate-limit counter of one budget (`client`: `k:<key id>` or `ip:<address>`) and
   * answers the total in its window and the milliseconds left of it. One MULTI on one key (a cluster sends it to that
   * key's master): the counter is made with the window's expiry if absent, then incremented, then its TTL read, so a
   * counter never lives without an expiry and every instance adding to it shares one window.
   */
  async rateLimitAdd(budget: 'r' | 'w', client: string, n: number, windowMs: number): Promise<RateCount> {
    const key = this.keys.rateLimit(budget) + client;
    const replies = await guard(this.redis, () =>
      this.redis.multi().set(key, 0, 'PX', windowMs, 'NX').incrby(key, n).pttl(key).exec(),
    );
    const failed = replies?.find(([error]) => error)?.[0];
    if (!replies || failed) throw failed ?? new Error('rate limit: MULTI aborted');
    const total = Number(replies[1]![1]);
    const ttl = Number(replies[2]![1]);
    // A counter left without an expiry (written by something else) would never end its window: give it one.
    if (ttl < 0) await guard(this.redis, () => this.redis.pexpire(key, windowMs));
    return { total, ttlMs: ttl < 0 ? windowMs : ttl };
  }
}
