/**
 * Test support: one Studio process of a multi-process deployment, for the jobs tests. Prints one JSON line
 * when ready.
 *   api:    an API-only replica (no worker), listening on a free port; prints {url}.
 *   worker: `startWorker` (what `studio worker` runs) with the given concurrency; prints {worker}.
 * Usage: node --import tsx src/test-support/jobs-child.ts <api|worker> <data-dir> <database-url> [concurrency]
 * Lease settings come from STUDIO_JOB_*. Runs until SIGTERM (graceful close) or SIGKILL (the test's crash).
 */
import { buildApp } from '../app';
import { startWorker } from '../worker';

const [mode, dataDir, databaseUrl, concurrency] = process.argv.slice(2) as [string, string, string, string?];
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
  // The embedded single-user mode: these children stand for replicas, not for sign-in (tested elsewhere).
  const app = await buildApp({
    databaseUrl,
    dataDir,
    logger: { level: process.env.STUDIO_LOG_LEVEL ?? 'error' },
    webDist: null,
    auth: 'local',
    workers: 0,
  });
  await app.ready();
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  console.log(JSON.stringify({ url }));
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
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
