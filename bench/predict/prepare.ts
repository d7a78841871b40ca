/**
 * Trains the 10-64-32-1 ReLU MLP of bench/engine on its synthetic credit data (preprocessed in TS, so the
 * features reach both runtimes already numeric), exports it to ONNX without transforms (fp32) and writes the
 * model files and the held-out rows.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createModel } from '../../packages/engine/src/index';
import { decodeModel, encodeModel, exportOnnx, DataType } from '../../packages/onnx/src/index';
import { creditData, FEATURES } from '../engine/credit-data';
import { fitTransform } from '../engine/preprocess';

/**
 * The exported graph with its per-column front (`Cast` to double, `Concat`, `Cast` to float: no transforms,
 * so numerically the identity) replaced by one `[N, features]` float input named `features`: the network alone.
 */
export function networkOnly(bytes: Uint8Array): Uint8Array {
  const model = decodeModel(bytes);
  const graph = model.graph ?? {};
  const nodes = graph.node ?? [];
  const front = new Set<string>(['features']);
  for (const node of [...nodes].reverse())
    if (node.output?.some((o) => front.has(o))) for (const i of node.input ?? []) front.add(i);
  graph.node = nodes.filter((node) => !node.output?.some((o) => front.has(o)));
  graph.input = [
    {
      name: 'features',
      type: {
        tensorType: { elemType: DataType.FLOAT, shape: { dim: [{ dimParam: 'N' }, { dimValue: FEATURES }] } },
      },
    },
  ];
  return encodeModel(model);
}

/** Trains, exports and writes model.bin, model.onnx (network only), x.f32 and y.u8 for `testRows` rows. */
export async function prepare(dir: string, rows: number, testRows: number): Promise<void> {
  const data = creditData(rows);
  const trainRows = rows - testRows;
  const Z = fitTransform(data.X, rows, FEATURES, trainRows);
  const model = createModel({
    kind: 'mlp',
    inputs: FEATURES,
    layers: [
      { units: 64, activation: 'relu' },
      { units: 32, activation: 'relu' },
    ],
  });
  await model.train(Z.subarray(0, trainRows * FEATURES), data.y.subarray(0, trainRows), trainRows, {
    optimizer: 'adam',
    lr: 1e-3,
    epochs: 5,
    batchSize: 1024,
    seed: 1,
  });
  const bytes = model.save();
  model.dispose();
  const onnx = exportOnnx({
    columns: Array.from({ length: FEATURES }, (_, c) => ({ name: `f${c}`, type: 'numeric' as const })),
    transforms: [],
    model: bytes,
  });
  const Xte = Z.slice(trainRows * FEATURES);
  writeFileSync(join(dir, 'model.bin'), bytes);
  writeFileSync(join(dir, 'model.onnx'), networkOnly(onnx));
  writeFileSync(join(dir, 'x.f32'), new Uint8Array(Xte.buffer));
  writeFileSync(join(dir, 'y.u8'), data.y.subarray(trainRows));
}
