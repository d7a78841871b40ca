import { applyPipeline } from '@studio/data';
import type { ModelSpec } from '@studio/engine';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportOnnx } from './export-onnx';
import {
  features,
  germanCredit,
  oneHotPipeline,
  rawColumns,
  rawFeeds,
  trainModel,
  withGaps,
} from './test-support/german-credit';
import { everyOpRows, trainEveryOp } from './test-support/every-op-model';
import { maxAbsDiff, runOnnx } from './test-support/run-onnx';

const { table, y } = await germanCredit();
const scored = withGaps(table);
const transforms = oneHotPipeline(table);
const columns = rawColumns(table);
const train = features(applyPipeline(transforms, table));
const test = features(applyPipeline(transforms, scored));

const MLP = (inputs: number): ModelSpec => ({
  kind: 'mlp',
  inputs,
  layers: [
    { units: 16, activation: 'gelu', norm: 'batch' },
    { units: 12, activation: 'leaky_relu', alpha: 0.1, norm: 'layer' },
    { units: 8, activation: 'tanh' },
    { units: 6, activation: 'sigmoid' },
    { units: 4, activation: 'relu', dropout: 0.1 },
  ],
});

describe.each([
  ['logistic', (inputs: number): ModelSpec => ({ kind: 'logistic', inputs, l2: 1 })],
  ['mlp', MLP],
] as const)('fp32 export of a %s model with impute, standardize and one-hot', (_, spec) => {
  let bytes: Uint8Array;
  let native: Float32Array;
  beforeAll(async () => {
    const model = await trainModel(spec, train.X, y, table.rowCount);
    native = await model.predict(test.X, scored.rowCount);
    bytes = exportOnnx({ columns, transforms, features: train.names, model: model.save() });
    model.dispose();
  });

  it('matches the engine within 1e-5 on 1,000 rows with gaps and unseen categories', async () => {
    const out = await runOnnx(bytes, rawFeeds(scored, columns));
    expect(out.probability).toHaveLength(1000);
    const diff = maxAbsDiff(out.probability, native);
    console.log(`${_}: max |p_onnx - p_engine| = ${diff.toExponential(2)}`);
    expect(diff).toBeLessThan(1e-5);
    const fromLogit = out.logit.map((z) => 1 / (1 + Math.exp(-z)));
    expect(maxAbsDiff(fromLogit, out.probability)).toBeLessThan(1e-6);
  });
});

describe('fp32 export of an MLP with an embedding, both norms and every activation', () => {
  it('matches the engine within 1e-5', async () => {
    const X = everyOpRows(1000);
    const model = await trainEveryOp(X, 1000);
    const native = await model.predict(X, 1000);
    const names = ['a', 'b', 'c', 'code'];
    const bytes = exportOnnx({
      columns: names.map((name) => ({ name, type: 'numeric' })),
      transforms: [],
      model: model.save(),
    });
    model.dispose();
    const feeds = Object.fromEntries(
      names.map((n, j) => [n, Float32Array.from({ length: 1000 }, (_, i) => X[i * 4 + j]!)]),
    );
    const out = await runOnnx(bytes, feeds);
    const diff = maxAbsDiff(out.probability, native);
    console.log(`every-op mlp: max |p_onnx - p_engine| = ${diff.toExponential(2)}`);
    expect(diff).toBeLessThan(1e-5);
    expect(Math.max(...native) - Math.min(...native)).toBeGreaterThan(0.2);
  });
});
