/**
 * Test support: the Studio as a child process, for crash tests. Prints one JSON line when it listens.
 *   setup: migrates, seeds the demo, trains its head, deploys it as slug `crash` (every answer logged) and
 *          makes an API key; prints {url, path, key, record}.
 *   serve: starts on the same data; prints {url}.
 * Usage: node --import tsx src/test-support/serving-child.ts <setup|serve> <data-dir> <database-url>
 * Runs until SIGTERM (graceful close) or SIGKILL (the test's crash).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CreatedApiKey, Deployment, Project } from '@studio/api';
import { parseCsv } from '@studio/data';
import { buildApp } from '../app';
import { parseDatabaseUrl } from '../db/database-target';
import { migrate } from '../db/migrator';
import { trainHead } from './trained-runs';
import { repoRoot } from '../repo-paths';
import { DEMO_PROJECT_NAME, seedDemo } from '../seed/seed';
import { csvRecords } from '../serving/csv-records';
import { deriveInputSchema } from '../serving/input-schema';

const [mode, dataDir, databaseUrl] = process.argv.slice(2) as [string, string, string];
await migrate(parseDatabaseUrl(databaseUrl));
const app = await buildApp({ databaseUrl, dataDir, logger: { level: 'error' }, webDist: null });
await app.ready();
let ready: Record<string, unknown> = {};
if (mode === 'setup') {
  await seedDemo(app);
  const projects = JSON.parse((await app.inject({ method: 'GET', url: '/api/projects' })).body) as Project[];
  const run = await trainHead(app, projects.find((p) => p.name === DEMO_PROJECT_NAME)!.id);
  const deployed = await app.inject({
    method: 'POST',
    url: `/api/runs/${run.id}/deploy`,
    payload: { slug: 'crash', logSampleRate: 1 },
  });
  const d = JSON.parse(deployed.body) as Deployment;
  const key = JSON.parse(
    (await app.inject({ method: 'POST', url: `/api/deployments/${d.id}/keys`, payload: { name: 'crash' } }))
      .body,
  ) as CreatedApiKey;
  const table = parseCsv(readFileSync(join(repoRoot, 'prisma', 'seed', 'german_credit.csv')));
  const first = csvRecords(deriveInputSchema(table, 'creditability'), table).next();
  ready = { path: d.url, key: key.key, record: first.done ? {} : first.value[1] };
}
const url = await app.listen({ host: '127.0.0.1', port: 0 });
console.log(JSON.stringify({ url, ...ready }));
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
