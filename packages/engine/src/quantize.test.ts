import {
  applyStandardize,
  binaryTarget,
  dropColumns,
  fitStandardize,
  readCsv,
  stratifiedSplit,
  takeRows,
  type Table,
} from '@studio/data';
import { auc } from '@studio/scoring';
import { sharedDataset } from '@studio/test-support';
import { describe, expect, it } from 'vitest';
import {
  CorruptModelError,
  createModel,
  EmptyDatasetError,
  InvalidEngineInputError,
  loadModel,
  loadQuantizedModel,
  ModelDisposedError,
  NonFiniteInputError,
  ShapeMismatchError,
  type Model,
} from './index';
import { xorData } from './test-fixtures';

const TAIWAN = sharedDataset('taiwan_default.csv');
const TARGET = 'default.payment.next.month';

/** Row-major float32 features of every (numeric) column of `t`. */
function features(t: Table): Float32Array {
  const cols = t.columns.map((c) => (c.type === 'categorical' ? Float64Array.from(c.codes) : c.values));
  const X = new Float32Array(t.rowCount * cols.length);
  for (let i = 0; i < t.rowCount; i++)
    for (let j = 0; j < cols.length; j++) X[i * cols.length + j] = cols[j]![i]!;
  return X;
}

async function trainedXor(
  layers = [
    { units: 32, activation: 'relu' as const },
    { units: 16, activation: 'tanh' as const },
  ],
): Promise<Model> {
  const d = xorData(3000, 11);
  const m = createModel({ kind: 'mlp', inputs: 2, layers });
  await m.train(d.X, d.y, d.rows, { lr: 0.01, epochs: 8, batchSize: 64, seed: 2 });
  return m;
}

