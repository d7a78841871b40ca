/** A plain TypeScript forward pass of a StudioModel, the reference that calibration samples activations with. */
import {
  NORM_EPSILON,
  type Activation,
  type DenseLayer,
  type Matrix,
  type StudioModel,
} from './studio-model';

function act(a: Activation, alpha: number, x: number): number {
  switch (a) {
    case 'linear':
      return x;
    case 'relu':
      return x > 0 ? x : 0;
    case 'leaky_relu':
      return x > 0 ? x : alpha * x;
    case 'sigmoid':
      return 1 / (1 + Math.exp(-x));
    case 'tanh':
      return Math.tanh(x);
    case 'gelu':
      return 0.5 * x * (1 + erf(x * Math.SQRT1_2));
  }
}

/** erf with fractional error below 1.2e-7 (the Chebyshev-fitted erfc of Numerical Recipes); JS has no Math.erf. */
function erf(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - r : r - 1;
}

function affine(h: Float64Array, w: Matrix, bias: Float32Array): Float64Array {
  const out = Float64Array.from(bias);
  for (let i = 0; i < w.rows; i++) {
    const v = h[i]!;
    if (v === 0) continue;
    for (let j = 0; j < w.cols; j++) out[j]! += v * w.data[i * w.cols + j]!;
  }
  return out;
}

function normalise(z: Float64Array, l: DenseLayer): Float64Array {
  if (l.norm === 'none') return z;
  const g = l.gamma!;
  const b = l.beta!;
  if (l.norm === 'batch')
    return z.map(
      (v, j) => ((v - l.runningMean![j]!) / Math.sqrt(l.runningVar![j]! + NORM_EPSILON)) * g[j]! + b[j]!,
    );
  const mean = z.reduce((s, v) => s + v, 0) / z.length;
  const variance = z.reduce((s, v) => s + (v - mean) ** 2, 0) / z.length;
  return z.map((v, j) => ((v - mean) / Math.sqrt(variance + NORM_EPSILON)) * g[j]! + b[j]!);
}

function embedRow(m: StudioModel, x: ArrayLike<number>): Float64Array {
  if (m.embeddings.length === 0) return Float64Array.from(x);
  const coded = new Set(m.embeddings.map((e) => e.column));
  const parts: number[] = [];
  for (let j = 0; j < m.inputs; j++) if (!coded.has(j)) parts.push(x[j]!);
  for (const e of m.embeddings) {
    const k = Math.min(e.cardinality - 1, Math.max(0, Math.trunc(x[e.column]!)));
    for (let d = 0; d < e.dim; d++) parts.push(e.table.data[k * e.dim + d]!);
  }
  return Float64Array.from(parts);
}

/** The input of every dense layer for one feature row (hidden layers, then the output layer) and the logit. */
export function forwardRow(m: StudioModel, x: ArrayLike<number>): { inputs: Float64Array[]; logit: number } {
  let h = embedRow(m, x);
  const inputs: Float64Array[] = [];
  for (const l of m.layers) {
    inputs.push(h);
    h = normalise(affine(h, l.weight, l.bias), l).map((v) => act(l.activation, l.alpha, v));
  }
  inputs.push(h);
  return { inputs, logit: affine(h, m.output.weight, m.output.bias)[0]! };
}

/** Every dense layer's inputs over `rows` feature rows, flattened per layer: the samples INT8 calibration reads. */
export function activationSamples(m: StudioModel, X: Float32Array, rows: number): Float64Array[] {
  const per: number[][] = Array.from({ length: m.layers.length + 1 }, () => []);
  for (let i = 0; i < rows; i++) {
    const { inputs } = forwardRow(m, X.subarray(i * m.inputs, (i + 1) * m.inputs));
    inputs.forEach((h, k) => per[k]!.push(...h));
  }
  return per.map((a) => Float64Array.from(a));
}
