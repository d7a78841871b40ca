import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Integration suites talk to real SQLite files and a real PostgreSQL; a shared 2-core machine needs room.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
