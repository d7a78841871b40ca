/**
 * Writes metrics-pinned.json from the code as it stands: run once, by hand, with the implementation whose
 * outputs later ones must reproduce (`pnpm exec tsx packages/pipeline/src/execute/write-metrics-pinned.ts`).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { metricsCases, metricsOutputs } from './metrics-fixture';

const cases = Object.fromEntries(metricsCases().map((c) => [c.name, metricsOutputs(c)]));
writeFileSync(join(import.meta.dirname, 'metrics-pinned.json'), `${JSON.stringify(cases)}\n`);
