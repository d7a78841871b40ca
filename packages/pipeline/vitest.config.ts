import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Quality suites train on the real 30,000-row Taiwan data; a shared 2-core machine needs room.
    testTimeout: 60_000,
    // One reused worker for all files instead of a fresh process each: the modules and the engine's addon load
    // once. The files leave no global state behind.
    isolate: false,
  },
});
