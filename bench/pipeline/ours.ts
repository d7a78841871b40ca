/**
 * One timed run of the WOE scorecard template through packages/pipeline, in its own process so peak RSS is
 * per run. Seconds exclude reading the CSV (the pipeline times that phase itself): split, WOE binning,
 * IV selection, logistic regression, held-out evaluation and the scorecard.
 * Usage: tsx ours.ts <csv>; prints {"seconds","auc","peak_rss_mb"}.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { assertRunnable, executePlan, findTemplate } from '../../packages/pipeline/src/index';

const path = process.argv[2]!;
const plan = assertRunnable(findTemplate('woe-scorecard')!.build(path, 'default'));
const result = await executePlan(plan, {
  loadDataset: async () => ({ path, sha256: createHash('sha256').update(readFileSync(path)).digest('hex') }),
});
const d = result.durations;
console.log(
  JSON.stringify({
    seconds: (d.total ?? 0) - (d.read ?? 0),
    auc: result.evaluation?.auc ?? null,
    peak_rss_mb: process.resourceUsage().maxRSS / 1024,
  }),
);
