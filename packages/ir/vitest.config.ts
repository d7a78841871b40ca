import { defineConfig } from 'vitest/config';

// Property tests run hundreds of cases; on a shared CI core the 5 s default is too tight.
// isolate: false: the files run one after another in one reused worker instead of a fresh process each, so the
// modules (and the engine's addon) load once per package; no file leaves global state behind.
export default defineConfig({ test: { testTimeout: 30_000, isolate: false } });
