/** A small engine MLP that uses every activation, both norms and an embedding, trained on seeded synthetic rows. */
import { createModel, type MlpSpec, type Model } from '@studio/engine';

export const EVERY_OP_SPEC: MlpSpec = {
  kind: 'mlp',
  inputs: 4,
  embeddings: [{ column: 3, cardinality: 5, dim: 2 }],
  layers: [
    { units: 8, activation: 'gelu', norm: 'batch' },
    { units: 6, activation: 'leaky_relu', alpha: 0.2, norm: 'layer' },
    { units: 5, activation: 'sigmoid' },
    { units: 4, activation: 'tanh' },
    { units: 3, activation: 'relu' },
    { units: 3, activation: 'linear' },
  ],
};

/** `rows` rows of three numbers in [-2, 2) and a category code in [0, 5) (column 3). */
export function everyOpRows(rows: number): Float32Array {
  let s = 12345;
  const X = Float32Array.from({ length: rows * 4 }, () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return (s / 2 ** 31) * 4 - 2;
  });
  for (let i = 0; i < rows; i++) X[i * 4 + 3] = i % 5;
  return X;
}

/** The model trained on `X`, so its norms' running statistics and weights are far from their start. */
export async function trainEveryOp(X: Float32Array, rows: number): Promise<Model> {
  const y = Uint8Array.from({ length: rows }, (_, i) =>
    X[i * 4]! + X[i * 4 + 1]! + X[i * 4 + 3]! / 2 > 1 ? 1 : 0,
  );
  const model = createModel(EVERY_OP_SPEC);
  await model.train(X, y, rows, { epochs: 40, batchSize: 32, lr: 0.01, seed: 3 });
  return model;
}
