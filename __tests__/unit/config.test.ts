import { ConfigError, DEFAULT_CONFIG, loadConfig } from '../../src/config';

describe('loadConfig', () => {
  it('uses the documented defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toEqual(DEFAULT_CONFIG);
    expect(config.port).toBe(8080);
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '9000',
      HOST: '127.0.0.1',
      REDIS_URL: 'redis://r:6380/2',
      MIZAN_KEY_PREFIX: 'tm1:',
      MIZAN_EMBEDDED_REDIS: 'off',
      MIZAN_SEED: '0',
      MIZAN_DEFAULT_TM: 'legal',
      MIZAN_MAX_QUERY_CHARS: '500',
      MIZAN_MAX_LIMIT: '20',
      MIZAN_REDIS_TIMEOUT_MS: '300',
      MIZAN_RETRY_AFTER_S: '9',
      LOG_LEVEL: 'debug',
    });
    expect(config).toMatchObject({
      port: 9000,
      host: '127.0.0.1',
      redisUrl: 'redis://r:6380/2',
      keyPrefix: 'tm1:',
      embeddedRedis: false,
      seed: false,
      defaultTm: 'legal',
      maxQueryChars: 500,
      maxLimit: 20,
      redisTimeoutMs: 300,
      retryAfterSeconds: 9,
      logLevel: 'debug',
    });
  });

  it('lists every invalid value at once', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({
        PORT: 'eighty',
        REDIS_URL: 'http://x',
        MIZAN_KEY_PREFIX: 'a{b}',
        MIZAN_SEED: 'maybe',
        LOG_LEVEL: 'loud',
      });
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.problems).toHaveLength(5);
    expect(error!.message).toContain('PORT must be an integer from 0 to 65535 (got "eighty")');
  });

  it('returns a frozen object', () => {
    expect(Object.isFrozen(loadConfig({}))).toBe(true);
  });
});

import { AnswerCache } from '../../src/service/answer-cache';

describe('AnswerCache', () => {
  it('keeps the most recently used answers up to its capacity', () => {
    const cache = new AnswerCache<string>(2);
    cache.set('a', '1');
    cache.set('b', '2');
    expect(cache.get('a')).toBe('1'); // a is now the most recent
    cache.set('c', '3');
    expect(cache.get('b')).toBeUndefined();
    expect([cache.get('a'), cache.get('c'), cache.size]).toEqual(['1', '3', 2]);
  });

  it('stores nothing when its capacity is 0', () => {
    const cache = new AnswerCache<string>(0);
    cache.set('a', '1');
    expect(cache.get('a')).toBeUndefined();
  });
});
