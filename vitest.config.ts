import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Two projects: server-side tests run in Node against real Redis/SQL; UI component tests run in
// jsdom with Svelte compiled for the browser. Browser end-to-end tests (tests/e2e) run in Node and
// drive Debian's Chromium through playwright-core.
export default defineConfig({
  test: {
    globals: true,
    // The hub's logs (server/log.ts) stay out of test output; a test that reads them sets its own.
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
    testTimeout: 20_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/ui/**', 'tests/cluster/**'],
          // Builds the pages the browser tests open (once per run, only when stale).
          globalSetup: ['tests/e2e/global-setup.ts'],
        },
      },
      {
        // The same engine, relay, socket and job tests again on a Redis Cluster of 3 masters and
        // 3 replicas that the setup starts on loopback (tests/helpers/clusterSetup.ts), plus what
        // only a cluster has (tests/cluster: slots, failover). Helpers connect through
        // REDIS_TARGET (tests/helpers/redis.ts), so each file runs unchanged.
        extends: true,
        test: {
          name: 'cluster',
          environment: 'node',
          include: [
            'tests/cluster/**/*.test.ts',
            'tests/engine/concurrency.test.ts',
            'tests/engine/idempotency.test.ts',
            'tests/hub/relay.test.ts',
            'tests/hub/socket.test.ts',
            'tests/jobs/**/*.test.ts',
          ],
          globalSetup: ['tests/helpers/clusterSetup.ts'],
        },
      },
      {
        extends: true,
        plugins: [svelte()],
        resolve: { conditions: ['browser'] },
        test: {
          name: 'ui',
          environment: 'jsdom',
          include: ['tests/ui/**/*.test.ts'],
          setupFiles: ['tests/ui/setup.ts'],
        },
      },
    ],
  },
});
