import { defineConfig } from 'vitest/config';

// The global setup starts the platform in this process too; keep its logs to warnings unless asked.
process.env.LOG_LEVEL ??= 'warn';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'subgraphs/*/src/**/*.test.ts', 'router/src/**/*.test.ts', 'test/**/*.int.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: one worker per core; each integration file runs its own router and subgraphs.
    maxWorkers: 2,
  },
});
