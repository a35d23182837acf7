/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }],
    // openid-client 6 and what it builds on are ES modules only; Jest loads CommonJS, so swc converts them.
    '^.+\\.js$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(openid-client|oauth4webapi|jose)/)'],
  // Workflow and stack suites start real servers; their own timeouts are tighter where it matters.
  testTimeout: 120_000,
  // Without TEST_DATABASE_URL, one embedded PostgreSQL server for the run (test/support/global-setup.ts).
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // Suites share this machine's ports and CPU; one at a time keeps timings honest on 2 cores.
  maxWorkers: 1,
};
