import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // End-to-end tests start real Chromium and whole audits: give them room on a 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // Audits spawn their own browser workers; running test files two at a time keeps the machine responsive.
    maxWorkers: 2,
  },
});
