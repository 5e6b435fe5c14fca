/**
 * Two projects: pure unit tests, and integration tests against a real, private redis-server. With
 * MIZAN_TEST_REDIS=cluster the integration tests run on a private 3-master Redis Cluster instead (global-setup.ts),
 * except those about one standalone server's life (started, stopped, embedded, spawned with REDIS_URL), which run
 * on the standalone pass only. `npm test` runs both passes. A third project, e2e, drives the web UI in Debian's
 * chromium against a real server on the standalone pass's Redis (its setup builds the UI first).
 */
const transform = { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] };
// dist/ holds a compiled copy (and a package.json) after `npm run build`: keep it out of module resolution.
const modulePathIgnorePatterns = ['<rootDir>/dist/'];
const cluster = process.env.MIZAN_TEST_REDIS === 'cluster';
const STANDALONE_ONLY = [
  'embedded-redis',
  'redis-outage',
  'redis-credentials',
  'redis-rollback',
  'observability-outage',
  'startup',
  'workers',
];

module.exports = {
  // A test file's first alignment loads the CC-CEDICT lexicon (≈ 2 s on a quiet machine, 5 s and more under a load
  // of 8 on two cores, as when CI shares the machine): jest's 5 s default made such a first test flaky.
  testTimeout: 20_000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      modulePathIgnorePatterns,
      testMatch: ['<rootDir>/__tests__/unit/**/*.test.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      modulePathIgnorePatterns,
      testMatch: cluster
        ? ['<rootDir>/__tests__/integration/**/*.test.ts', '<rootDir>/__tests__/integration-cluster/**/*.test.ts']
        : ['<rootDir>/__tests__/integration/**/*.test.ts'],
      testPathIgnorePatterns: cluster ? STANDALONE_ONLY.map((name) => `/integration/${name}\\.test\\.ts$`) : [],
      globalSetup: '<rootDir>/__tests__/helpers/global-setup.ts',
      globalTeardown: '<rootDir>/__tests__/helpers/global-teardown.ts',
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      transform,
      modulePathIgnorePatterns,
      testMatch: ['<rootDir>/__tests__/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/__tests__/helpers/e2e-global-setup.ts',
      globalTeardown: '<rootDir>/__tests__/helpers/global-teardown.ts',
    },
  ],
};
