/** Symmetric per-output-channel INT8 quantisation of a `[in, units]` weight matrix. */
import type { Matrix } from '../model/studio-model';

export interface QuantizedWeights {
  /** Row-major int8 values, same shape as the weights. */
  values: Int8Array;
  /** One scale per output column; a zero column gets scale 1. */
  scales: Float32Array;
}

/** Rounds each column to int8 with scale max|w| / 127 (zero point 0). */
export function quantizeWeights(w: Matrix): QuantizedWeights {
  const scales = new Float32Array(w.cols);
  for (let j = 0; j < w.cols; j++) {
    let max = 0;
    for (let i = 0; i < w.rows; i++) max = Math.max(max, Math.abs(w.data[i * w.cols + j]!));
    scales[j] = max > 0 ? max / 127 : 1;
  }
  const values = new Int8Array(w.data.length);
  for (let i = 0; i < w.rows; i++)
    for (let j = 0; j < w.cols; j++) {
      const q = Math.round(w.data[i * w.cols + j]! / scales[j]!);
      values[i * w.cols + j] = Math.max(-127, Math.min(127, q));
    }
  return { values, scales };
}
