/**
 * Single-row and batch prediction of the same trained MLP by our engine and by onnxruntime-node running
 * its ONNX export. Prepares once, then alternates fresh processes (ours, anchor) and reports medians;
 * each pair's probabilities are compared; two JSON lines are appended to bench/results/latest.jsonl.
 * Usage: pnpm exec tsx bench/predict/run.ts [--runs 5] [--calls 20000] [--batch 10000] [--batches 100]
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepare } from './prepare';
import type { Sample } from './sample';

const here = import.meta.dirname;
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const runs = Math.max(5, Number(arg('--runs', '5')));
const calls = arg('--calls', '20000');
const batchRows = Number(arg('--batch', '10000'));
const batches = arg('--batches', '100');
const threads = process.env.STUDIO_THREADS ?? '1';
const rows = 150_000;
const testRows = 30_000;

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? Number.NaN;

const dir = mkdtempSync(join(tmpdir(), 'studio-predict-bench-'));
await prepare(dir, rows, testRows);

function once(side: 'ours' | 'anchor'): Sample {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', join(here, `${side}.ts`), dir, calls, String(batchRows), batches, threads],
    { env: { ...process.env, STUDIO_THREADS: threads }, encoding: 'utf8' },
  );
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as Sample;
}

/** Largest |ours − anchor| over the probabilities both sides wrote for `what` (single or batch). */
function maxDiff(what: string): number {
  const f32 = (side: string) => {
    const b = readFileSync(join(dir, `${side}-${what}.f32`));
    return new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4);
  };
  const a = f32('ours');
  const b = f32('anchor');
  let m = a.length === b.length ? 0 : Number.POSITIVE_INFINITY;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  return m;
}

const ours: Sample[] = [];
const anchor: Sample[] = [];
const diff = { single: 0, batch: 0 };
for (let i = 0; i < runs; i++) {
  ours.push(once('ours'));
  anchor.push(once('anchor'));
  diff.single = Math.max(diff.single, maxDiff('single'));
  diff.batch = Math.max(diff.batch, maxDiff('batch'));
}
rmSync(dir, { recursive: true, force: true });

const callCount = Number(calls);
const batchCount = Number(batches);
const cases = [
  {
    case: 'predict-mlp-single-row',
    pick: (s: Sample) => s.single,
    rate: (seconds: number) => ({ us_per_row: (seconds / callCount) * 1e6 }),
    max_abs_diff: diff.single,
  },
  {
    case: `predict-mlp-batch-${batchRows}`,
    pick: (s: Sample) => ({
      seconds: s.batch.seconds / batchCount,
      cpu_seconds: s.batch.cpu_seconds / batchCount,
      auc: s.batch.auc,
    }),
    rate: (seconds: number) => ({ rows_per_s: batchRows / seconds }),
    max_abs_diff: diff.batch,
  },
];
const version = anchor[0]?.version;
const results = join(here, '..', 'results');
mkdirSync(results, { recursive: true });
console.log(
  `predict bench: MLP 10-64-32-1 ReLU (bench/engine synthetic credit data), ${runs} runs per side, ` +
    `ours STUDIO_THREADS=${threads}, onnxruntime-node ${version} intraOpNumThreads=${threads}`,
);
console.log(
  'case                          ours        anchor      ratio  cpu ratio  ours AUC  anchor AUC  max|Δp|   ours MB  anchor MB',
);
for (const c of cases) {
  const summarize = (m: Sample[]) => {
    const seconds = median(m.map((s) => c.pick(s).seconds));
    return {
      seconds,
      cpu_seconds: median(m.map((s) => c.pick(s).cpu_seconds)),
      auc: median(m.map((s) => c.pick(s).auc)),
      peak_rss_mb: median(m.map((s) => s.peak_rss_mb)),
      ...c.rate(seconds),
    };
  };
  const so = summarize(ours);
  const sa = summarize(anchor);
  const line = {
    case: c.case,
    ours: { ...so, threads: Number(threads) },
    anchor: { name: 'onnxruntime-node', version, ...sa, intra_op_threads: Number(threads) },
    ratio: so.seconds / sa.seconds,
    // CPU-time ratio: robust when the machine is shared and wall times stretch.
    cpu_ratio: so.cpu_seconds / sa.cpu_seconds,
    max_abs_diff: c.max_abs_diff,
  };
  appendFileSync(join(results, 'latest.jsonl'), `${JSON.stringify(line)}\n`);
  const show = (s: typeof so) =>
    'us_per_row' in s ? `${s.us_per_row.toFixed(2)} µs/row` : `${(s.rows_per_s / 1e6).toFixed(2)} Mrow/s`;
  console.log(
    `${c.case.padEnd(28)} ${show(so).padStart(12)} ${show(sa).padStart(12)} ${line.ratio.toFixed(2).padStart(6)}` +
      ` ${line.cpu_ratio.toFixed(2).padStart(10)}` +
      `  ${so.auc.toFixed(4)}    ${sa.auc.toFixed(4)}   ${c.max_abs_diff.toExponential(1)}` +
      ` ${so.peak_rss_mb.toFixed(0).padStart(8)} ${sa.peak_rss_mb.toFixed(0).padStart(10)}`,
  );
}
