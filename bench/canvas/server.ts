/**
 * The Studio for the canvas benchmark: a fresh SQLite database in `<data-dir>`, single-user (no sign-in), the
 * built web app, and one project per graph size holding a legal graph of that many nodes (bench/canvas/big-graph.ts)
 * on the German demo data. Prints one JSON line {url, projects: {size: projectId}} when ready; runs until SIGTERM.
 * Usage: node --import tsx bench/canvas/server.ts <data-dir> 300,30
 */
import type { Dataset, ProjectDetail } from '../../packages/api/src/index';
import { validateGraph } from '../../packages/ir/src/index';
import { join } from 'node:path';
import {
  buildApp,
  defaultDatabaseUrl,
  migrate,
  parseDatabaseUrl,
  repoRoot,
} from '../../apps/server/src/index';
import { bigGraph } from './big-graph';

const dataDir = process.argv[2]!;
const sizes = (process.argv[3] ?? '300,30').split(',').map(Number);
const databaseUrl = defaultDatabaseUrl(dataDir);
await migrate(parseDatabaseUrl(databaseUrl));
const webDist = join(repoRoot, 'apps', 'web', 'dist');
const app = await buildApp({ databaseUrl, dataDir, logger: false, auth: 'local', webDist });
await app.ready();

const projects: Record<number, string> = {};
for (const size of sizes) {
  const made = JSON.parse(
    (
      await app.inject({
        method: 'POST',
        url: '/api/projects/from-template',
        payload: { templateId: 'woe-scorecard', name: `Canvas ${size}` },
      })
    ).body,
  ) as ProjectDetail;
  const [dataset] = JSON.parse(
    (await app.inject({ method: 'GET', url: `/api/projects/${made.id}/datasets` })).body,
  ) as Dataset[];
  const graph = bigGraph(dataset!.id, 'creditability', size);
  const check = validateGraph(graph);
  if (!check.ok) throw new Error(`bench graph invalid: ${JSON.stringify(check.diagnostics.slice(0, 3))}`);
  const saved = await app.inject({
    method: 'POST',
    url: `/api/projects/${made.id}/graph`,
    payload: { graph, baseVersionId: made.head!.id, message: `${size} nodes` },
  });
  if (saved.statusCode >= 300) throw new Error(`saving the bench graph failed: ${saved.body}`);
  projects[size] = made.id;
}
const url = await app.listen({ host: '127.0.0.1', port: 0 });
console.log(JSON.stringify({ url, projects }));
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
