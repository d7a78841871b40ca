import { StudioError } from '@studio/ir';
import { describe, expect, it } from 'vitest';
import {
  BadTargetError,
  createModel,
  EmptyDatasetError,
  EngineOutOfMemoryError,
  InvalidEngineInputError,
  LossNaNError,
  ModelBusyError,
  ModelDisposedError,
  NonFiniteInputError,
  ShapeMismatchError,
  SingleClassError,
  type ModelSpec,
} from './index';
import { logisticData, xorData } from './test-fixtures';

const data = logisticData(500, [1, -1, 0.5], 0, 11);
const lr = (): ReturnType<typeof createModel> => createModel({ kind: 'logistic', inputs: 3 });

describe('typed errors (the process survives every one)', () => {
  it('shape mismatch', async () => {
    const m = lr();
    await expect(m.train(data.X.subarray(1), data.y, data.rows)).rejects.toBeInstanceOf(ShapeMismatchError);
    await expect(m.train(data.X, data.y.subarray(1), data.rows)).rejects.toBeInstanceOf(ShapeMismatchError);
    await expect(m.predict(data.X, data.rows + 1)).rejects.toBeInstanceOf(ShapeMismatchError);
    expect(() => m.predictOne(new Float32Array(2))).toThrow(ShapeMismatchError);
    m.dispose();
  });

  it('NaN or Inf in inputs names the row and column', async () => {
    const m = lr();
    const X = data.X.slice();
    X[7 * 3 + 2] = Number.NaN;
    const err = await m.train(X, data.y, data.rows).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NonFiniteInputError);
    expect(err).toMatchObject({ row: 7, column: 2, code: 'ENGINE_NONFINITE_INPUT', kind: 'user' });
    expect((err as Error).message).toMatch(/row 7, column 2/);
    X[7 * 3 + 2] = 0;
    X[9 * 3] = Number.POSITIVE_INFINITY;
    await expect(m.predict(X, data.rows)).rejects.toMatchObject({ row: 9, column: 0 });
    expect(() => m.predictOne(new Float32Array([0, Number.NaN, 0]))).toThrow(NonFiniteInputError);
    const vX = data.X.slice();
    vX[4] = Number.NaN;
    await expect(
      m.train(data.X, data.y, data.rows, { validation: { X: vX, y: data.y, rows: data.rows } }),
    ).rejects.toMatchObject({ row: 1, column: 1 });
    m.dispose();
  });

  it('loss became NaN names the step and suggests a lower learning rate', async () => {
    const X = data.X.map((v) => v * 1e18);
    const m = createModel({ kind: 'mlp', inputs: 3, layers: [{ units: 8, activation: 'relu' }] });
    const err = await m
      .train(X, data.y, data.rows, { optimizer: 'sgd', lr: 1e3, epochs: 5 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LossNaNError);
    expect((err as LossNaNError).step).toBeGreaterThanOrEqual(0);
    expect((err as Error).message).toMatch(/loss became (NaN|infinite) at step \d+; lower the learning rate/);
    m.dispose();
  });

  it('empty dataset, single class and invalid labels', async () => {
    const m = lr();
    await expect(m.train(new Float32Array(0), new Uint8Array(0), 0)).rejects.toBeInstanceOf(
      EmptyDatasetError,
    );
    await expect(m.train(data.X, new Uint8Array(data.rows).fill(1), data.rows)).rejects.toBeInstanceOf(
      SingleClassError,
    );
    const y = Float32Array.from(data.y);
    y[3] = 2;
    await expect(m.train(data.X, y, data.rows)).rejects.toMatchObject({ row: 3, code: 'ENGINE_BAD_TARGET' });
    await expect(m.train(data.X, y, data.rows)).rejects.toBeInstanceOf(BadTargetError);
    m.dispose();
  });

  it('out of memory is an OperationalError, not a crash', () => {
    const huge: ModelSpec = {
      kind: 'mlp',
      inputs: 1000,
      layers: [{ units: 1_000_000_000, activation: 'relu' }],
    };
    expect(() => createModel(huge, { memoryLimitMb: 64 })).toThrow(EngineOutOfMemoryError);
    expect(() => createModel(huge, { memoryLimitMb: 64 })).toThrow(
      expect.objectContaining({ kind: 'operational' }),
    );
  });

  it('invalid specs, options and arguments', async () => {
    const bad = [
      { kind: 'tree', inputs: 3 },
      { kind: 'logistic', inputs: 0 },
      { kind: 'logistic', inputs: 3, l2: -1 },
      { kind: 'logistic', inputs: 3, signConstraints: [1, 2, 0] },
      { kind: 'mlp', inputs: 3, layers: [{ units: 4, activation: 'swish' }] },
      { kind: 'mlp', inputs: 3, layers: [{ units: 4, activation: 'relu', dropout: 1 }] },
      { kind: 'mlp', inputs: 3, layers: [], embeddings: [{ column: 5, cardinality: 2, dim: 2 }] },
    ];
    for (const spec of bad)
      expect(() => createModel(spec as unknown as ModelSpec)).toThrow(InvalidEngineInputError);
    const m = lr();
    await expect(m.train(data.X, data.y, data.rows, { epochs: 0, optimizer: 'adam' })).rejects.toMatchObject({
      code: 'ENGINE_BAD_OPTION',
    });
    await expect(m.train(data.X, data.y, data.rows, { lr: -1, optimizer: 'sgd' })).rejects.toBeInstanceOf(
      InvalidEngineInputError,
    );
    await expect(m.train([1, 2] as unknown as Float32Array, data.y, 1)).rejects.toBeInstanceOf(
      InvalidEngineInputError,
    );
    const mlp = createModel({ kind: 'mlp', inputs: 3, layers: [] });
    await expect(mlp.train(data.X, data.y, data.rows, { optimizer: 'newton' })).rejects.toBeInstanceOf(
      InvalidEngineInputError,
    );
    mlp.dispose();
    m.dispose();
  });

  it('category codes out of range are rejected with their row', async () => {
    const m = createModel({
      kind: 'mlp',
      inputs: 3,
      layers: [],
      embeddings: [{ column: 0, cardinality: 2, dim: 2 }],
    });
    const X = new Float32Array(data.rows * 3).fill(1);
    X[5 * 3] = 3;
    await expect(m.train(X, data.y, data.rows)).rejects.toMatchObject({
      code: 'ENGINE_BAD_INPUT',
      details: { row: 5 },
    });
    m.dispose();
  });

  it('disposed and busy models', async () => {
    const xor = xorData(20_000, 12);
    const m = createModel({ kind: 'mlp', inputs: 2, layers: [{ units: 32, activation: 'relu' }] });
    // The model is busy until train()'s promise settles (the flag is cleared on the JS thread then), so
    // even a short run cannot finish between these lines.
    const run = m.train(xor.X, xor.y, xor.rows, { epochs: 1 });
    expect(() => m.predictOne(new Float32Array(2))).toThrow(ModelBusyError);
    await expect(m.train(xor.X, xor.y, xor.rows)).rejects.toBeInstanceOf(ModelBusyError);
    await run;
    expect(Number.isFinite(m.predictOne(new Float32Array(2)))).toBe(true); // idle again once it resolved
    m.dispose();
    expect(() => m.predictOne(new Float32Array(2))).toThrow(ModelDisposedError);
    await expect(m.predict(xor.X, xor.rows)).rejects.toBeInstanceOf(ModelDisposedError);
    expect(() => m.save()).toThrow(ModelDisposedError);
  });

  it('a throwing progress callback rejects the training with that error', async () => {
    const m = lr();
    const boom = new StudioError('TEST_BOOM', 'user', 'boom');
    await expect(
      m.train(data.X, data.y, data.rows, {
        optimizer: 'adam',
        epochs: 50,
        onProgress: () => {
          throw boom;
        },
      }),
    ).rejects.toBe(boom);
    m.dispose();
  });
});
