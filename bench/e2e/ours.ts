/**
 * One timed end-to-end run of a plan through packages/pipeline (`executePlan`, the code a Studio run executes),
 * in its own process. Prints {"seconds" (after reading), "seconds_with_read", "seconds_core" (after reading,
 * without the validation pack), "stages", "auc", "peak_rss_mb"};
 * stages are the pipeline's own durations (read, split, transforms = fit and apply on the training rows, pack =
 * the row-major float32 matrices, train, apply = transforms on the held-out rows, evaluate = predict + AUC).
 * Usage: tsx ours.ts <lr|woe|mlp> <csv> <target> <epochs> <sha256>
 */
import { assertRunnable, executePlan } from '../../packages/pipeline/src/index';
import { benchGraph, type TemplateCase } from './plans';

const [kind, path, target, epochs, sha256] = process.argv.slice(2) as [
  TemplateCase,
  string,
  string,
  string,
  string,
];
const plan = assertRunnable(benchGraph(kind, path, target, Number(epochs)));
const result = await executePlan(plan, { loadDataset: async () => ({ path, sha256 }) });
const d = result.durations;
const { total = 0, ...stages } = d;
console.log(
  JSON.stringify({
    seconds: total - (d.read ?? 0),
    seconds_with_read: total,
    // Without the Evaluate node's validation pack (bootstrap intervals, calibration, PSI), which the anchor
    // does not compute: the like-with-like figure.
    seconds_core: total - (d.read ?? 0) - (d.validate ?? 0) - (d.importance ?? 0),
    stages,
    auc: result.evaluation?.auc ?? null,
    device: result.devices,
    peak_rss_mb: process.resourceUsage().maxRSS / 1024,
  }),
);
