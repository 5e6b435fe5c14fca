/** Whether this instance can serve: Redis answers, and the default TM holds a document (GET /readyz). */
import { memoryPolicy, memoryPolicyWarning, type TmStore } from '../store';

export interface Readiness {
  redis: boolean;
  /** The default TM holds at least one document. */
  tmLoaded: boolean;
  /**
   * Why not ready: `redis-unreachable`, `redis-timeout`, `redis-loading`, `redis-busy`, `redis-auth` (Redis refuses
   * the credentials in REDIS_URL) or `tm-empty`.
   */
  reason?: string;
  /** The same for an operator: what failed, and since when. */
  detail?: string;
  /** Redis's maxmemory-policy (absent when CONFIG is refused): mizan needs noeviction (store/memory-policy.ts). */
  maxmemoryPolicy?: string;
  /** Settings that do not stop the service but put data at risk (a maxmemory-policy that evicts). */
  warnings?: string[];
}

export async function readiness(store: TmStore, defaultTm: string): Promise<Readiness> {
  try {
    const redis = await store.ping();
    const policy = await memoryPolicy(store.redis);
    const warning = memoryPolicyWarning(policy);
    const settings = {
      ...(policy !== undefined && { maxmemoryPolicy: policy }),
      ...(warning && { warnings: [warning] }),
    };
    if ((await store.documentCount(defaultTm)) > 0) return { redis, tmLoaded: true, ...settings };
    const detail = `the TM "${defaultTm}" holds no document`;
    return { redis, tmLoaded: false, reason: 'tm-empty', detail, ...settings };
  } catch (err) {
    const outage = store.outage();
    const detail = outage
      ? `${outage.message} (since ${new Date(outage.since).toISOString()})`
      : (err as Error).message;
    return { redis: false, tmLoaded: false, reason: outage?.reason ?? 'redis-unreachable', detail };
  }
}
