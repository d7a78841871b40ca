/** A trained Studio network as plain tensors: what the exporters and code generators read. */

export type Activation = 'linear' | 'relu' | 'leaky_relu' | 'gelu' | 'sigmoid' | 'tanh';

/** A row-major float32 matrix. */
export interface Matrix {
  rows: number;
  cols: number;
  data: Float32Array;
}

/** One hidden layer: dense, optional norm, activation, then dropout (training only; inference ignores it). */
export interface DenseLayer {
  units: number;
  activation: Activation;
  /** Dropout rate after the activation while training. */
  dropout: number;
  /** Slope of leaky_relu below zero. */
  alpha: number;
  norm: 'none' | 'layer' | 'batch';
  weight: Matrix;
  bias: Float32Array;
  gamma?: Float32Array;
  beta?: Float32Array;
  runningMean?: Float32Array;
  runningVar?: Float32Array;
}

/** A feature column read as an integer code and replaced by a learned vector. */
export interface Embedding {
  column: number;
  cardinality: number;
  dim: number;
  table: Matrix;
}

/** A binary-outcome model: logistic (no hidden layers) or MLP; `output` maps the last hidden vector to one logit. */
export interface StudioModel {
  kind: 'logistic' | 'mlp';
  inputs: number;
  layers: DenseLayer[];
  embeddings: Embedding[];
  output: { weight: Matrix; bias: Float32Array };
}

/** Epsilon of the engine's layer and batch norms (native/src/ops/op.h). */
export const NORM_EPSILON = 1e-5;
