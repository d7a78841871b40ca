/**
 * The small-batch case of the pipeline's Quantize report: fp32 against INT8 wall time of one `predict` over
 * the 9,000 held-out Taiwan rows, for a small MLP (default the template's 32-16-1 ReLU network).
 * Both models live in one process and are timed interleaved (fp32, int8, fp32, …) after warm-up calls;
 * medians of `--runs` rounds of `--calls` predictions each are reported in µs per row.
 * Usage: pnpm exec tsx bench/quant/small.ts [--hidden 32,16] [--runs 7] [--calls 20]
 */
import { backendInfo, createModel } from '../../packages/engine/src/index';
import { taiwan } from './taiwan';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const hidden = arg('--hidden', '32,16').split(',').map(Number);
const runs = Math.max(5, Number(arg('--runs', '7')));
const calls = Math.max(1, Number(arg('--calls', '20')));
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? Number.NaN;

const data = await taiwan();
const model = createModel({
  kind: 'mlp',
  inputs: data.inputs,
  layers: hidden.map((units) => ({ units, activation: 'relu' as const })),
});
await model.train(data.Xtr, data.ytr, data.ytr.length, { lr: 1e-3, epochs: 2, batchSize: 256, seed: 7 });
const q = await model.quantize({
  calibration: { X: data.Xtr.subarray(0, 5000 * data.inputs), rows: 5000 },
  method: 'minmax',
});
const rows = data.yte.length;

async function usPerRow(predict: () => Promise<Float32Array>): Promise<number> {
  const t: number[] = [];
  for (let c = 0; c < calls; c++) {
    const t0 = performance.now();
    await predict();
    t.push(performance.now() - t0);
  }
  return (median(t) * 1000) / rows;
}

const fp32Predict = () => model.predict(data.Xte, rows);
const int8Predict = () => q.predict(data.Xte, rows);
for (let i = 0; i < 3; i++) {
  await fp32Predict();
  await int8Predict();
}
const fp32: number[] = [];
const int8: number[] = [];
for (let r = 0; r < runs; r++) {
  fp32.push(await usPerRow(fp32Predict));
  int8.push(await usPerRow(int8Predict));
}
const f = median(fp32);
const i8 = median(int8);
const info = backendInfo();
console.log(
  JSON.stringify({
    case: `quant/small mlp ${data.inputs}-${hidden.join('-')}-1 taiwan held-out (${rows} rows)`,
    threads: info.threads,
    int8_isa: info.int8,
    fp32_us_per_row: f,
    int8_us_per_row: i8,
    speedup: f / i8,
    fp32_runs: fp32,
    int8_runs: int8,
  }),
);
model.dispose();
q.dispose();
