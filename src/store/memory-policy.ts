/**
 * Redis's maxmemory-policy, checked at start-up (logged) and by GET /readyz (reported). mizan needs `noeviction`:
 * a full Redis then refuses writes (an import fails with STORE_UNAVAILABLE, nothing is lost). `volatile-*` evicts
 * keys with a TTL — an import's staged records (its commit then fails with IMPORT_STAGING_LOST) and job records;
 * `allkeys-*` evicts the TM's own units. CONFIG may be disabled (renamed away by a managed Redis): then the policy is
 * unknown and nothing is said. On a cluster every master is asked; the first policy that is not noeviction counts.
 */
import { isCluster, type RedisClient } from './redis';

export const SAFE_POLICY = 'noeviction';

/** The policy Redis runs with (a master's that evicts, on a cluster), or undefined when CONFIG is refused. */
export async function memoryPolicy(redis: RedisClient, timeoutMs = 2_000): Promise<string | undefined> {
  const nodes = isCluster(redis) ? redis.nodes('master') : [redis];
  try {
    const answers = await Promise.race([
      Promise.all(nodes.map((node) => node.config('GET', 'maxmemory-policy') as Promise<string[]>)),
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), timeoutMs).unref()),
    ]);
    if (!answers) return undefined;
    const policies = answers.map((answer) => answer[1]).filter((p): p is string => typeof p === 'string');
    return policies.find((p) => p !== SAFE_POLICY) ?? policies[0];
  } catch {
    return undefined;
  }
}

/** What to tell an operator about a policy: undefined when it is safe or unknown. */
export function memoryPolicyWarning(policy: string | undefined): string | undefined {
  if (policy === undefined || policy === SAFE_POLICY) return undefined;
  const what = policy.startsWith('allkeys-')
    ? "evicts any key under memory pressure, the TM's own units included"
    : policy.startsWith('volatile-')
      ? 'evicts keys with a TTL under memory pressure: staged imports (they then fail) and job records'
      : 'is not noeviction';
  return `Redis maxmemory-policy is ${policy}, which ${what}; set maxmemory-policy noeviction`;
}
