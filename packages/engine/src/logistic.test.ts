import { describe, expect, it } from 'vitest';
import { createModel } from './index';
import { auc, irls, logisticData, logit } from './test-fixtures';

const BETA = [1.2, -0.8, 0.5, 0, 2];
const train = logisticData(20_000, BETA, -1.5, 1);
const test = logisticData(10_000, BETA, -1.5, 2);

/** Coefficients of a trained logistic model, read back from predictions at 0 and unit vectors. */
function coefficients(predictOne: (row: Float32Array) => number, inputs: number): number[] {
  const b = logit(predictOne(new Float32Array(inputs)));
  const w = Array.from({ length: inputs }, (_, j) => {
    const e = new Float32Array(inputs);
    e[j] = 1;
    return logit(predictOne(e)) - b;
  });
  return [...w, b];
}

describe('logistic regression', () => {
  it('Newton/IRLS matches a reference IRLS fit and reaches its AUC', async () => {
    const l2 = 1e-3;
    const model = createModel({ kind: 'logistic', inputs: 5, l2 });
    const result = await model.train(train.X, train.y, train.rows, {
      validation: { X: test.X, y: test.y, rows: test.rows },
    });
    const reference = irls(train, l2);
    const ours = coefficients((r) => model.predictOne(r), 5);
    ours.forEach((v, j) => expect(v).toBeCloseTo(reference[j] ?? NaN, 3));
    const scores = await model.predict(test.X, test.rows);
    const refScores = Array.from({ length: test.rows }, (_, i) => {
      let z = reference[5] ?? 0;
      for (let j = 0; j < 5; j++) z += (reference[j] ?? 0) * (test.X[i * 5 + j] ?? 0);
      return z;
    });
    const ourAuc = auc(scores, test.y);
    expect(ourAuc).toBeCloseTo(auc(refScores, test.y), 4);
    expect(ourAuc).toBeGreaterThan(0.85);
    expect(result.valAuc).toBeCloseTo(ourAuc, 6);
    expect(result.epochs).toBeLessThan(15);
    model.dispose();
  });

  it('Adam converges to the same solution as Newton', async () => {
    const model = createModel({ kind: 'logistic', inputs: 5, l2: 1e-3 });
    await model.train(train.X, train.y, train.rows, {
      optimizer: 'adam',
      lr: 0.02,
      epochs: 15,
      batchSize: 256,
    });
    const reference = irls(train, 1e-3);
    const ours = coefficients((r) => model.predictOne(r), 5);
    ours.forEach((v, j) => expect(Math.abs(v - (reference[j] ?? NaN))).toBeLessThan(0.05));
    model.dispose();
  });

  it('applies class weights like a weighted IRLS fit', async () => {
    const classWeight = { negative: 0.5, positive: 4 };
    const model = createModel({ kind: 'logistic', inputs: 5, l2: 1e-2, classWeight });
    await model.train(train.X, train.y, train.rows);
    const reference = irls(train, 1e-2, classWeight);
    const ours = coefficients((r) => model.predictOne(r), 5);
    ours.forEach((v, j) => expect(v).toBeCloseTo(reference[j] ?? NaN, 3));
    model.dispose();
  });

  it('keeps sign-constrained coefficients on their side', async () => {
    // The true coefficient of input 1 is negative; constrained to >= 0 it must sit at 0.
    const model = createModel({ kind: 'logistic', inputs: 5, l2: 1e-3, signConstraints: [1, 1, 0, 0, 0] });
    await model.train(train.X, train.y, train.rows);
    const ours = coefficients((r) => model.predictOne(r), 5);
    expect(ours[0]).toBeGreaterThan(0.5);
    expect(Math.abs(ours[1] ?? NaN)).toBeLessThan(1e-5);
    model.dispose();
  });
});