describe('INT8 quantization', () => {
  it('keeps the held-out AUC of a 256-256-1 MLP on Taiwan credit within 0.002, at <= 0.27x the weight bytes', async () => {
    const table = await readCsv(TAIWAN);
    const y = binaryTarget(table, TARGET);
    const split = stratifiedSplit(y, { testFraction: 0.3, seed: 42 });
    const raw = dropColumns(table, ['ID', TARGET]);
    const train = takeRows(raw, split.train);
    const fitted = fitStandardize(train);
    const Xtr = features(applyStandardize(fitted, train));
    const Xte = features(applyStandardize(fitted, takeRows(raw, split.test)));
    const inputs = raw.columns.length;
    const ytr = Uint8Array.from(split.train, (i) => y[i]!);
    const yte = Uint8Array.from(split.test, (i) => y[i]!);
    const model = createModel({
      kind: 'mlp',
      inputs,
      layers: [
        { units: 256, activation: 'relu' },
        { units: 256, activation: 'relu' },
      ],
    });
    await model.train(Xtr, ytr, split.train.length, { lr: 1e-3, epochs: 4, batchSize: 256, seed: 7 });
    const fp32Auc = auc(yte, await model.predict(Xte, split.test.length));
    const calibration = { X: Xtr.subarray(0, 5000 * inputs), rows: 5000 };
    for (const method of ['minmax', 'percentile'] as const) {
      const q = await model.quantize({ calibration, method, percentile: 99.99 });
      const int8Auc = auc(yte, await q.predict(Xte, split.test.length));
      const report = q.report();
      console.log(
        `taiwan 256-256-1 ${method}: fp32 AUC ${fp32Auc.toFixed(5)}, int8 AUC ${int8Auc.toFixed(5)}, ` +
          `weights ${report.int8WeightBytes} / ${report.fp32WeightBytes} B = ${report.ratio.toFixed(4)}`,
      );
      expect(fp32Auc).toBeGreaterThan(0.74);
      expect(Math.abs(int8Auc - fp32Auc)).toBeLessThanOrEqual(0.002);
      expect(report.ratio).toBeLessThanOrEqual(0.27);
      expect(report.fp32WeightBytes).toBe(4 * (inputs * 256 + 256 + 256 * 256 + 256 + 256 + 1));
      q.dispose();
    }
    model.dispose();
  }, 120_000);

  it('round-trips through save/load, predictOne agrees with predict, and quantizing twice gives the same bytes', async () => {
    const m = await trainedXor();
    const d = xorData(500, 12);
    const q = await m.quantize({
      calibration: { X: d.X, rows: d.rows },
      method: 'percentile',
      percentile: 99.9,
    });
    const again = await m.quantize({
      calibration: { X: d.X, rows: d.rows },
      method: 'percentile',
      percentile: 99.9,
    });
    const bytes = q.save();
    expect(Buffer.from(again.save()).equals(Buffer.from(bytes))).toBe(true);
    const loaded = loadQuantizedModel(bytes);
    expect(loaded.spec).toEqual(m.spec);
    expect(Buffer.from(loaded.save()).equals(Buffer.from(bytes))).toBe(true);
    const p = await q.predict(d.X, d.rows);
    expect(Array.from(await loaded.predict(d.X, d.rows))).toEqual(Array.from(p));
    for (let i = 0; i < 20; i++) expect(loaded.predictOne(d.X.subarray(2 * i, 2 * i + 2))).toBe(p[i]);
    const fp32 = await m.predict(d.X, d.rows);
    const meanDiff = fp32.reduce((s, v, i) => s + Math.abs(v - p[i]!), 0) / d.rows;
    expect(meanDiff).toBeLessThan(0.01);
    expect(auc(d.y, p)).toBeGreaterThan(0.95);
    for (const x of [q, again, loaded, m]) x.dispose();
  });

  it('calibrates min-max scales as max|activation| / 127, one per dense layer', async () => {
    const m = await trainedXor();
    const d = xorData(400, 13);
    const q = await m.quantize({ calibration: { X: d.X, rows: d.rows } });
    const scales = q.activationScales();
    expect(scales).toHaveLength(3);
    const maxAbs = d.X.reduce((a, v) => Math.max(a, Math.abs(v)), 0);
    expect(scales[0]).toBe(Math.fround(maxAbs / 127));
    const p = await m.quantize({
      calibration: { X: d.X, rows: d.rows },
      method: 'percentile',
      percentile: 99,
    });
    p.activationScales().forEach((s, i) => expect(s).toBeLessThan(scales[i]!));
    for (const x of [q, p, m]) x.dispose();
  });

  it('refuses bad calibration input, unsupported models and damaged files with typed errors', async () => {
    const m = await trainedXor();
    const quantize = (X: Float32Array, rows: number, extra = {}) =>
      m.quantize({ calibration: { X, rows }, ...extra });
    await expect(quantize(new Float32Array(0), 0)).rejects.toBeInstanceOf(EmptyDatasetError);
    await expect(quantize(new Float32Array(9), 3)).rejects.toBeInstanceOf(ShapeMismatchError);
    const nan = new Float32Array(20).fill(0.5);
    nan[7] = Number.NaN;
    const err = await quantize(nan, 10).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NonFiniteInputError);
    expect(err).toMatchObject({ row: 3, column: 1 });
    await expect(
      quantize(new Float32Array(4), 2, { method: 'percentile', percentile: 0 }),
    ).rejects.toMatchObject({
      code: 'ENGINE_BAD_OPTION',
    });
    const layerNorm = createModel({
      kind: 'mlp',
      inputs: 2,
      layers: [{ units: 4, activation: 'relu', norm: 'layer' }],
    });
    await expect(
      layerNorm.quantize({ calibration: { X: new Float32Array(4), rows: 2 } }),
    ).rejects.toBeInstanceOf(InvalidEngineInputError);
    const q = await quantize(new Float32Array(8).fill(0.25), 4);
    const bytes = q.save();
    const damaged = bytes.slice();
    damaged[damaged.length >> 1]! ^= 1;
    expect(() => loadQuantizedModel(damaged)).toThrow(CorruptModelError);
    expect(() => loadQuantizedModel(m.save())).toThrow(/version 1 is fp32/);
    expect(() => loadModel(bytes)).toThrow(/INT8 model: load it with loadQuantizedModel/);
    q.dispose();
    expect(() => q.report()).toThrow(ModelDisposedError);
    await expect(q.predict(new Float32Array(2), 1)).rejects.toBeInstanceOf(ModelDisposedError);
    layerNorm.dispose();
    m.dispose();
  });
});
