import { defineConfig } from 'vitest/config';

// Property tests run hundreds of cases; on a shared CI core the 5 s default is too tight.
export default defineConfig({ test: { testTimeout: 30_000 } });
