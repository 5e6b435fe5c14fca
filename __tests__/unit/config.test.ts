import os from 'node:os';
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
      MIZAN_WEB_DIR: '/srv/mizan-web',
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
      webDir: '/srv/mizan-web',
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

  it('names what a value must be', () => {
    expect(() => loadConfig({ MIZAN_FRESHNESS: 'sometimes' })).toThrow(
      'MIZAN_FRESHNESS must be notify or strict (got "sometimes")',
    );
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(
      'LOG_LEVEL must be debug, info, warn or error (got "loud")',
    );
    expect(() => loadConfig({ MIZAN_MAX_BODY: '8 MB' })).toThrow('MIZAN_MAX_BODY must be a size like 512kb or 4mb');
    expect(() => loadConfig({ REDIS_URL: 'localhost:6379' })).toThrow('REDIS_URL must be a URL starting with redis://');
    expect(() => loadConfig({ MIZAN_DEFAULT_TM: 'Main' })).toThrow('MIZAN_DEFAULT_TM must match');
    expect(() => loadConfig({ MIZAN_REDIS_FSYNC: 'no' })).toThrow(
      'MIZAN_REDIS_FSYNC must be everysec or always (got "no")',
    );
  });

  it('fsyncs the embedded Redis AOF every second unless told always', () => {
    expect(loadConfig({}).redisFsync).toBe('everysec');
    expect(loadConfig({ MIZAN_REDIS_FSYNC: 'always' }).redisFsync).toBe('always');
  });

  it('sizes the answer cache in MiB, turned off by MIZAN_ANSWER_CACHE_MB=0 or MIZAN_ANSWER_CACHE=0', () => {
    expect(loadConfig({}).answerCacheBytes).toBe(64 * 1024 * 1024);
    expect(loadConfig({ MIZAN_ANSWER_CACHE_MB: '8' }).answerCacheBytes).toBe(8 * 1024 * 1024);
    expect(loadConfig({ MIZAN_ANSWER_CACHE_MB: '0' }).answerCacheBytes).toBe(0);
    expect(loadConfig({ MIZAN_ANSWER_CACHE: '0' }).answerCacheBytes).toBe(0);
    expect(loadConfig({ MIZAN_ANSWER_CACHE: '10000' }).answerCacheBytes).toBe(64 * 1024 * 1024);
  });

  it('reads CORS origins as a list, refusing what is not an origin', () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(loadConfig({ MIZAN_CORS_ORIGINS: 'https://cat.example.org, http://localhost:3000/' }).corsOrigins).toEqual([
      'https://cat.example.org',
      'http://localhost:3000',
    ]);
    expect(loadConfig({ MIZAN_CORS_ORIGINS: '*' }).corsOrigins).toEqual(['*']);
    expect(() => loadConfig({ MIZAN_CORS_ORIGINS: 'cat.example.org' })).toThrow('MIZAN_CORS_ORIGINS must list origins');
  });

  it('writes CORS origins as a browser sends them: default port dropped, scheme and host in lower case', () => {
    const origins = (v: string) => loadConfig({ MIZAN_CORS_ORIGINS: v }).corsOrigins;
    expect(origins('https://cat.example.org:443, HTTP://LocalHost:80/, http://localhost:3000')).toEqual([
      'https://cat.example.org',
      'http://localhost',
      'http://localhost:3000',
    ]);
    expect(origins('https://cat.example.org:8443, http://127.0.0.1:443')).toEqual([
      'https://cat.example.org:8443',
      'http://127.0.0.1:443',
    ]);
    expect(origins('http://[::1]:3000')).toEqual(['http://[::1]:3000']);
  });

  it.each([
    ['https://cat.example.org/app', 'has a path (/app)'],
    ['https://cat.example.org/app/', 'has a path (/app/)'],
    ['https://cat.example.org?x=1', 'has a query or fragment'],
    ['https://user@cat.example.org', 'has a user name or password'],
    ['ftp://cat.example.org', 'is not http or https'],
    ['https://cat.example.org:99999', 'is not a URL'],
  ])('refuses %s as a CORS origin, saying it %s', (value, problem) => {
    expect(() => loadConfig({ MIZAN_CORS_ORIGINS: value })).toThrow(`"${value}" ${problem}`);
  });

  it('reads the metrics mode, refusing key without a token and a metrics port equal to PORT', () => {
    expect(loadConfig({}).metrics).toBe('off');
    expect(loadConfig({ MIZAN_METRICS: 'open' }).metrics).toBe('open');
    const keyed = loadConfig({ MIZAN_METRICS: 'key', MIZAN_METRICS_TOKEN: 'a-long-enough-token' });
    expect(keyed).toMatchObject({ metrics: 'key', metricsToken: 'a-long-enough-token' });
    expect(loadConfig({ MIZAN_METRICS: 'port', MIZAN_METRICS_PORT: '9100' })).toMatchObject({ metricsPort: 9100 });
    expect(() => loadConfig({ MIZAN_METRICS: 'key' })).toThrow('MIZAN_METRICS=key needs MIZAN_METRICS_TOKEN');
    expect(() => loadConfig({ MIZAN_METRICS: 'key', MIZAN_METRICS_TOKEN: 'short' })).toThrow('at least 16 characters');
    expect(() => loadConfig({ MIZAN_METRICS: 'port', PORT: '9464' })).toThrow('MIZAN_METRICS_PORT must differ');
    expect(() => loadConfig({ MIZAN_METRICS: 'yes' })).toThrow('MIZAN_METRICS must be off, open, key or port');
  });

  it('reads the access settings: read mode, admin key, rate budgets, TM limits, audit cap, proxies', () => {
    const adminKey = `mzn_k${'0'.repeat(16)}_${'a'.repeat(43)}`;
    expect(
      loadConfig({
        MIZAN_READ: 'key',
        MIZAN_ADMIN_KEY: adminKey,
        MIZAN_RATE_READ_PER_MIN: '0',
        MIZAN_RATE_WRITE_PER_MIN: '30',
        MIZAN_MAX_TMS_PER_KEY: '3',
        MIZAN_MAX_TMS: '0',
        MIZAN_AUDIT_MAX: '5000',
        MIZAN_TRUST_PROXY: '1',
        MIZAN_INDEX_TEXTS_DIR: '.',
        MIZAN_INDEX_TEXTS_MEMORY_MB: '0',
      }),
    ).toMatchObject({
      readAccess: 'key',
      adminKey,
      rateReadPerMin: 0,
      rateWritePerMin: 30,
      maxTmsPerKey: 3,
      maxTms: 0,
      auditMaxLen: 5000,
      trustProxy: 1,
      indexTextsDir: process.cwd(),
      indexTextsMemoryMb: 0,
    });
    expect(() => loadConfig({ MIZAN_INDEX_TEXTS_DIR: '/nonexistent/mizan' })).toThrow(
      'MIZAN_INDEX_TEXTS_DIR must be a directory mizan can write to (got "/nonexistent/mizan")',
    );
    expect(loadConfig({}).indexTextsDir).toBe(os.tmpdir());
    expect(() => loadConfig({ MIZAN_READ: 'closed' })).toThrow('MIZAN_READ must be open or key (got "closed")');
  });

  it('refuses an admin key that is not a mizan key without repeating it', () => {
    const secret = 'correct-horse-battery-staple';
    let error: ConfigError | undefined;
    try {
      loadConfig({ MIZAN_ADMIN_KEY: secret });
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error!.message).toContain('MIZAN_ADMIN_KEY must look like mzn_k<16 hex digits>_<43 base64url characters>');
    expect(error!.message).not.toContain(secret);
  });

  it('reads the bounds on work: the min floor, the batch budget, server timeouts and the connection cap', () => {
    expect(DEFAULT_CONFIG).toMatchObject({ minFloor: 30, batchBudgetMs: 10_000, maxConnections: 1024 });
    const config = loadConfig({
      MIZAN_MIN_FLOOR: '50',
      MIZAN_BATCH_BUDGET_MS: '2500',
      MIZAN_HEADERS_TIMEOUT_MS: '5000',
      MIZAN_REQUEST_TIMEOUT_MS: '30000',
      MIZAN_KEEP_ALIVE_TIMEOUT_MS: '1000',
      MIZAN_MAX_CONNECTIONS: '0',
    });
    expect(config).toMatchObject({
      minFloor: 50,
      batchBudgetMs: 2500,
      headersTimeoutMs: 5000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 1000,
      maxConnections: 0,
    });
    expect(() => loadConfig({ MIZAN_MIN_FLOOR: '101' })).toThrow(/MIZAN_MIN_FLOOR must be an integer from 0 to 100/);
    expect(() => loadConfig({ MIZAN_HEADERS_TIMEOUT_MS: '60000', MIZAN_REQUEST_TIMEOUT_MS: '30000' })).toThrow(
      /MIZAN_HEADERS_TIMEOUT_MS must not exceed MIZAN_REQUEST_TIMEOUT_MS/,
    );
  });

  it('reads the heap growth allowed over the live heap: 50 % unless set, 0 leaves V8 its own', () => {
    expect(DEFAULT_CONFIG.heapGrowthPercent).toBe(50);
    expect(loadConfig({ MIZAN_HEAP_GROWTH_PERCENT: '0' }).heapGrowthPercent).toBe(0);
    expect(loadConfig({ MIZAN_HEAP_GROWTH_PERCENT: '100' }).heapGrowthPercent).toBe(100);
    expect(() => loadConfig({ MIZAN_HEAP_GROWTH_PERCENT: '400' })).toThrow(
      /MIZAN_HEAP_GROWTH_PERCENT must be an integer from 0 to 300/,
    );
  });

  it('returns a frozen object', () => {
    expect(Object.isFrozen(loadConfig({}))).toBe(true);
  });
});
