import { defineConfig } from 'vitest/config';

// The global setup starts the platform in this process too; keep its logs to warnings unless asked.
process.env.LOG_LEVEL ??= 'warn';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'subgraphs/*/src/**/*.test.ts', 'router/src/**/*.test.ts', 'app/src/**/*.test.ts', 'test/**/*.int.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: one worker per core; each integration file runs its own router and subgraphs.
    maxWorkers: 2,
    server: {
      deps: {
        // Load the workspace's compiled packages with Node itself, as production does: run through Vite they would
        // import another copy of `graphql` than type-graphql does ("Duplicate graphql modules").
        external: [/\/(packages|subgraphs)\/[^/]+\/dist\//, /\/(router|app)\/dist\//],
      },
    },
  },
});
