import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { request as playwrightRequest } from '@playwright/test';
import { E2E_PASSWORD, E2E_USERS, ROLES, storageStateOf } from './support/auth';

const repoRoot = resolve(import.meta.dirname, '..');
const READY = /^Studio listening on (http:\/\/\S+)$/;
const FIRST_ADMIN_LINK = /(http:\/\/\S+\/api\/auth\/link\/[\w-]+)/;
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
 * Sign-in is required: follows the first admin's one-time link the server printed, sets the admin's
 * password, creates one account per role through the API, and saves each role's signed-in session as a
 * storageState (the specs run as admin; the two-person specs open contexts as other roles).
 */
async function signInEveryRole(baseURL: string, serverOutput: string): Promise<void> {
  const link = FIRST_ADMIN_LINK.exec(serverOutput)?.[1];
  if (!link) throw new Error(`the server printed no first-admin sign-in link:\n${serverOutput}`);
  const admin = await playwrightRequest.newContext({ baseURL });
  const ok = async (what: string, res: { ok(): boolean; status(): number; text(): Promise<string> }) => {
    if (!res.ok()) throw new Error(`${what}: ${res.status()} ${await res.text()}`);
  };
  await ok('first-admin link', await admin.get(link));
  await ok(
    'set the admin password',
    await admin.post('/api/auth/password', { data: { currentPassword: '', newPassword: E2E_PASSWORD } }),
  );
  for (const role of ROLES) {
    if (role === 'admin') continue;
    const { username, name } = E2E_USERS[role];
    await ok(
      `create ${username}`,
      await admin.post('/api/users', { data: { username, name, role, password: E2E_PASSWORD } }),
    );
  }
  await admin.dispose();
  mkdirSync(dirname(storageStateOf('admin')), { recursive: true });
  for (const role of ROLES) {
    const ctx = await playwrightRequest.newContext({ baseURL });
    await ok(
      `sign in as ${role}`,
      await ctx.post('/api/auth/sign-in', {
        data: { username: E2E_USERS[role].username, password: E2E_PASSWORD },
      }),
    );
    await ctx.storageState({ path: storageStateOf(role) });
    await ctx.dispose();
  }
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
    const url = await waitForUrl(child, logs);
    process.env.STUDIO_URL = url;
    await signInEveryRole(url, logs.join(''));
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
