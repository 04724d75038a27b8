import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // PGlite instances are memory-hungry WASM; two forks fit the 2-core machine.
    pool: 'forks',
    maxWorkers: 2,
    // Each worker runs its files one after another in one module graph instead of a new process per file: the
    // bot, its dependencies and the test databases (test/support/databases.ts) are loaded once per worker, not
    // once per file, which more than halves the CPU time of the suite. Tests therefore keep no state outside what
    // they create and close themselves (no module mocks, no changes to process.env).
    isolate: false,
  },
});
