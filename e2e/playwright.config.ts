import { defineConfig } from '@playwright/test';

// Debian's Chromium, never a downloaded browser; flags keep it quiet and stable in containers without a GPU.
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default defineConfig({
  testDir: './specs',
  // One real server and a 2-core machine: run specs one at a time, in file order.
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  outputDir: './artifacts/test-results',
  reporter: [['list'], ['html', { outputFolder: './artifacts/report', open: 'never' }]],
  globalSetup: './global-setup.ts',
  use: {
    // global-setup.ts starts the real server and publishes its URL here; workers read it when they load this file.
    baseURL: process.env.STUDIO_URL,
    // Every spec runs signed in as the admin global-setup created; two-person specs open other roles' contexts.
    storageState: './artifacts/auth/admin.json',
    viewport: { width: 1440, height: 900 },
    screenshot: 'on',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: '/usr/bin/chromium', args: chromiumArgs },
  },
});
