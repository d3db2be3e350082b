/** Tests run against a real PostgreSQL: test/global-setup.mjs starts one (embedded, or
 * the server named by DATABASE_URL) and every test file gets its own database cloned
 * from a migrated template (test/support/database.ts). */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  globalSetup: '<rootDir>/test/global-setup.mjs',
  globalTeardown: '<rootDir>/test/global-teardown.mjs',
  setupFiles: ['reflect-metadata'],
  testTimeout: 60000,
  maxWorkers: 2,
  transform: { '^.+\\.ts$': ['ts-jest', {}] },
};
