import { defineConfig } from 'vitest/config';

// The db and api suites run twice: on PGlite and on the PostgreSQL server.
const backendSuites = ['test/db/**/*.test.ts', 'test/api/**/*.test.ts'];

export default defineConfig({
  test: {
    // Two files at a time: a PGlite file is busy on one core while a PostgreSQL file waits on the
    // server's (vitest's default leaves one of two cores to the main process).
    maxWorkers: 2,
    hookTimeout: 120_000,
    testTimeout: 60_000,
    // Password hashes at a test cost (api/src/auth/password.ts); the production cost has its own test.
    env: { PASSWORD_HASH_COST: 'test' },
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'pglite',
          include: backendSuites,
          env: { TEST_DB: 'pglite' },
          globalSetup: ['test/helpers/setup-pglite-template.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: backendSuites,
          env: { TEST_DB: 'postgres' },
          globalSetup: ['test/helpers/setup-postgres-template.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'neon',
          include: ['test/neon/**/*.test.ts'],
          globalSetup: ['test/helpers/setup-postgres-template.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'serverless',
          include: ['test/serverless/**/*.test.ts'],
          globalSetup: ['test/helpers/setup-postgres-template.ts', 'test/serverless/setup-bundles.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/helpers/setup-e2e-server.ts'],
          testTimeout: 120_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
