import type { QuantizationReport } from '@studio/api';
import type { Model, QuantizedModel } from '@studio/engine';
import { auc, ksStatistic } from '@studio/scoring';
import type { QuantizeStep } from '../plan/plan-types';

/** Most training rows the activation ranges are measured on; more changes the scales little and costs time. */
export const CALIBRATION_ROWS = 2000;
const LATENCY_REPEATS = 5;

/** Feature rows, row-major, `rows × inputs` values. */
export interface Rows {
  X: Float32Array;
  rows: number;
  inputs: number;
}

/** The INT8 model file of a branch and what the Quantize node reports about it. */
export interface QuantizedBranch {
  report: QuantizationReport;
  /** `QuantizedModel.save()`: a version-2 model file that carries its activation scales. */
  bytes: Uint8Array;
}

/** Every `stride`-th training row, so the sample covers the whole (shuffled) training side, not its head. */
export function calibrationSample(train: Rows, limit = CALIBRATION_ROWS): Rows {
  const stride = Math.max(1, Math.floor(train.rows / limit));
  const rows = Math.min(limit, Math.ceil(train.rows / stride));
  const X = new Float32Array(rows * train.inputs);
  for (let i = 0; i < rows; i++)
    X.set(train.X.subarray(i * stride * train.inputs, (i * stride + 1) * train.inputs), i * train.inputs);
  return { X, rows, inputs: train.inputs };
}

/** Median wall time of a few batch predictions, in microseconds per row (the first, warm-up call excluded). */
async function latencyUsPerRow(
  predict: (X: Float32Array, rows: number) => Promise<Float32Array>,
  held: Rows,
): Promise<number> {
  await predict(held.X, held.rows);
  const times: number[] = [];
  for (let r = 0; r < LATENCY_REPEATS; r++) {
    const t0 = performance.now();
    await predict(held.X, held.rows);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return (times[Math.floor(times.length / 2)]! * 1000) / held.rows;
}

/**
 * Runs a Quantize node: calibrates activation ranges on a sample of the branch's transformed training rows,
 * quantizes the trained model to INT8, and scores both models on the same held-out rows, so the report's AUC
 * and KS change and latency change are measured rather than assumed. `passed` is the deploy guard.
 */
export async function quantizeBranch(
  step: QuantizeStep,
  branch: { modelNodeId: string; label: string },
  model: Model,
  train: Rows,
  held: Rows & { y: Uint8Array },
): Promise<QuantizedBranch> {
  const calibration = calibrationSample(train);
  const q: QuantizedModel = await model.quantize({
    calibration: { X: calibration.X, rows: calibration.rows },
    method: step.method,
    percentile: step.percentile,
  });
  try {
    const fp32Prob = await model.predict(held.X, held.rows);
    const int8Prob = await q.predict(held.X, held.rows);
    const fp32 = { auc: auc(held.y, fp32Prob), ks: ksStatistic(held.y, fp32Prob).ks };
    const int8 = { auc: auc(held.y, int8Prob), ks: ksStatistic(held.y, int8Prob).ks };
    const fp32Latency = await latencyUsPerRow((X, n) => model.predict(X, n), held);
    const int8Latency = await latencyUsPerRow((X, n) => q.predict(X, n), held);
    const size = q.report();
    const aucDrop = fp32.auc - int8.auc;
    return {
      bytes: q.save(),
      report: {
        nodeId: step.nodeId,
        modelNodeId: branch.modelNodeId,
        label: branch.label,
        method: step.method,
        percentile: step.method === 'percentile' ? step.percentile : null,
        calibrationRows: calibration.rows,
        evaluationRows: held.rows,
        fp32WeightBytes: size.fp32WeightBytes,
        int8WeightBytes: size.int8WeightBytes,
        sizeRatio: size.ratio,
        fp32,
        int8,
        aucDrop,
        ksDrop: fp32.ks - int8.ks,
        fp32LatencyUsPerRow: fp32Latency,
        int8LatencyUsPerRow: int8Latency,
        maxAucDrop: step.maxAucDrop,
        passed: aucDrop <= step.maxAucDrop,
      },
    };
  } finally {
    q.dispose();
  }
}
