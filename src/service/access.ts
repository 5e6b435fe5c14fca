/**
 * Who may do what: API keys with roles (read < write < admin), stored only as salted hashes; the TMs a key may
 * create; the audit of writes. A key reads `mzn_<id>_<secret>`: the id finds the record with one lookup, the secret
 * (32 random bytes) is checked against sha256(salt ‖ secret). A 256-bit random secret needs no slow hash (scrypt,
 * bcrypt guard guessable passwords); a per-key salt keeps equal secrets from having equal hashes.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { API_KEY } from '../config';
import { ErrorCode, MizanError } from '../errors';
import { AccessStore, type AuditFields, type StoredKey, type TmStore } from '../store';

export const ROLES = ['read', 'write', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** True when `have` is `need` or above it. */
export function roleAtLeast(have: Role, need: Role): boolean {
  return ROLES.indexOf(have) >= ROLES.indexOf(need);
}

export const isRole = (value: unknown): value is Role => (ROLES as readonly unknown[]).includes(value);

/** Key ids: `k` and 16 hex digits (the id part of API_KEY). */
export const KEY_ID = /^k[0-9a-f]{16}$/;
/** Names of keys: 1–64 printable characters. */
const KEY_NAME = /^[^\p{Cc}\p{Cf}]{1,64}$/u;

/** A key as shown to an admin and in /api/v1/auth: never its secret or hash. */
export interface ApiKey {
  id: string;
  name: string;
  role: Role;
  created: string;
}

/** A new key: the only time its whole text is known. */
export interface NewApiKey extends ApiKey {
  key: string;
}

export interface TmLimits {
  maxTmsPerKey: number;
  maxTms: number;
}

/** The result of checking a bearer token. */
export type Verified = { ok: true; key: ApiKey } | { ok: false; reason: 'key-malformed' | 'key-unknown' };

const digest = (salt: string, secret: string) => createHash('sha256').update(salt).update(secret).digest('hex');

const view = (k: StoredKey): ApiKey => ({
  id: k.id,
  name: k.name,
  role: isRole(k.role) ? k.role : 'read',
  created: new Date(k.created).toISOString(),
});

/** A fresh key's text (nothing stored): for `npm run keys -- generate` and MIZAN_ADMIN_KEY. */
export function generateKey(): { id: string; secret: string; key: string } {
  const id = 'k' + randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { id, secret, key: `mzn_${id}_${secret}` };
}

export class Access {
  readonly store: AccessStore;

  constructor(tmStore: Pick<TmStore, 'redis' | 'keys'>) {
    this.store = new AccessStore(tmStore.redis, tmStore.keys);
  }

  async create(role: unknown, name: unknown): Promise<NewApiKey> {
    if (!isRole(role))
      throw new MizanError(ErrorCode.INVALID_PARAMETER, { param: 'role', value: String(role).slice(0, 40) });
    if (typeof name !== 'string' || !KEY_NAME.test(name))
      throw new MizanError(ErrorCode.INVALID_PARAMETER, { param: 'name', value: String(name).slice(0, 64) });
    const { id, secret, key } = generateKey();
    const salt = randomBytes(16).toString('hex');
    const stored: StoredKey = { id, name, role, salt, hash: digest(salt, secret), created: Date.now() };
    await this.store.putKey(stored);
    return { ...view(stored), key };
  }

  async list(): Promise<ApiKey[]> {
    return (await this.store.listKeys()).map(view);
  }

  /** Removes the key: the next request with it is a 401 on every instance. */
  async revoke(id: string): Promise<void> {
    if (!KEY_ID.test(id) || !(await this.store.deleteKey(id))) throw new MizanError(ErrorCode.KEY_NOT_FOUND, { id });
  }

  /** The key a bearer token names, if the token is that key. */
  async verify(token: string): Promise<Verified> {
    const m = API_KEY.exec(token);
    if (!m) return { ok: false, reason: 'key-malformed' };
    const stored = await this.store.getKey(m[1]!);
    if (!stored) return { ok: false, reason: 'key-unknown' };
    const expected = Buffer.from(stored.hash, 'hex');
    const given = Buffer.from(digest(stored.salt, m[2]!), 'hex');
    if (expected.length !== given.length || !timingSafeEqual(expected, given))
      return { ok: false, reason: 'key-unknown' };
    return { ok: true, key: view(stored) };
  }

  /**
   * Stores MIZAN_ADMIN_KEY as an admin key under its id: nothing when it is stored already, a fresh salt and hash
   * when it is missing (first start, or revoked: the environment wins) or its secret changed.
   */
  async ensureAdmin(token: string, name = 'MIZAN_ADMIN_KEY'): Promise<'unchanged' | 'stored'> {
    const m = API_KEY.exec(token);
    if (!m) throw new Error('MIZAN_ADMIN_KEY is not a mizan key');
    const verified = await this.verify(token);
    if (verified.ok && verified.key.role === 'admin') return 'unchanged';
    const salt = randomBytes(16).toString('hex');
    await this.store.putKey({ id: m[1]!, name, role: 'admin', salt, hash: digest(salt, m[2]!), created: Date.now() });
    return 'stored';
  }

  /**
   * Before a write that may create `tm`: nothing if it exists; else TM_LIMIT past the deployment's or the key's
   * limit (0: none), else the key is recorded as the TM's creator. Checked before the write, not atomically with
   * it: requests creating TMs at the same moment may pass a limit by as many as are in flight.
   */
  async claimTm(tm: string, keyId: string | undefined, limits: TmLimits): Promise<void> {
    if (limits.maxTms === 0 && (limits.maxTmsPerKey === 0 || !keyId)) return;
    if (await this.store.tmExists(tm)) return;
    if (limits.maxTms > 0 && (await this.store.countTms()) >= limits.maxTms)
      throw new MizanError(ErrorCode.TM_LIMIT, { reason: 'tms-total', max: limits.maxTms, tm });
    if (!keyId || limits.maxTmsPerKey === 0) return;
    if ((await this.store.tmsCreatedBy(keyId)) >= limits.maxTmsPerKey)
      throw new MizanError(ErrorCode.TM_LIMIT, { reason: 'tms-per-key', max: limits.maxTmsPerKey, tm });
    await this.store.claimTm(keyId, tm);
  }

  audit(fields: AuditFields, maxLen: number): Promise<string> {
    return this.store.audit(fields, maxLen);
  }

  async auditPage(limit: number, before?: string): Promise<{ entries: (AuditFields & { id: string })[] }> {
    const rows = await this.store.auditPage(limit, before);
    return { entries: rows.map((r) => ({ id: r.id, ...r.fields })) };
  }
}
