/**
 * The Studio serving one deployment for the benchmark: a fresh SQLite database, the German demo trained as a
 * WOE scorecard (reason codes), deployed with every prediction logged, listening on 127.0.0.1.
 * Prints one JSON line {url, path, key, auc, record} when ready; runs until SIGTERM.
 * With BENCH_CPU_PROFILE=<file>, the first SIGUSR2 starts V8's CPU profiler on the event loop's thread and the
 * second writes the profile there (so training and start-up stay out of it; see profile.mjs).
 * Usage: node --import tsx bench/serving/ours-server.ts <data-dir>
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import type { CreatedApiKey, Deployment } from '../../packages/api/src/index';
import { parseCsv } from '../../packages/data/src/index';
import {
  buildApp,
  defaultDatabaseUrl,
  migrate,
  parseDatabaseUrl,
  repoRoot,
  seedDemo,
} from '../../apps/server/src/index';
import { csvRecords } from '../../apps/server/src/serving/csv-records';
import { deriveInputSchema } from '../../apps/server/src/serving/input-schema';
import { trainDemoModels } from '../../apps/server/src/test-support/trained-runs';

const dataDir = process.argv[2]!;
const databaseUrl = defaultDatabaseUrl(dataDir);
await migrate(parseDatabaseUrl(databaseUrl));
// Single-user mode only lets this script deploy through `inject` without signing in; `/v1` is the same in both.
// The per-key rate limit stays on (its cost is part of every request) but high enough never to refuse here.
const app = await buildApp({
  databaseUrl,
  dataDir,
  logger: false,
  webDist: null,
  auth: 'local',
  predictPerMinute: 1e9,
});
await app.ready();
await seedDemo(app);
const { scorecard } = await trainDemoModels(app);
const deployed = await app.inject({
  method: 'POST',
  url: `/api/runs/${scorecard.id}/deploy`,
  payload: { slug: 'bench', logSampleRate: Number(process.env.BENCH_LOG_SAMPLE_RATE ?? 1) },
});
const d = JSON.parse(deployed.body) as Deployment;
const key = JSON.parse(
  (await app.inject({ method: 'POST', url: `/api/deployments/${d.id}/keys`, payload: { name: 'bench' } }))
    .body,
) as CreatedApiKey;
const table = parseCsv(readFileSync(join(repoRoot, 'prisma', 'seed', 'german_credit.csv')));
const first = csvRecords(deriveInputSchema(table, 'creditability'), table).next();
const record = first.done ? {} : first.value[1];
const url = await app.listen({ host: '127.0.0.1', port: 0 });
console.log(
  JSON.stringify({
    url,
    path: d.url,
    statsPath: `/api/deployments/${d.id}/stats`,
    key: key.key,
    auc: scorecard.evaluation?.auc ?? null,
    record,
  }),
);
const profileFile = process.env.BENCH_CPU_PROFILE;
if (profileFile) {
  const session = new Session();
  session.connect();
  let profiling = false;
  process.on('SIGUSR2', () => {
    profiling = !profiling;
    void (async () => {
      if (profiling) {
        await session.post('Profiler.enable');
        await session.post('Profiler.setSamplingInterval', { interval: 100 });
        await session.post('Profiler.start');
      } else {
        const { profile } = await session.post('Profiler.stop');
        writeFileSync(profileFile, JSON.stringify(profile));
        console.error(`[ours-server] CPU profile written to ${profileFile}`);
      }
    })();
  });
}
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
