import { describe, expect, it } from 'vitest';
import { createModel } from './index';
import { auc, rng, xorData } from './test-fixtures';

const train = xorData(4000, 3);
const test = xorData(2000, 4);

describe('mlp', () => {
  it('learns XOR-like data that a linear model cannot', async () => {
    const linear = createModel({ kind: 'logistic', inputs: 2 });
    await linear.train(train.X, train.y, train.rows);
    const linearAuc = auc(await linear.predict(test.X, test.rows), test.y);
    linear.dispose();

    const mlp = createModel({
      kind: 'mlp',
      inputs: 2,
      layers: [
        { units: 16, activation: 'relu' },
        { units: 8, activation: 'tanh' },
      ],
    });
    const progress: number[] = [];
    const result = await mlp.train(train.X, train.y, train.rows, {
      lr: 0.01,
      epochs: 30,
      batchSize: 64,
      seed: 1,
      validation: { X: test.X, y: test.y, rows: test.rows },
      onProgress: (p) => progress.push(p.epoch),
    });
    const mlpAuc = auc(await mlp.predict(test.X, test.rows), test.y);
    expect(linearAuc).toBeLessThan(0.6);
    expect(mlpAuc).toBeGreaterThan(0.97);
    expect(result.valAuc).toBeCloseTo(mlpAuc, 5);
    expect(progress).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(result.planPeakBytes).toBeGreaterThan(0);
    expect(result.planPeakBytes).toBeLessThanOrEqual(result.planNaiveBytes);
    mlp.dispose();
  });

  it('trains every layer option (gelu, leaky relu, sigmoid, dropout, layer and batch norm) with SGD and AdamW', async () => {
    for (const optimizer of ['sgd', 'adamw'] as const) {
      const model = createModel({
        kind: 'mlp',
        inputs: 2,
        l2: 1e-4,
        l1: 1e-5,
        layers: [
          { units: 32, activation: 'gelu', norm: 'batch' },
          { units: 16, activation: 'leaky_relu', norm: 'layer', dropout: 0.1 },
          { units: 8, activation: 'sigmoid' },
        ],
      });
      await model.train(train.X, train.y, train.rows, {
        optimizer,
        lr: optimizer === 'sgd' ? 0.05 : 0.01,
        weightDecay: 1e-4,
        epochs: 25,
        batchSize: 64,
      });
      expect(auc(await model.predict(test.X, test.rows), test.y)).toBeGreaterThan(0.95);
      model.dispose();
    }
  });

  it('classifies three classes with softmax', async () => {
    const r = rng(5);
    const rows = 3000;
    const X = new Float32Array(rows * 2);
    const y = new Float32Array(rows);
    for (let i = 0; i < rows; i++) {
      const a = r() * 2 * Math.PI;
      const rad = 0.5 + r();
      X[2 * i] = rad * Math.cos(a);
      X[2 * i + 1] = rad * Math.sin(a);
      y[i] = Math.floor((a / (2 * Math.PI)) * 3);
    }
    const model = createModel({
      kind: 'mlp',
      inputs: 2,
      classes: 3,
      layers: [{ units: 32, activation: 'relu' }],
    });
    await model.train(X, y, rows, { lr: 0.01, epochs: 30, batchSize: 64 });
    const p = await model.predict(X, rows);
    expect(p.length).toBe(rows * 3);
    let correct = 0;
    for (let i = 0; i < rows; i++) {
      const row = [p[3 * i] ?? 0, p[3 * i + 1] ?? 0, p[3 * i + 2] ?? 0];
      expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
      if (row.indexOf(Math.max(...row)) === y[i]) correct++;
    }
    expect(correct / rows).toBeGreaterThan(0.9);
    model.dispose();
  });

  it('learns a categorical column through an embedding', async () => {
    const r = rng(6);
    const rows = 4000;
    const risky = new Set([1, 4, 6]);
    const X = new Float32Array(rows * 2);
    const y = new Uint8Array(rows);
    for (let i = 0; i < rows; i++) {
      const code = Math.floor(r() * 8);
      X[2 * i] = r();
      X[2 * i + 1] = code;
      y[i] = (risky.has(code) ? r() < 0.9 : r() < 0.1) ? 1 : 0;
    }
    const model = createModel({
      kind: 'mlp',
      inputs: 2,
      embeddings: [{ column: 1, cardinality: 8, dim: 3 }],
      layers: [{ units: 8, activation: 'relu' }],
    });
    await model.train(X, y, rows, { lr: 0.02, epochs: 10, batchSize: 64 });
    expect(auc(await model.predict(X, rows), y)).toBeGreaterThan(0.85);
    model.dispose();
  });

  it('stops early when the validation loss stops improving and restores the best epoch', async () => {
    const r = rng(7);
    const rows = 400;
    const X = new Float32Array(rows * 4).map(() => r());
    const y = new Uint8Array(rows).map(() => (r() < 0.5 ? 1 : 0));
    const val = {
      X: new Float32Array(rows * 4).map(() => r()),
      y: new Uint8Array(rows).map(() => (r() < 0.5 ? 1 : 0)),
      rows,
    };
    const model = createModel({ kind: 'mlp', inputs: 4, layers: [{ units: 64, activation: 'relu' }] });
    const result = await model.train(X, y, rows, {
      lr: 0.05,
      epochs: 200,
      batchSize: 32,
      validation: val,
      earlyStopping: { patience: 3 },
    });
    expect(result.stoppedEarly).toBe(true);
    expect(result.epochs).toBeLessThan(200);
    expect(result.epochs).toBe(result.bestEpoch + 3);
    model.dispose();
  });
});
