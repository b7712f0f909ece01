import { defineConfig } from 'vitest/config';

// Unit and integration tests: next to the code, fast, no browser.
export default defineConfig({
  test: {
    include: [
      'scripts/**/*.test.ts',
      'src/**/*.test.ts',
      'bench/**/*.test.ts',
      'deploy/**/*.test.ts',
      '.github/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', 'e2e/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
