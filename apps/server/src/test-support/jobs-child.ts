/**
 * Test support: a job worker process (`startWorker`, what `studio worker` runs) for the multi-process jobs
 * test. Prints one JSON line when ready: {worker} (its id, which names it in the runs it leases).
 * Usage: node --import tsx src/test-support/jobs-child.ts worker <data-dir> <database-url> <concurrency>
 * Lease settings come from STUDIO_JOB_*. Runs until SIGTERM (graceful close) or SIGKILL (the test's crash).
 */
import { startWorker } from '../worker';

const [, dataDir, databaseUrl, concurrency] = process.argv.slice(2) as [string, string, string, string?];
// A test runner killed before its clean-up must not leave this process behind: exit once the parent is gone.
const parent = process.ppid;
setInterval(() => {
  try {
    process.kill(parent, 0);
  } catch {
    process.exit(1);
  }
}, 1000).unref();
const app = await startWorker({
  dataDir,
  databaseUrl,
  concurrency: Number(concurrency ?? 1),
  logger: { level: process.env.STUDIO_LOG_LEVEL ?? 'error' },
});
console.log(JSON.stringify({ worker: app.runs.worker?.id }));
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
