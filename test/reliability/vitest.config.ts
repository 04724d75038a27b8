// `npm run reliability`: the fast reliability tests (also in `npm test`) and the slow ones (*.slow.ts: a restarted
// PostgreSQL, a killed server), one file at a time, with the full sizes (LEERKANS_RELIABILITY_FULL, set by run.ts).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../../', import.meta.url)),
  test: {
    include: ['test/reliability/**/*.{test,slow}.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 600_000,
    hookTimeout: 300_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
