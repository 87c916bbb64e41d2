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
          exclude: ['tests/ui/**'],
          // Builds the pages the browser tests open (once per run, only when stale).
          globalSetup: ['tests/e2e/global-setup.ts'],
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
