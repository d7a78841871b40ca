import { applyPipeline } from '@studio/data';
import { describe, expect, it } from 'vitest';
import { exportOnnx } from './export-onnx';
import { activationSamples } from './model/forward';
import { readModelFile } from './model/read-model-file';
import { calibrateMinMax, calibratePercentile } from './quantize/calibrate';
import {
  features,
  germanCredit,
  oneHotPipeline,
  rawColumns,
  rawFeeds,
  trainModel,
} from './test-support/german-credit';
import { runOnnx } from './test-support/run-onnx';

const { table, y } = await germanCredit();
const transforms = oneHotPipeline(table);
const columns = rawColumns(table);
const train = features(applyPipeline(transforms, table));

describe("the engine's INT8 model and the INT8 QDQ export", () => {
  it('calibrate the same activation scales, and the export with them predicts what the engine INT8 model predicts', async () => {
    const model = await trainModel(
      (inputs) => ({
        kind: 'mlp',
        inputs,
        layers: [
          { units: 32, activation: 'relu' },
          { units: 16, activation: 'tanh' },
        ],
      }),
      train.X,
      y,
      table.rowCount,
    );
    const calibration = { X: train.X, rows: table.rowCount };
    const samples = activationSamples(readModelFile(model.save()), train.X, table.rowCount);
    for (const [method, reference] of [
      ['minmax', (s: Float64Array) => calibrateMinMax(s)],
      ['percentile', (s: Float64Array) => calibratePercentile(s, 99.9)],
    ] as const) {
      const q = await model.quantize({ calibration, method, percentile: 99.9 });
      const scales = q.activationScales();
      expect(scales).toHaveLength(samples.length);
      scales.forEach((s, i) => expect(Math.abs(s / reference(samples[i]!) - 1)).toBeLessThan(1e-5));
      const onnx = await runOnnx(
        exportOnnx(
          { columns, transforms, model: model.save() },
          { precision: 'int8', activationScales: scales },
        ),
        rawFeeds(table, columns),
      );
      const ours = await q.predict(train.X, table.rowCount);
      let mean = 0;
      for (let i = 0; i < ours.length; i++) mean += Math.abs(ours[i]! - onnx.probability[i]!) / ours.length;
      console.log(`${method}: mean |p_engine_int8 - p_onnx_int8| = ${mean.toExponential(2)}`);
      expect(mean).toBeLessThan(5e-4);
      q.dispose();
    }
    model.dispose();
  });
});
