/**
 * One timed run of our engine, in its own process so peak RSS is per run.
 * Usage: tsx ours.ts <lr|lr-l1|mlp> <rows> [seed]; prints {"seconds","cpu_seconds","auc","peak_rss_mb","device"}
 * (lr-l1 adds "nonzero" coefficients and the training "objective").
 * STUDIO_BENCH_DEVICE=cuda trains the MLP on a CUDA device (default: the CPU).
 */
import type { TrainDevice } from '../../packages/engine/src/index';
import { createModel } from '../../packages/engine/src/index';
import { creditData, FEATURES, L1_C } from './credit-data';
import { auc, fitTransform } from './preprocess';

const [kind, rowsArg] = process.argv.slice(2);
const rows = Number(rowsArg);
const seed = Number(process.argv[4] ?? '1');
const data = creditData(rows);
const trainRows = Math.floor(rows * 0.8);
const testRows = rows - trainRows;

const t0 = performance.now();
const cpu0 = process.cpuUsage();
const Z = fitTransform(data.X, rows, FEATURES, trainRows);
const Xtr = Z.subarray(0, trainRows * FEATURES);
const ytr = data.y.subarray(0, trainRows);
const device = (process.env.STUDIO_BENCH_DEVICE ?? 'cpu') as TrainDevice;
let model;
let trainedOn: string;
let extra = {};
if (kind === 'lr-l1') {
  // sklearn's penalty='l1' with C on a sum of losses equals l1 = 1 / (C n) on our mean loss.
  model = createModel({ kind: 'logistic', inputs: FEATURES, l1: 1 / (L1_C * trainRows) });
  const r = await model.train(Xtr, ytr, trainRows, { optimizer: 'lbfgs', epochs: 1000, device: 'cpu' });
  trainedOn = r.device;
  extra = { objective: r.loss, iterations: r.epochs };
} else if (kind === 'lr') {
  // sklearn's C = 1 on a sum of losses equals l2 = 1 / n on our mean loss.
  model = createModel({ kind: 'logistic', inputs: FEATURES, l2: 1 / trainRows });
  trainedOn = (await model.train(Xtr, ytr, trainRows, { optimizer: 'newton', device: 'cpu' })).device;
} else {
  model = createModel({
    kind: 'mlp',
    inputs: FEATURES,
    layers: [
      { units: 64, activation: 'relu' },
      { units: 32, activation: 'relu' },
    ],
  });
  const r = await model.train(Xtr, ytr, trainRows, {
    optimizer: 'adam',
    lr: 1e-3,
    epochs: 5,
    batchSize: 1024,
    seed,
    device,
  });
  trainedOn = r.device;
}
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const p = await model.predict(Z.subarray(trainRows * FEATURES), testRows);
if (kind === 'lr-l1') {
  // Coefficient j is non-zero when a huge x_j moves the prediction off the intercept's.
  const at0 = model.predictOne(new Float32Array(FEATURES));
  let nonzero = 0;
  for (let j = 0; j < FEATURES; j++) {
    const e = new Float32Array(FEATURES);
    e[j] = 1e6;
    if (model.predictOne(e) !== at0) nonzero++;
  }
  extra = { ...extra, nonzero };
}
const result = {
  ...extra,
  seconds,
  cpu_seconds: (cpu.user + cpu.system) / 1e6,
  auc: auc(p, data.y.subarray(trainRows)),
  peak_rss_mb: process.resourceUsage().maxRSS / 1024,
  device: trainedOn,
};
model.dispose();
console.log(JSON.stringify(result));
