/**
 * REDIS_CLUSTER_NODES with credentials, as REDIS_URL takes them: `redis://[user:]password@host:port` entries beside
 * plain `host:port` ones, the credentials given to every node's connection, and never shown in messages.
 */
import type { Cluster } from 'ioredis';
import { ConfigError, loadConfig, shownNodes, silentLogger } from '../../src/config';
import { createRedis } from '../../src/store';
import { redisAddress } from '../../scripts/lib/tm';

function problemsOf(nodes: string): string {
  try {
    loadConfig({ REDIS_CLUSTER_NODES: nodes });
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).message;
  }
  throw new Error('expected a ConfigError');
}

describe('REDIS_CLUSTER_NODES', () => {
  it('reads host:port entries as before, with no credentials', () => {
    const config = loadConfig({ REDIS_CLUSTER_NODES: 'r1:7000,r2:7001,[::1]:7002' });
    expect(config.redisClusterNodes).toEqual(['r1:7000', 'r2:7001', '[::1]:7002']);
    expect(config.redisClusterAuth).toBeUndefined();
  });

  it('takes a password from a redis:// entry, for every node, beside plain host:port entries', () => {
    const config = loadConfig({ REDIS_CLUSTER_NODES: 'redis://:s3cret@r1:7000, r2:7001' });
    expect(config.redisClusterNodes).toEqual(['r1:7000', 'r2:7001']);
    expect(config.redisClusterAuth).toEqual({ password: 's3cret' });
  });

  it('takes an ACL user and a percent-encoded password, and port 6379 when the URL names none', () => {
    const config = loadConfig({
      REDIS_CLUSTER_NODES: 'redis://mizan:p%40ss%3Aw0rd@r1,redis://mizan:p%40ss%3Aw0rd@[::1]:7001',
    });
    expect(config.redisClusterNodes).toEqual(['r1:6379', '[::1]:7001']);
    expect(config.redisClusterAuth).toEqual({ username: 'mizan', password: 'p@ss:w0rd' });
  });

  it.each([
    ['redis://:one@r1:7000,redis://:two@r2:7001', 'different credentials'],
    ['redis://mizan:one@r1:7000,redis://other:one@r2:7001', 'different credentials'],
    ['redis://mizan@r1:7000', 'a user name without a password'],
    ['rediss://:one@r1:7000', 'TLS to a cluster is not supported'],
    ['redis://:one@r1:7000/2', 'must be host:port or redis://[user:password@]host:port entries'],
    ['redis://r1:7000?password=one', 'must be host:port or redis://[user:password@]host:port entries'],
    ['http://:one@r1:7000', 'must be host:port or redis://[user:password@]host:port entries'],
    ['r1:7000,:one@r2:7001', 'must be host:port or redis://[user:password@]host:port entries'],
  ])('refuses %s (%s) without quoting a password', (nodes, problem) => {
    const message = problemsOf(nodes);
    expect(message).toContain('REDIS_CLUSTER_NODES ');
    expect(message).toContain(problem);
    expect(message).toContain('(got "');
    expect(message).not.toMatch(/one|two/);
  });

  it('is shown with *** in place of the password, in messages and in the scripts', () => {
    const config = loadConfig({ REDIS_CLUSTER_NODES: 'redis://mizan:s3cret@r1:7000,r2:7001' });
    expect(shownNodes(config.redisClusterNodes, config.redisClusterAuth)).toBe(
      'redis://mizan:***@r1:7000, redis://mizan:***@r2:7001',
    );
    expect(shownNodes(['r1:7000'], { password: 's3cret' })).toBe('redis://:***@r1:7000');
    expect(shownNodes(['r1:7000', 'r2:7001'])).toBe('r1:7000, r2:7001');
    expect(redisAddress(config)).toBe('the cluster redis://mizan:***@r1:7000, redis://mizan:***@r2:7001');
  });

  it("gives the credentials to the cluster client's every node connection", () => {
    const config = loadConfig({ REDIS_CLUSTER_NODES: 'redis://mizan:s3cret@127.0.0.1:7000' });
    const redis = createRedis(config, silentLogger) as Cluster; // lazy: nothing is connected
    try {
      expect(redis.options.redisOptions).toMatchObject({ username: 'mizan', password: 's3cret' });
    } finally {
      redis.disconnect();
    }
  });
});
