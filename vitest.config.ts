import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // the PostgreSQL tests share one database; files run in parallel but each uses its own schema
    pool: 'forks',
  },
});
