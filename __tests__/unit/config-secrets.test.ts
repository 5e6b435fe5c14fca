/**
 * Configuration values as messages and logs show them: a Redis URL with its password as `***` (a malformed one too),
 * and secret variables (MIZAN_ADMIN_KEY, MIZAN_METRICS_TOKEN) never quoted.
 */
import { ConfigError, loadConfig, shownUrl } from '../../src/config';
import { redisAddress } from '../../scripts/lib/tm';

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).message;
  }
  throw new Error('expected a ConfigError');
}

describe('shownUrl', () => {
  it.each([
    ['redis://:secret@host:6379/0', 'redis://:***@host:6379/0'],
    ['redis://user:secret@host:6379', 'redis://user:***@host:6379'],
    ['rediss://user:p@ss/w?rd@host', 'rediss://user:***@host'],
    ['redis://:secret@host:6379/x y', 'redis://:***@host:6379/x y'],
    ['redis://:secret@ho st:6379', 'redis://:***@ho st:6379'],
    ['redis//:secret@host', 'redis//:***@host'],
    ['redis://secret@host:6379', 'redis://***@host:6379'],
    ['redis://host:6379/0?password=secret&db=1', 'redis://host:6379/0?password=***&db=1'],
    ['redis://host:6379?sentinelPassword=secret', 'redis://host:6379?sentinelPassword=***'],
    ['redis://127.0.0.1:6379', 'redis://127.0.0.1:6379'],
    ['redis://user:@host', 'redis://user:@host'],
  ])('shows %s as %s', (url, shown) => {
    expect(shownUrl(url)).toBe(shown);
  });
});

describe('configuration problems', () => {
  it('quote a malformed REDIS_URL with its password replaced by ***', () => {
    const message = problemsOf({ REDIS_URL: 'redis://:secret@host:6379/x y' });
    expect(message).toContain('REDIS_URL');
    expect(message).toContain('(got "redis://:***@host:6379/x y")');
    expect(message).not.toContain('secret');
  });

  it('refuse a REDIS_URL whose path is not a database number, or without a host', () => {
    expect(problemsOf({ REDIS_URL: 'redis://host:6379/x' })).toContain('REDIS_URL');
    expect(problemsOf({ REDIS_URL: 'redis://:pw@:6379' })).not.toContain('pw');
    expect(loadConfig({ REDIS_URL: 'redis://:pw@host:6379/2' }).redisUrl).toBe('redis://:pw@host:6379/2');
    expect(loadConfig({ REDIS_URL: 'rediss://u:pw@host/' }).redisUrl).toBe('rediss://u:pw@host/');
  });

  it('quote the other settings of a wrong line without a password either', () => {
    const message = problemsOf({
      REDIS_URL: 'http://user:secret@host',
      REDIS_CLUSTER_NODES: 'a:7000,:secret@b:7001',
    });
    expect(message).toContain('(got "http://user:***@host")');
    expect(message).toContain('(got "a:7000,:***@b:7001")');
    expect(message).not.toContain('secret');
  });

  it('never quote MIZAN_ADMIN_KEY or MIZAN_METRICS_TOKEN', () => {
    const message = problemsOf({
      MIZAN_ADMIN_KEY: 'mzn_not-a-key-but-a-secret',
      MIZAN_METRICS: 'key',
      MIZAN_METRICS_TOKEN: 'short-secret',
    });
    expect(message).toContain('MIZAN_ADMIN_KEY must look like');
    expect(message).toContain('MIZAN_METRICS_TOKEN');
    expect(message).not.toContain('secret');
  });
});

describe("the scripts' Redis address", () => {
  it('names REDIS_URL with its password as ***', () => {
    const config = { redisUrl: 'redis://user:secret@host:6379/1?password=secret', redisClusterNodes: [] };
    expect(redisAddress(config)).toBe('redis://user:***@host:6379/1?password=***');
  });
});
