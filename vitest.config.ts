import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // They restart the shared Postgres: `npm run test:faults` runs them alone, after this suite.
    exclude: [...configDefaults.exclude, 'test/faults/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Database suites share one Postgres when TEST_DATABASE_URL is set; each file makes its own schema.
    pool: 'forks',
  },
});
