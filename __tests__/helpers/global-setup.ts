/**
 * Starts the Redis shared by the integration test files (each file uses its own key prefix): a private standalone
 * redis-server, or, with MIZAN_TEST_REDIS=cluster, a private 3-master Redis Cluster (redis-cluster.ts).
 */
import { startPrivateCluster, type PrivateCluster } from './redis-cluster';
import { startPrivateRedis, type PrivateRedis } from './redis-server';

declare global {
  var __MIZAN_TEST_REDIS__: PrivateRedis | undefined;
  var __MIZAN_TEST_CLUSTER__: PrivateCluster | undefined;
}

export default async function globalSetup(): Promise<void> {
  // Once per run, whichever project's setup comes first (the e2e project shares this Redis; e2e-global-setup.ts).
  if (globalThis.__MIZAN_TEST_REDIS__ || globalThis.__MIZAN_TEST_CLUSTER__) return;
  if (process.env.MIZAN_TEST_REDIS === 'cluster') {
    const cluster = await startPrivateCluster();
    globalThis.__MIZAN_TEST_CLUSTER__ = cluster;
    process.env.MIZAN_TEST_CLUSTER_NODES = cluster.nodes;
    process.env.MIZAN_TEST_REDIS_URL = `redis://127.0.0.1:${cluster.ports[0]}`;
    return;
  }
  const redis = await startPrivateRedis();
  globalThis.__MIZAN_TEST_REDIS__ = redis;
  process.env.MIZAN_TEST_REDIS_URL = redis.url;
}
