import { defineConfig } from 'vitest/config';

/**
 * Tests that break shared infrastructure (they restart the local Postgres): run alone, after the
 * main suite, by `npm run test:faults` (.ci/run sets JOBDESK_FAULT_TESTS=1 and TEST_DATABASE_URL).
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
