import { applyPipeline } from '@studio/data';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportOnnx } from './export-onnx';
import { importOnnx } from './import-onnx';
import { decodeModel } from './protobuf/onnx-codec';
import { readModelFile } from './model/read-model-file';
import { activationSamples } from './model/forward';
import { calibrateMinMax, calibratePercentile } from './quantize/calibrate';
import {
  features,
  germanCredit,
  oneHotPipeline,
  rawColumns,
  rawFeeds,
  trainModel,
} from './test-support/german-credit';
import { maxAbsDiff, runOnnx } from './test-support/run-onnx';

/**
 * Stated tolerance of INT8 QDQ export against the fp32 engine over the 1,000 German credit rows: mean |Δp| ≤ 0.01
 * with either calibration; max |Δp| ≤ 0.1 with min-max scales (percentile scales clip outlying inputs on purpose,
 * so a few extreme rows may move further).
 */
const MEAN_TOLERANCE = 0.01;
const MAX_TOLERANCE_MINMAX = 0.1;

function meanAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i]! - b[i]!);
  return s / a.length;
}

const { table, y } = await germanCredit();
const transforms = oneHotPipeline(table);
const columns = rawColumns(table);
const train = features(applyPipeline(transforms, table));

describe('INT8 QDQ export', () => {
  let saved: Uint8Array;
  let native: Float32Array;
  let samples: Float64Array[];
  beforeAll(async () => {
    const model = await trainModel(
      (inputs) => ({
        kind: 'mlp',
        inputs,
        layers: [
          { units: 16, activation: 'relu' },
          { units: 8, activation: 'tanh' },
        ],
      }),
      train.X,
      y,
      table.rowCount,
    );
    native = await model.predict(train.X, table.rowCount);
    saved = model.save();
    model.dispose();
    samples = activationSamples(readModelFile(saved), train.X, table.rowCount);
  });

  it.each([
    ['min-max', (s: Float64Array) => calibrateMinMax(s), MAX_TOLERANCE_MINMAX],
    ['99.9th percentile', (s: Float64Array) => calibratePercentile(s, 99.9), 1],
  ])(
    'stores int8 weights and runs within the stated tolerance (%s calibration)',
    async (label, calibrate, maxTolerance) => {
      const activationScales = samples.map(calibrate);
      const bytes = exportOnnx(
        { columns, transforms, model: saved },
        { precision: 'int8', activationScales },
      );
      expect(importOnnx(bytes)).toMatchObject({ kind: 'mlp', precision: 'int8' });
      const graph = decodeModel(bytes).graph!;
      expect(
        graph.initializer!.filter((t) => t.dataType === 3 && t.name!.endsWith('weight_int8')),
      ).toHaveLength(3);
      expect(graph.node!.filter((n) => n.opType === 'QuantizeLinear')).toHaveLength(3);
      expect(graph.node!.filter((n) => n.opType === 'Gemm')).toHaveLength(0);
      const out = await runOnnx(bytes, rawFeeds(table, columns));
      const diff = maxAbsDiff(out.probability, native);
      const mean = meanAbsDiff(out.probability, native);
      console.log(
        `int8 (${label}): |p_onnx - p_engine| max ${diff.toExponential(2)}, mean ${mean.toExponential(2)}`,
      );
      expect(mean).toBeLessThan(MEAN_TOLERANCE);
      expect(diff).toBeLessThan(maxTolerance);
      // Quantisation must actually happen: an fp32 graph under an int8 label would match to 1e-7.
      expect(diff).toBeGreaterThan(1e-4);
    },
  );

  it('quantises a logistic model (one scale: the features) within the stated tolerance', async () => {
    const model = await trainModel(
      (inputs) => ({ kind: 'logistic', inputs, l2: 1 }),
      train.X,
      y,
      table.rowCount,
    );
    const lr = await model.predict(train.X, table.rowCount);
    const bytes = model.save();
    model.dispose();
    const activationScales = activationSamples(readModelFile(bytes), train.X, table.rowCount).map((s) =>
      calibrateMinMax(s),
    );
    expect(activationScales).toHaveLength(1);
    const out = await runOnnx(
      exportOnnx({ columns, transforms, model: bytes }, { precision: 'int8', activationScales }),
      rawFeeds(table, columns),
    );
    const diff = maxAbsDiff(out.probability, lr);
    console.log(
      `int8 logistic (min-max): |p_onnx - p_engine| max ${diff.toExponential(2)}, mean ${meanAbsDiff(out.probability, lr).toExponential(2)}`,
    );
    expect(meanAbsDiff(out.probability, lr)).toBeLessThan(MEAN_TOLERANCE);
    expect(diff).toBeLessThan(MAX_TOLERANCE_MINMAX);
  });

  it('refuses INT8 export without one scale per dense layer input', () => {
    expect(() =>
      exportOnnx({ columns, transforms, model: saved }, { precision: 'int8', activationScales: [0.1] }),
    ).toThrow(/needs 3 positive activation scales/);
  });
});
