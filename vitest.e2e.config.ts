import { defineConfig } from 'vitest/config';

// Browser tests: one production build, served on loopback, driven by Debian chromium.
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    globalSetup: ['e2e/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
});
