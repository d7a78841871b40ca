/** A Studio network as ONNX nodes: embeddings, dense layers, norms, activations and the output logit. */
import { floatAttr, intAttr } from '../graph/attributes';
import type { GraphBuilder } from '../graph/graph-builder';
import { floatTensor, int64Tensor, int8Tensor } from '../graph/tensors';
import { NORM_EPSILON, type DenseLayer, type Matrix, type StudioModel } from '../model/studio-model';
import { quantizeWeights } from '../quantize/quantize-weights';

/** How dense layers are stored: float32, or INT8 QDQ with one activation scale per dense layer input. */
export type Precision = { precision: 'fp32' } | { precision: 'int8'; activationScales: readonly number[] };

function embed(g: GraphBuilder, m: StudioModel, x: string): string {
  if (m.embeddings.length === 0) return x;
  const coded = new Set(m.embeddings.map((e) => e.column));
  const plain = Array.from({ length: m.inputs }, (_, j) => j).filter((j) => !coded.has(j));
  const parts: string[] = [];
  if (plain.length > 0) {
    const idx = g.constant('plain_columns', (n) => int64Tensor(n, [plain.length], plain));
    parts.push(g.node('Gather', [x, idx], 'plain_features', [intAttr('axis', 1)]));
  }
  m.embeddings.forEach((e, i) => {
    const col = g.constant(`embedding${i}_column`, (n) => int64Tensor(n, [], [e.column]));
    const code = g.node(
      'Cast',
      [g.node('Gather', [x, col], `embedding${i}_value`, [intAttr('axis', 1)])],
      `embedding${i}_code`,
      [intAttr('to', 7)],
    );
    // The engine truncates the code and clamps it into the table, so a stray value never reads out of bounds.
    const lo = g.constant(`embedding${i}_min`, (n) => int64Tensor(n, [], [0]));
    const hi = g.constant(`embedding${i}_max`, (n) => int64Tensor(n, [], [e.cardinality - 1]));
    const index = g.node('Clip', [code, lo, hi], `embedding${i}_index`);
    const table = g.constant(`embedding${i}_table`, (n) =>
      floatTensor(n, [e.cardinality, e.dim], e.table.data),
    );
    parts.push(g.node('Gather', [table, index], `embedding${i}`, [intAttr('axis', 0)]));
  });
  return parts.length === 1 ? parts[0]! : g.node('Concat', parts, 'embedded', [intAttr('axis', 1)]);
}

function dense(
  g: GraphBuilder,
  h: string,
  w: Matrix,
  bias: Float32Array,
  hint: string,
  p: Precision,
  k: number,
): string {
  const b = g.constant(`${hint}_bias`, (n) => floatTensor(n, [bias.length], bias));
  if (p.precision === 'fp32') {
    const weight = g.constant(`${hint}_weight`, (n) => floatTensor(n, [w.rows, w.cols], w.data));
    return g.node('Gemm', [h, weight, b], `${hint}_linear`);
  }
  const q = quantizeWeights(w);
  const wq = g.constant(`${hint}_weight_int8`, (n) => int8Tensor(n, [w.rows, w.cols], q.values));
  const ws = g.constant(`${hint}_weight_scale`, (n) => floatTensor(n, [w.cols], q.scales));
  const wz = g.constant(`${hint}_weight_zero`, (n) => int8Tensor(n, [w.cols], new Int8Array(w.cols)));
  const weight = g.node('DequantizeLinear', [wq, ws, wz], `${hint}_weight`, [intAttr('axis', 1)]);
  const as = g.constant(`${hint}_input_scale`, (n) => floatTensor(n, [], [p.activationScales[k]!]));
  const az = g.constant(`${hint}_input_zero`, (n) => int8Tensor(n, [], [0]));
  const hq = g.node('QuantizeLinear', [h, as, az], `${hint}_input_int8`);
  const hd = g.node('DequantizeLinear', [hq, as, az], `${hint}_input_dq`);
  return g.node('Add', [g.node('MatMul', [hd, weight], `${hint}_matmul`), b], `${hint}_linear`);
}

function norm(g: GraphBuilder, z: string, l: DenseLayer, hint: string): string {
  if (l.norm === 'none') return z;
  const vec = (what: string, v: Float32Array) =>
    g.constant(`${hint}_${what}`, (n) => floatTensor(n, [v.length], v));
  const gamma = vec('gamma', l.gamma!);
  const beta = vec('beta', l.beta!);
  if (l.norm === 'layer')
    return g.node('LayerNormalization', [z, gamma, beta], `${hint}_norm`, [
      intAttr('axis', -1),
      floatAttr('epsilon', NORM_EPSILON),
    ]);
  const mean = vec('running_mean', l.runningMean!);
  const variance = vec('running_var', l.runningVar!);
  return g.node('BatchNormalization', [z, gamma, beta, mean, variance], `${hint}_norm`, [
    floatAttr('epsilon', NORM_EPSILON),
  ]);
}

function activate(g: GraphBuilder, z: string, l: DenseLayer, hint: string): string {
  switch (l.activation) {
    case 'linear':
      return z;
    case 'relu':
      return g.node('Relu', [z], `${hint}_out`);
    case 'leaky_relu':
      return g.node('LeakyRelu', [z], `${hint}_out`, [floatAttr('alpha', l.alpha)]);
    case 'sigmoid':
      return g.node('Sigmoid', [z], `${hint}_out`);
    case 'tanh':
      return g.node('Tanh', [z], `${hint}_out`);
    case 'gelu': {
      // Exact (erf) GELU, as the engine computes it: 0.5·x·(1 + erf(x/√2)).
      const c = (name: string, v: number) => g.constant(name, (n) => floatTensor(n, [], [v]));
      const erf = g.node(
        'Erf',
        [g.node('Mul', [z, c('inv_sqrt2', Math.SQRT1_2)], `${hint}_scaled`)],
        `${hint}_erf`,
      );
      const onePlus = g.node('Add', [erf, c('one', 1)], `${hint}_erf1`);
      return g.node('Mul', [g.node('Mul', [z, c('half', 0.5)], `${hint}_half`), onePlus], `${hint}_out`);
    }
  }
}

/** Appends the network reading `features` ([N, inputs] float); returns the logit tensor ([N, 1]). */
export function lowerNetwork(g: GraphBuilder, m: StudioModel, features: string, p: Precision): string {
  let h = embed(g, m, features);
  m.layers.forEach((l, i) => {
    const hint = `layer${i}`;
    h = activate(g, norm(g, dense(g, h, l.weight, l.bias, hint, p, i), l, hint), l, hint);
  });
  return dense(g, h, m.output.weight, m.output.bias, 'output', p, m.layers.length);
}
