/**
 * GBM benchmark (issue #12): our engine against scikit-learn's HistGradientBoostingClassifier and XGBoost
 * (tree_method="hist"), same settings (bench/gbm/settings.ts), 2 threads each, on the synthetic credit
 * generator and on Taiwan credit default. Every run is a fresh process; ours and the two anchors alternate;
 * medians are printed and one JSON line per case is appended to bench/results/latest.jsonl. The ratio is our
 * fit time over the faster anchor's. A last case reports single-row predict and predict + TreeSHAP latency.
 * Usage: pnpm exec tsx bench/gbm/run.ts [--runs 5] [--data synthetic-150000,synthetic-1500000,taiwan] [--threads 2]
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { prepare, stem } from './data';

const here = import.meta.dirname;
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const runs = Number(arg('--runs', '5'));
const datasets = arg('--data', 'synthetic-150000,synthetic-1500000,taiwan')
  .split(',')
  .filter((n) => n !== '' && n !== 'none');
const threads = arg('--threads', '2');

interface Measure {
  name: string;
  version?: string;
  seconds: number;
  cpu_seconds: number;
  auc: number;
  peak_rss_mb: number;
  predict_us?: number;
  predict_shap_us?: number;
  explain_us?: number;
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? Number.NaN;
const last = (out: string) => JSON.parse(out.trim().split('\n').pop() ?? '{}') as Measure;

function ours(name: string, latency = false): Measure {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', join(here, 'ours.ts'), name, threads, ...(latency ? ['--latency'] : [])],
    { env: { ...process.env, STUDIO_THREADS: threads }, encoding: 'utf8' },
  );
  return last(out);
}

function anchor(kind: 'sklearn' | 'xgboost', name: string): Measure {
  const out = execFileSync('/usr/bin/python3', [join(here, 'anchor.py'), kind, stem(name), threads], {
    // Passive OpenMP waits: on a loaded, shared machine spinning workers made both anchors 20-30x slower.
    env: {
      ...process.env,
      OMP_NUM_THREADS: threads,
      OMP_WAIT_POLICY: 'PASSIVE',
      OPENBLAS_NUM_THREADS: '1',
      MKL_NUM_THREADS: '1',
    },
    encoding: 'utf8',
  });
  return last(out);
}

const summarize = (m: Measure[]) => ({
  name: m[0]?.name,
  version: m[0]?.version,
  seconds: median(m.map((x) => x.seconds)),
  cpu_seconds: median(m.map((x) => x.cpu_seconds)),
  auc: median(m.map((x) => x.auc)),
  peak_rss_mb: median(m.map((x) => x.peak_rss_mb)),
});

const results = join(here, '..', 'results');
mkdirSync(results, { recursive: true });
console.log(`gbm bench: ${runs} runs per case, ${threads} threads each side, interleaved`);
console.log(
  'case                       ours s  sklearn s  xgboost s  ratio  ours AUC  skl AUC  xgb AUC  ours MB  skl MB  xgb MB',
);
for (const name of datasets) {
  await prepare(name);
  const o: Measure[] = [];
  const s: Measure[] = [];
  const x: Measure[] = [];
  for (let i = 0; i < runs; i++) {
    o.push(ours(name));
    s.push(anchor('sklearn', name));
    x.push(anchor('xgboost', name));
  }
  const so = summarize(o);
  const ss = summarize(s);
  const sx = summarize(x);
  const faster = ss.seconds <= sx.seconds ? ss : sx;
  const line = {
    case: `gbm-fit-${name}`,
    ours: { ...so, threads: Number(threads) },
    anchor: faster,
    anchors: { sklearn: ss, xgboost: sx },
    ratio: so.seconds / faster.seconds,
    cpu_ratio: so.cpu_seconds / faster.cpu_seconds,
    auc_delta: so.auc - faster.auc,
    target: 'fit <= 0.7x the faster anchor at equal AUC (±0.002)',
  };
  appendFileSync(join(results, 'latest.jsonl'), `${JSON.stringify(line)}\n`);
  const f = (v: number, d = 3, w = 9) => v.toFixed(d).padStart(w);
  console.log(
    `${line.case.padEnd(25)}${f(so.seconds)}${f(ss.seconds, 3, 11)}${f(sx.seconds, 3, 11)}${f(line.ratio, 2, 7)}` +
      `${f(so.auc, 4, 10)}${f(ss.auc, 4, 9)}${f(sx.auc, 4, 9)}${f(so.peak_rss_mb, 0)}${f(ss.peak_rss_mb, 0, 8)}${f(sx.peak_rss_mb, 0, 8)}`,
  );
}

// Single-row serving latency on Taiwan: sync predictRawOne, and predictRawOne + shapOne (the reason-code path).
await prepare('taiwan');
const lat: Measure[] = [];
for (let i = 0; i < runs; i++) lat.push(ours('taiwan', true));
const line = {
  case: 'gbm-single-row-taiwan',
  ours: {
    name: 'studio-gbm',
    predict_us: median(lat.map((m) => m.predict_us ?? Number.NaN)),
    predict_shap_us: median(lat.map((m) => m.predict_shap_us ?? Number.NaN)),
    explain_us: median(lat.map((m) => m.explain_us ?? Number.NaN)),
  },
  target: 'predict + SHAP <= 50 µs',
};
appendFileSync(join(results, 'latest.jsonl'), `${JSON.stringify(line)}\n`);
console.log(
  `gbm-single-row-taiwan: predict ${line.ours.predict_us.toFixed(1)} µs, predict + SHAP ${line.ours.predict_shap_us.toFixed(1)} µs, ` +
    `explainOne ${line.ours.explain_us.toFixed(1)} µs (median of ${runs} runs' medians)`,
);

// Batch throughput on the same trees: our predictRaw against onnxruntime-node running the exported
// TreeEnsembleClassifier, 200k rows, same threads, alternating in each process; the median over processes.
interface Throughput {
  rows: number;
  ours_rows_per_s: number;
  ort_rows_per_s: number;
  ratio: number;
  max_abs_diff: number;
  ort_version: string;
}
const tp: Throughput[] = [];
for (let i = 0; i < runs; i++) {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', join(here, 'throughput.ts'), 'taiwan', threads, '5'],
    { env: { ...process.env, STUDIO_THREADS: threads }, encoding: 'utf8' },
  );
  tp.push(JSON.parse(out.trim().split('\n').pop() ?? '{}') as Throughput);
}
const tline = {
  case: 'gbm-batch-throughput-taiwan',
  ours: {
    name: 'studio-gbm predictRaw',
    rows_per_s: median(tp.map((m) => m.ours_rows_per_s)),
    threads: Number(threads),
  },
  anchor: {
    name: 'onnxruntime-node TreeEnsembleClassifier',
    version: tp[0]?.ort_version,
    rows_per_s: median(tp.map((m) => m.ort_rows_per_s)),
  },
  ratio: median(tp.map((m) => m.ratio)),
  max_abs_diff: Math.max(...tp.map((m) => m.max_abs_diff)),
  rows: tp[0]?.rows,
  target: 'ours >= onnxruntime (ratio >= 1)',
};
appendFileSync(join(results, 'latest.jsonl'), `${JSON.stringify(tline)}\n`);
console.log(
  `gbm-batch-throughput-taiwan: ours ${(tline.ours.rows_per_s / 1e6).toFixed(2)} M rows/s, onnxruntime ${(tline.anchor.rows_per_s / 1e6).toFixed(2)} M rows/s, ratio ${tline.ratio.toFixed(2)} (median of ${runs} processes)`,
);
