import { defineConfig } from 'vitest/config';

// The shared 2-core machine runs these beside other suites; the default 5 s per test is too tight for the
// tests that import the server, the engine or onnxruntime inside the test.
// isolate: false: the files run one after another in one reused worker instead of a fresh process each, so the
// modules (and the engine's addon) load once per package; no file leaves global state behind.
export default defineConfig({ test: { testTimeout: 30_000, hookTimeout: 60_000, isolate: false } });
