/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The dev server proxies the API to a locally running `studio serve --port 5174`, so the browser sees one origin.
export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:5174', changeOrigin: false } },
  },
  build: { outDir: 'dist', sourcemap: true },
  // isolate: false: the test files run one after another in one reused worker instead of a fresh process each
  // (the jsdom files still get their own environment); the files restore what they stub.
  test: { isolate: false },
});
