import { defineConfig } from 'vitest/config';

/**
 * Tests that restart a Postgres server under load (one of their own: an embedded PostgreSQL each
 * file starts): run on their own by `npm run test:faults`, after the main suite.
 */
export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
