/**
 * Batch throughput: our engine's `predictRaw` against onnxruntime-node running the exported ensemble (one
 * `ai.onnx.ml` TreeEnsembleClassifier, `lowerTrees` of packages/onnx), on the same trees and the same float32
 * rows. Both sides get one `[N, cols]` float32 matrix (no preprocessing on either side, so only the ensembles
 * are compared), the same thread count, and alternate within one process after a warm-up.
 * Usage: tsx throughput.ts <data-name> <threads> <runs> [<rows>]; prints one JSON object
 * {"rows","ours_rows_per_s","ort_rows_per_s","ratio","max_abs_diff","ort_version"} (medians over the runs).
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as Ort from 'onnxruntime-node';
import { trainGbm } from '../../packages/engine/src/index';
import { GraphBuilder } from '../../packages/onnx/src/graph/graph-builder';
import { IR_VERSION, ML_OPSET, OPSET } from '../../packages/onnx/src/metadata';
import { encodeModel } from '../../packages/onnx/src/protobuf/onnx-codec';
import { DataType } from '../../packages/onnx/src/protobuf/onnx-types';
import { lowerTrees } from '../../packages/onnx/src/trees/lower-trees';
import type { TreesDump } from '../../packages/onnx/src/trees/tree-dump';
import { load } from './data';
import { engineOptions } from './settings';

const require = createRequire(join(import.meta.dirname, '../../packages/onnx/package.json'));
const ort = require('onnxruntime-node') as typeof Ort;
const ortVersion = (require('onnxruntime-node/package.json') as { version: string }).version;

const [name, threadsArg, runsArg, rowsArg] = process.argv.slice(2);
const threads = Number(threadsArg);
const runs = Number(runsArg ?? '5');
const d = load(name!);
const model = await trainGbm({
  x: d.xtr,
  rows: d.trainRows,
  cols: d.cols,
  y: d.ytr,
  options: engineOptions(threads),
});

// The held-out rows tiled to `rows`.
const rows = Number(rowsArg ?? '200000');
const X = new Float32Array(rows * d.cols);
for (let r = 0; r < rows; r++)
  X.set(d.xte.subarray((r % d.testRows) * d.cols, ((r % d.testRows) + 1) * d.cols), r * d.cols);

// The bare ensemble: features [N, cols] float -> logit [N, 1].
const g = new GraphBuilder();
g.reserve('features');
g.reserve('logit');
const logit = lowerTrees(g, model.dump() as unknown as TreesDump, 'features');
g.nodeTo('Identity', [logit], 'logit');
const info = (n: string, dims: number) => ({
  name: n,
  type: {
    tensorType: {
      elemType: DataType.FLOAT,
      shape: { dim: [{ dimParam: 'N' }, { dimValue: dims }] },
    },
  },
});
const bytes = encodeModel({
  irVersion: IR_VERSION,
  producerName: 'DeepSeek Studio bench',
  opsetImport: [
    { domain: '', version: OPSET },
    { domain: 'ai.onnx.ml', version: ML_OPSET },
  ],
  graph: {
    name: 'gbm',
    node: g.nodes,
    initializer: g.initializers,
    input: [info('features', d.cols)],
    output: [info('logit', 1)],
  },
});
const session = await ort.InferenceSession.create(bytes, {
  graphOptimizationLevel: 'all',
  intraOpNumThreads: threads,
  interOpNumThreads: 1,
});
const feed = { features: new ort.Tensor('float32', X, [rows, d.cols]) };

const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1]!;
const ours: number[] = [];
const theirs: number[] = [];
let native = await model.predictRaw(X, rows);
let onnx = (await session.run(feed)).logit!.data as Float32Array;
for (let i = 0; i < runs; i++) {
  let t = performance.now();
  native = await model.predictRaw(X, rows);
  ours.push(rows / ((performance.now() - t) / 1000));
  t = performance.now();
  onnx = (await session.run(feed)).logit!.data as Float32Array;
  theirs.push(rows / ((performance.now() - t) / 1000));
}
let maxAbsDiff = 0;
for (let r = 0; r < rows; r++) maxAbsDiff = Math.max(maxAbsDiff, Math.abs(native[r]! - onnx[r]!));
await session.release();
model.dispose();
console.log(
  JSON.stringify({
    rows,
    ours_rows_per_s: median(ours),
    ort_rows_per_s: median(theirs),
    ratio: median(ours) / median(theirs),
    max_abs_diff: maxAbsDiff,
    ort_version: ortVersion,
  }),
);
