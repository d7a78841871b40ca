import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { OperationalError } from '@studio/ir';
import { afterEach } from 'vitest';
import { BlobStore } from '../datasets/blob-store';
import { migrate } from '../db/migrator';
import type { StudioPrisma } from '../db/prisma-client';
import type { Provider } from '../db/database-target';
import { createTestDatabase, type TestDatabase } from './test-database';
import { sweepBlobs, type BlobSweepReport } from '../blobs/blob-sweep';

/**
 * Test support for the crash tests: Studio child processes (`jobs-child.ts`) this test starts, killed with
 * SIGKILL by their PID, and the check that a crash left no half state in the blob store.
 */
const CHILD = fileURLToPath(new URL('./jobs-child.ts', import.meta.url));
const SERVER_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Files in a folder (none when it does not exist). */
export const filesIn = (dir: string): string[] => {
  try {
    return readdirSync(dir).map((n) => join(dir, n));
  } catch {
    return [];
  }
};

/** Every blob's hash under `<dataDir>/blobs/sha256/<hh>/`. */
export const blobHashes = (dataDir: string): string[] =>
  filesIn(join(dataDir, 'blobs', 'sha256')).flatMap((d) =>
    filesIn(d).map((f) => f.slice(f.lastIndexOf('/') + 1)),
  );

/** One Studio child process and the JSON line it printed when ready. */
export interface StudioChild {
  child: ChildProcess;
  ready: Record<string, unknown>;
}

/**
 * Starts `jobs-child.ts` in `mode` (`api`: an API-only replica, ready line `{url}`; `worker`: `studio worker`,
 * ready line `{worker}`) and waits (bounded) for its ready line. `env` adds to this process' environment.
 */
export async function startStudioChild(
  mode: 'api' | 'worker',
  dataDir: string,
  databaseUrl: string,
  env: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<StudioChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, mode, dataDir, databaseUrl], {
    cwd: SERVER_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  try {
    for await (const line of createInterface({ input: child.stdout! }))
      if (line.startsWith('{')) return { child, ready: JSON.parse(line) as Record<string, unknown> };
  } finally {
    clearTimeout(timer);
  }
  throw new OperationalError(
    'TEST_CHILD_NOT_READY',
    `the ${mode} child exited before it was ready (code ${child.exitCode})`,
  );
}

/** kill -9 of one child this test started, by its PID; resolves once it has exited. */
export async function killChild(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  process.kill(child.pid!, 'SIGKILL');
  await exited;
}

/** What the blob store holds after the sweep, against what the rows name. */
export interface BlobState {
  report: BlobSweepReport;
  /** Blobs no row names (must be none after the sweep). */
  unnamed: string[];
  /** Hashes a row names whose blob is missing (must be none). */
  missing: string[];
  temp: string[];
}

/**
 * Sweeps the blob store with no grace (as the hourly sweep does once a crash is old enough), then compares the
 * blobs with every hash a row names: Dataset, ModelArtifact and Job (input and result).
 */
export async function sweptBlobState(prisma: StudioPrisma, dataDir: string): Promise<BlobState> {
  const report = await sweepBlobs(prisma, new BlobStore(dataDir), 0);
  const [datasets, artifacts, jobs] = await Promise.all([
    prisma.dataset.findMany({ select: { sha256: true } }),
    prisma.modelArtifact.findMany({ select: { sha256: true } }),
    prisma.job.findMany({ select: { inputSha256: true, resultSha256: true } }),
  ]);
  const named = new Set([
    ...[...datasets, ...artifacts].map((r) => r.sha256),
    ...jobs.flatMap((j) => [j.inputSha256, j.resultSha256]).filter((h): h is string => h !== null),
  ]);
  const stored = new Set(blobHashes(dataDir));
  return {
    report,
    unnamed: [...stored].filter((h) => !named.has(h)),
    missing: [...named].filter((h) => !stored.has(h)),
    temp: filesIn(join(dataDir, 'tmp')),
  };
}

/** One crash test's own database and the child process it started. */
export interface CrashTestState {
  db: TestDatabase | null;
  child: ChildProcess | null;
  /** Creates and migrates this test's fresh database. */
  database(): Promise<TestDatabase>;
}

/**
 * The state of the crash tests of one `describe`: after each test the child it started is killed by its PID
 * and its database dropped, whatever the test's outcome.
 */
export function crashTestState(provider: Provider): CrashTestState {
  const state: CrashTestState = {
    db: null,
    child: null,
    async database() {
      state.db = await createTestDatabase(provider);
      await migrate(state.db.target);
      return state.db;
    },
  };
  afterEach(async () => {
    await killChild(state.child);
    state.child = null;
    await state.db?.drop();
    state.db = null;
  });
  return state;
}
