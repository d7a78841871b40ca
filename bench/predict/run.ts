/**
 * Single-row and batch prediction of the same trained MLP by our engine and by onnxruntime-node running
 * its ONNX export. Prepares once, then alternates fresh processes (ours, anchor) and reports medians;
 * each pair's probabilities are compared; two JSON lines are appended to bench/results/latest.jsonl.
 * Usage: pnpm exec tsx bench/predict/run.ts [--runs 5] [--calls 20000] [--batch 10000] [--batches 100]
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
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

const cpu = (() => {
  const m = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'));
  return `${m?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown'} (${cpus().length} logical cores)`;
})();
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
function maxDiff(what: string, oursWhat = what): number {
  const f32 = (file: string) => {
    const b = readFileSync(join(dir, `${file}.f32`));
    return new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4);
  };
  const a = f32(`ours-${oursWhat}`);
  const b = f32(`anchor-${what}`);
  let m = a.length === b.length ? 0 : Number.POSITIVE_INFINITY;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  return m;
}

const ours: Sample[] = [];
const anchor: Sample[] = [];
const diff = { single: 0, singleSync: 0, batch: 0 };
const loadBefore = loadavg()[0]!;
for (let i = 0; i < runs; i++) {
  ours.push(once('ours'));
  anchor.push(once('anchor'));
  diff.single = Math.max(diff.single, maxDiff('single'));
  diff.singleSync = Math.max(diff.singleSync, maxDiff('single', 'single-sync'));
  diff.batch = Math.max(diff.batch, maxDiff('batch'));
}
const load = [Number(loadBefore.toFixed(1)), Number(loadavg()[0]!.toFixed(1))];
rmSync(dir, { recursive: true, force: true });

const callCount = Number(calls);
const batchCount = Number(batches);
// Like with like: our awaited one-row `predict` against ORT's awaited `run`. Our synchronous `predictOne` has
// no ORT counterpart (onnxruntime-node has no synchronous run): its line carries ORT's awaited figure only as
// a reference, with no ratio.
const cases = [
  {
    case: 'predict-mlp-single-row-async',
    pick: (s: Sample) => s.single,
    anchorPick: (s: Sample) => s.single,
    rate: (seconds: number) => ({ us_per_row: (seconds / callCount) * 1e6 }),
    max_abs_diff: diff.single,
    target: 0.5,
  },
  {
    case: 'predict-mlp-single-row-sync',
    pick: (s: Sample) => s.single_sync ?? { seconds: NaN, cpu_seconds: NaN, auc: NaN },
    anchorPick: (s: Sample) => s.single,
    rate: (seconds: number) => ({ us_per_row: (seconds / callCount) * 1e6 }),
    max_abs_diff: diff.singleSync,
    noAnchor: 'onnxruntime-node has no synchronous run; its awaited run is shown for reference, no ratio',
  },
  {
    case: `predict-mlp-batch-${batchRows}`,
    pick: (s: Sample) => ({
      seconds: s.batch.seconds / batchCount,
      cpu_seconds: s.batch.cpu_seconds / batchCount,
      auc: s.batch.auc,
    }),
    anchorPick: undefined,
    rate: (seconds: number) => ({ rows_per_s: batchRows / seconds }),
    max_abs_diff: diff.batch,
    target: 1,
  },
];
const version = anchor[0]?.version;
const results = join(here, '..', 'results');
mkdirSync(results, { recursive: true });
console.log(`CPU: ${cpu}; load average ${load.join(' → ')}`);
console.log(
  `predict bench: MLP 10-64-32-1 ReLU (bench/engine synthetic credit data), ${runs} runs per side, ` +
    `ours STUDIO_THREADS=${threads}, onnxruntime-node ${version} intraOpNumThreads=${threads}`,
);
console.log(
  'case                          ours        anchor      ratio  cpu ratio  ours AUC  anchor AUC  max|Δp|   ours MB  anchor MB',
);
for (const c of cases) {
  const summarize = (
    m: Sample[],
    pick: (s: Sample) => { seconds: number; cpu_seconds: number; auc: number },
  ) => {
    const seconds = median(m.map((s) => pick(s).seconds));
    return {
      seconds,
      cpu_seconds: median(m.map((s) => pick(s).cpu_seconds)),
      auc: median(m.map((s) => pick(s).auc)),
      peak_rss_mb: median(m.map((s) => s.peak_rss_mb)),
      ...c.rate(seconds),
    };
  };
  const so = summarize(ours, c.pick);
  const sa = summarize(anchor, c.anchorPick ?? c.pick);
  const like = !('noAnchor' in c);
  const line = {
    case: c.case,
    cpu,
    load,
    ours: { ...so, threads: Number(threads) },
    anchor: {
      name: like ? 'onnxruntime-node' : 'onnxruntime-node (awaited run, reference only)',
      version,
      ...sa,
      intra_op_threads: Number(threads),
    },
    ratio: like ? so.seconds / sa.seconds : null,
    // CPU-time ratio: robust when the machine is shared and wall times stretch.
    cpu_ratio: like ? so.cpu_seconds / sa.cpu_seconds : null,
    ...('target' in c ? { target_ratio: c.target } : {}),
    ...('noAnchor' in c ? { note: c.noAnchor } : {}),
    max_abs_diff: c.max_abs_diff,
  };
  appendFileSync(join(results, 'latest.jsonl'), `${JSON.stringify(line)}\n`);
  const show = (s: typeof so) =>
    'us_per_row' in s ? `${s.us_per_row.toFixed(2)} µs/row` : `${(s.rows_per_s / 1e6).toFixed(2)} Mrow/s`;
  console.log(
    `${c.case.padEnd(28)} ${show(so).padStart(12)} ${show(sa).padStart(12)} ${(line.ratio?.toFixed(2) ?? '-').padStart(6)}` +
      ` ${(line.cpu_ratio?.toFixed(2) ?? '-').padStart(10)}` +
      `  ${so.auc.toFixed(4)}    ${sa.auc.toFixed(4)}   ${c.max_abs_diff.toExponential(1)}` +
      ` ${so.peak_rss_mb.toFixed(0).padStart(8)} ${sa.peak_rss_mb.toFixed(0).padStart(10)}`,
  );
}
