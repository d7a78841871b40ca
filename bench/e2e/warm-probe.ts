import { assertRunnable, executePlan } from '../../packages/pipeline/src/index';
import { benchGraph, type TemplateCase } from './plans';
const [kind, path, target] = process.argv.slice(2) as [TemplateCase, string, string];
for (let i = 0; i < 3; i++) {
  const plan = assertRunnable(benchGraph(kind, path, target, 5));
  const r = await executePlan(plan, { loadDataset: async () => ({ path, sha256: 'x' }) });
  const d = r.durations;
  console.log(
    i,
    ((d.total ?? 0) - (d.read ?? 0)).toFixed(3),
    JSON.stringify(Object.fromEntries(Object.entries(d).map(([k, v]) => [k, +v.toFixed(3)]))),
  );
}
