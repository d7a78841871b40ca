/**
 * Test support: one Studio server starting on a database (`start`: migrate, build, first admin, listen), as its
 * own process, for tests of replicas starting at once. Prints one JSON line when it listens:
 * {url, firstAdmin: {username, link, linkIssuedAt} | null}. Runs until SIGTERM (graceful close).
 * Usage: node --import tsx src/test-support/first-start-child.ts <data-dir> <database-url>
 */
import { start } from '../start';

const [dataDir, databaseUrl] = process.argv.slice(2) as [string, string];
const { app, url, firstAdmin } = await start({
  dataDir,
  databaseUrl,
  port: 0,
  seed: false,
  webDist: null,
  logger: { level: 'error' },
  workers: 0,
});
process.stdout.write(`${JSON.stringify({ url, firstAdmin })}\n`);
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
