/**
 * One timed GBM fit of our engine, in its own process so peak RSS is per run.
 * Usage: tsx ours.ts <data-name> <threads> [--latency]; prints one JSON object
 * {"seconds","cpu_seconds","auc","peak_rss_mb"} (+ "predict_us", "predict_shap_us" with --latency: medians
 * over single rows of the held-out set, sync predictRawOne and predictRawOne + shapOne; "explain_us": one
 * explainOne call with a reused output buffer, the serving path's raw score + TreeSHAP).
 */
import { trainGbm } from '../../packages/engine/src/index';
import { auc } from '../../packages/engine/src/test-fixtures';
import { load } from './data';
import { engineOptions } from './settings';

const [name, threadsArg] = process.argv.slice(2);
const latency = process.argv.includes('--latency');
const d = load(name!);
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const model = await trainGbm({
  x: d.xtr,
  rows: d.trainRows,
  cols: d.cols,
  y: d.ytr,
  options: engineOptions(Number(threadsArg)),
});
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const raw = await model.predictRaw(d.xte, d.testRows);
const out: Record<string, number | string> = {
  name: 'studio-gbm',
  seconds,
  cpu_seconds: (cpu.user + cpu.system) / 1e6,
  auc: auc(raw, d.yte),
  peak_rss_mb: process.resourceUsage().maxRSS / 1024,
};
if (latency) {
  const n = Math.min(2000, d.testRows);
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1]!;
  const rowOf = (i: number) => d.xte.subarray(i * d.cols, (i + 1) * d.cols);
  for (let i = 0; i < 200; i++) model.shapOne(rowOf(i % n)); // warm-up
  const p: number[] = [];
  const ps: number[] = [];
  const ex: number[] = [];
  const buf = new Float64Array(d.cols + 1);
  let sink = 0;
  for (let i = 0; i < n; i++) {
    const row = rowOf(i);
    let t = process.hrtime.bigint();
    sink += model.predictRawOne(row);
    p.push(Number(process.hrtime.bigint() - t) / 1000);
    t = process.hrtime.bigint();
    sink += model.predictRawOne(row);
    sink += model.shapOne(row)[0]!;
    ps.push(Number(process.hrtime.bigint() - t) / 1000);
    t = process.hrtime.bigint();
    sink += model.explainOne(row, buf).raw;
    ex.push(Number(process.hrtime.bigint() - t) / 1000);
  }
  out.predict_us = median(p);
  out.predict_shap_us = median(ps);
  out.explain_us = median(ex);
  out.sink = Number.isFinite(sink) ? 0 : 1;
}
model.dispose();
console.log(JSON.stringify(out));
