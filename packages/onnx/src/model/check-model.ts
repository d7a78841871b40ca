import { UserError } from '@studio/ir';
import type { Matrix, StudioModel } from './studio-model';

function fail(why: string): never {
  throw new UserError('ONNX_EXPORT_BAD_MODEL', `The model tensors do not fit together: ${why}.`);
}

function matrix(m: Matrix, rows: number, cols: number, what: string): void {
  if (m.rows !== rows || m.cols !== cols || m.data.length !== rows * cols)
    fail(`${what} is [${m.rows}, ${m.cols}] with ${m.data.length} values, expected [${rows}, ${cols}]`);
}

function vector(v: Float32Array | undefined, n: number, what: string): void {
  if (!v || v.length !== n) fail(`${what} needs ${n} values`);
}

/** Checks that a model given as tensors (not read from a file) is shaped as the engine's would be. */
export function checkStudioModel(m: StudioModel): void {
  if (!Number.isInteger(m.inputs) || m.inputs < 1) fail(`inputs is ${m.inputs}`);
  if (m.kind === 'logistic' && (m.layers.length > 0 || m.embeddings.length > 0))
    fail('a logistic model has no hidden layers or embeddings');
  let width = m.inputs - m.embeddings.length;
  m.embeddings.forEach((e, i) => {
    if (!Number.isInteger(e.column) || e.column < 0 || e.column >= m.inputs)
      fail(`embedding ${i} reads column ${e.column}`);
    matrix(e.table, e.cardinality, e.dim, `embedding ${i} table`);
    width += e.dim;
  });
  m.layers.forEach((l, i) => {
    matrix(l.weight, width, l.units, `layer ${i} weight`);
    vector(l.bias, l.units, `layer ${i} bias`);
    if (!(l.dropout >= 0 && l.dropout < 1)) fail(`layer ${i} has dropout ${l.dropout}, expected [0, 1)`);
    if (l.norm !== 'none') {
      vector(l.gamma, l.units, `layer ${i} gamma`);
      vector(l.beta, l.units, `layer ${i} beta`);
    }
    if (l.norm === 'batch') {
      vector(l.runningMean, l.units, `layer ${i} running mean`);
      vector(l.runningVar, l.units, `layer ${i} running variance`);
    }
    width = l.units;
  });
  matrix(m.output.weight, width, 1, 'output weight');
  vector(m.output.bias, 1, 'output bias');
}
