import { defineConfig } from 'vitest/config';

/**
 * Two tiers: `unit` (npm test: in-process CLI runs, real servers on 127.0.0.1, a few spawned processes for
 * signals, terminals and pipes) and `soak` (npm run test:soak: gigabytes through whole processes, peak memory
 * measured). .ci/run runs both; `npx vitest run` alone runs both too.
 */
export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    // Most cases wait on sockets and timeouts, not the CPU: more files at once than cores.
    maxWorkers: 4,
    globalSetup: ['test/global-setup.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/soak/**'] } },
      { extends: true, test: { name: 'soak', include: ['test/soak/**/*.test.ts'], testTimeout: 120_000 } },
    ],
  },
});
