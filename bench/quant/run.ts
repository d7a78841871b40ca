/**
 * INT8 against fp32 batch inference of the same 256-256-1 MLP trained on the Taiwan credit data.
 * Trains once, saves both models and the INT8 QDQ ONNX export (same activation scales), then alternates
 * fresh processes (int8, fp32, onnxruntime int8) and reports medians; one JSON line is appended to
 * bench/results/latest.jsonl.
 * Usage: pnpm exec tsx bench/quant/run.ts [--runs 5] [--repeat 60] [--isa avx2,avxvnni,avx512vnni] [--no-ort]
 * --isa times the INT8 model once per listed kernel in every round (STUDIO_INT8_ISA; a kernel this CPU lacks
 * runs as avx2, and the line reports what ran); the first listed is `ours`, the rest go to `int8_isa`.
 * --no-ort skips onnxruntime. --baseline-addon PATH also times the INT8 model on another build of the addon
 * (STUDIO_NATIVE_ADDON=PATH, e.g. one built from an earlier commit) in every round: `baseline_addon`.
 * --fp32-isa avx2|avx512 sets STUDIO_FP32_ISA for the fp32 runs (default: the widest the CPU has).
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backendInfo, createModel } from '../../packages/engine/src/index';
import { exportOnnx } from '../../packages/onnx/src/index';
import { taiwan } from './taiwan';

const here = import.meta.dirname;
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const runs = Math.max(5, Number(arg('--runs', '5')));
const repeat = Number(arg('--repeat', '60'));
const isas = arg('--isa', '')
  .split(',')
  .filter((v) => v !== '');
const withOrt = !process.argv.includes('--no-ort');
const baselineAddon = arg('--baseline-addon', '');
// STUDIO_FP32_ISA for the fp32 processes (e.g. avx2: the fp32 a CPU without AVX-512 runs); unset: the widest.
const fp32Isa = arg('--fp32-isa', '');

interface Measure {
  version?: string;
  isa?: string;
  seconds: number;
  cpu_seconds: number;
  auc: number;
  peak_rss_mb: number;
  rows: number;
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? Number.NaN;

const data = await taiwan();
const rowsTrain = data.ytr.length;
const model = createModel({
  kind: 'mlp',
  inputs: data.inputs,
  layers: [
    { units: 256, activation: 'relu' },
    { units: 256, activation: 'relu' },
  ],
});
await model.train(data.Xtr, data.ytr, rowsTrain, { lr: 1e-3, epochs: 4, batchSize: 256, seed: 7 });
const calibrationRows = 5000;
const q = await model.quantize({
  calibration: { X: data.Xtr.subarray(0, calibrationRows * data.inputs), rows: calibrationRows },
  method: 'minmax',
});
const dir = mkdtempSync(join(tmpdir(), 'studio-quant-bench-'));
writeFileSync(join(dir, 'model-fp32.bin'), model.save());
writeFileSync(join(dir, 'model-int8.bin'), q.save());
writeFileSync(join(dir, 'x-test.f32'), new Uint8Array(data.Xte.buffer));
writeFileSync(join(dir, 'y-test.u8'), data.yte);
writeFileSync(
  join(dir, 'model-int8.onnx'),
  exportOnnx(
    { columns: data.columns, transforms: [data.standardize], model: model.save() },
    { precision: 'int8', activationScales: q.activationScales() },
  ),
);
const rawColumns = data.columns.map((c) => c.name);
writeFileSync(join(dir, 'raw-columns.json'), JSON.stringify(rawColumns));
const raw = new Float32Array(rawColumns.length * data.yte.length);
rawColumns.forEach((name, j) => raw.set(data.rawTest[name]!, j * data.yte.length));
writeFileSync(join(dir, 'raw-test.f32'), new Uint8Array(raw.buffer));
const threads = backendInfo().threads;
const report = q.report();
model.dispose();
q.dispose();

function once(precision: 'int8' | 'fp32', isa?: string, addon?: string): Measure {
  const env = { ...process.env };
  if (isa !== undefined) env.STUDIO_INT8_ISA = isa;
  if (precision === 'fp32' && fp32Isa !== '') env.STUDIO_FP32_ISA = fp32Isa;
  if (addon !== undefined) env.STUDIO_NATIVE_ADDON = addon;
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', join(here, 'ours.ts'), precision, dir, String(repeat)],
    {
      encoding: 'utf8',
      env,
    },
  );
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as Measure;
}

function onnxRuntime(): Measure {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', join(here, 'ort.ts'), dir, String(repeat), String(threads)],
    {
      encoding: 'utf8',
    },
  );
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as Measure;
}

const kernels = isas.length > 0 ? isas : [undefined];
const int8s: Measure[][] = kernels.map(() => []);
const fp32: Measure[] = [];
const ort: Measure[] = [];
const base: Measure[] = [];
for (let i = 0; i < runs; i++) {
  if (baselineAddon !== '') base.push(once('int8', undefined, baselineAddon));
  kernels.forEach((isa, j) => int8s[j]!.push(once('int8', isa)));
  fp32.push(once('fp32'));
  if (withOrt) ort.push(onnxRuntime());
}
const int8 = int8s[0]!;
const summarize = (m: Measure[]) => ({
  seconds: median(m.map((x) => x.seconds)),
  cpu_seconds: median(m.map((x) => x.cpu_seconds)),
  auc: median(m.map((x) => x.auc)),
  peak_rss_mb: median(m.map((x) => x.peak_rss_mb)),
});
const ours = summarize(int8);
const anchor = summarize(fp32);
const onnx = summarize(ort);
const version = (
  JSON.parse(readFileSync(join(here, '../../packages/engine/package.json'), 'utf8')) as { version: string }
).version;
const line = {
  case: `quant/int8-vs-fp32 mlp ${data.inputs}-256-256-1 taiwan held-out x${repeat} (${int8[0]?.rows ?? 0} rows)`,
  ours: { ...ours, weight_bytes: report.int8WeightBytes },
  anchor: { name: 'studio fp32', version, ...anchor, weight_bytes: report.fp32WeightBytes },
  ratio: ours.seconds / anchor.seconds,
  cpu_ratio: ours.cpu_seconds / anchor.cpu_seconds,
  speedup: anchor.seconds / ours.seconds,
  threads,
  fp32_isa: fp32Isa === '' ? 'widest' : fp32Isa,
  int8_isa: int8[0]?.isa ?? '',
  int8_isa_runs: int8s.slice(1).map((m) => {
    const s = summarize(m);
    return {
      isa: m[0]?.isa ?? '',
      seconds: s.seconds,
      cpu_seconds: s.cpu_seconds,
      speedup: anchor.seconds / s.seconds,
    };
  }),
  runs,
  baseline_addon:
    baselineAddon !== ''
      ? {
          path: baselineAddon,
          seconds: summarize(base).seconds,
          cpu_seconds: summarize(base).cpu_seconds,
          speedup: anchor.seconds / summarize(base).seconds,
        }
      : null,
  onnxruntime_int8_qdq: withOrt
    ? { version: ort[0]?.version ?? '', ...onnx, ratio: ours.seconds / onnx.seconds }
    : null,
};
mkdirSync(join(here, '..', 'results'), { recursive: true }); // ignored by git, so absent in a fresh checkout
appendFileSync(join(here, '..', 'results', 'latest.jsonl'), JSON.stringify(line) + '\n');
console.log(
  `int8 ${ours.seconds.toFixed(4)} s (AUC ${ours.auc.toFixed(5)}, ${ours.peak_rss_mb.toFixed(0)} MB) vs ` +
    `fp32 ${anchor.seconds.toFixed(4)} s (AUC ${anchor.auc.toFixed(5)}, ${anchor.peak_rss_mb.toFixed(0)} MB): ` +
    `${line.speedup.toFixed(2)}x throughput (${(1 / line.cpu_ratio).toFixed(2)}x per CPU second) on ${line.int8_isa}, ` +
    `weights ${report.ratio.toFixed(4)}x` +
    line.int8_isa_runs.map((r) => `; ${r.isa} ${r.seconds.toFixed(4)} s, ${r.speedup.toFixed(2)}x`).join('') +
    (line.baseline_addon
      ? `; baseline addon ${line.baseline_addon.seconds.toFixed(4)} s, ${line.baseline_addon.speedup.toFixed(2)}x`
      : '') +
    (withOrt
      ? `; onnxruntime ${ort[0]?.version ?? ''} INT8 QDQ ${onnx.seconds.toFixed(4)} s (AUC ${onnx.auc.toFixed(5)})`
      : ''),
);
