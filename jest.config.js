/** Two projects: pure unit tests, and integration tests against a real, private redis-server. */
const transform = { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] };
// dist/ holds a compiled copy (and a package.json) after `npm run build`: keep it out of module resolution.
const modulePathIgnorePatterns = ['<rootDir>/dist/'];

module.exports = {
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
      testMatch: ['<rootDir>/__tests__/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/__tests__/helpers/global-setup.ts',
      globalTeardown: '<rootDir>/__tests__/helpers/global-teardown.ts',
    },
  ],
};
