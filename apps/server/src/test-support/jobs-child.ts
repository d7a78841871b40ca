/**
 * Test support: one Studio process for the crash tests. Prints one JSON line when ready.
 *   worker: `startWorker` (what `studio worker` runs) with the given concurrency; prints {worker} (its id,
 *           which names it in the runs it leases).
 *   api:    an API-only replica (no worker) on a free port; prints {url}.
 * Usage: node --import tsx src/test-support/jobs-child.ts <worker|api> <data-dir> <database-url> [concurrency]
 * Lease settings come from STUDIO_JOB_*; STUDIO_TEST_CLOCK_SKEW_MS skews the child's clock. Runs until SIGTERM (graceful close) or SIGKILL (the test's crash).
 */
import { buildApp } from '../app';
import { startWorker } from '../worker';

const [mode, dataDir, databaseUrl, concurrency] = process.argv.slice(2) as [string, string, string, string?];
// STUDIO_TEST_CLOCK_SKEW_MS: this process' clock runs that far ahead (or behind), as on another machine.
const skew = Number(process.env.STUDIO_TEST_CLOCK_SKEW_MS ?? 0);
if (skew) {
  const RealDate = Date;
  class SkewedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(RealDate.now() + skew);
      else super(...(args as [string]));
    }
    static override now(): number {
      return RealDate.now() + skew;
    }
  }
  globalThis.Date = SkewedDate as DateConstructor;
}
// A test runner killed before its clean-up must not leave this process behind: exit once the parent is gone.
const parent = process.ppid;
setInterval(() => {
  try {
    process.kill(parent, 0);
  } catch {
    process.exit(1);
  }
}, 1000).unref();
if (mode === 'api') {
  // The embedded single-user mode: this child stands for a replica, not for sign-in (tested elsewhere).
  const app = await buildApp({
    databaseUrl,
    dataDir,
    logger: false,
    webDist: null,
    auth: 'local',
    workers: 0,
  });
  await app.ready();
  console.log(JSON.stringify({ url: await app.listen({ host: '127.0.0.1', port: 0 }) }));
} else {
  const app = await startWorker({
    dataDir,
    databaseUrl,
    concurrency: Number(concurrency ?? 1),
    logger: { level: process.env.STUDIO_LOG_LEVEL ?? 'error' },
  });
  console.log(JSON.stringify({ worker: app.runs.worker?.id }));
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
}
