import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const repoRoot = resolve(import.meta.dirname, '..');
const READY = /^Studio listening on (http:\/\/\S+)$/;
const START_TIMEOUT_MS = 60_000;

/** Waits for the server's one "Studio listening on <url>" line; rejects if it exits or takes too long. */
function waitForUrl(child: ChildProcess, logs: string[]): Promise<string> {
  return new Promise((resolveUrl, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`studio serve did not start in time:\n${logs.join('')}`)),
      START_TIMEOUT_MS,
    );
    createInterface({ input: child.stdout! }).on('line', (line) => {
      logs.push(`${line}\n`);
      const m = READY.exec(line.trim());
      if (m?.[1]) {
        clearTimeout(timer);
        resolveUrl(m[1]);
      }
    });
    child.stderr!.on('data', (d: Buffer) => logs.push(d.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`studio serve exited with ${code} before it was ready:\n${logs.join('')}`));
    });
  });
}

/**
 * Starts the REAL server (`studio serve`) on a free port against a fresh data directory, publishes its URL
 * as STUDIO_URL for the tests, and returns the teardown that stops it and removes the directory.
 * The web app must already be built into apps/web/dist (the root test script builds it first).
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(join(repoRoot, 'apps', 'web', 'dist', 'index.html'))) {
    throw new Error('apps/web/dist is missing: build the web app first (pnpm --filter @studio/web build)');
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'studio-e2e-'));
  const child = spawn(
    process.execPath,
    ['apps/cli/bin/studio.mjs', 'serve', '--host', '127.0.0.1', '--port', '0', '--data-dir', dataDir],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'test' } },
  );
  const logs: string[] = [];
  try {
    process.env.STUDIO_URL = await waitForUrl(child, logs);
  } catch (e) {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  return async () => {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  };
}
