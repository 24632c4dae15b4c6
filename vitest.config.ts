import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The workspace packages' tests run with jobdesk's (their sources resolve through the
    // `development` condition of their exports).
    include: ['test/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    // They restart a Postgres server under load: `npm run test:faults` runs them on their own.
    exclude: [...configDefaults.exclude, 'test/faults/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // One server for the run (an embedded PostgreSQL, or TEST_DATABASE_URL's); each file makes its
    // own database on it.
    globalSetup: ['test/support/embedded-server.global.ts'],
    pool: 'forks',
  },
});
