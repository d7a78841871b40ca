/** ONNX export of a trained model together with its preprocessing, runnable with ONNX Runtime alone. */
import { UserError } from '@studio/ir';
import { floatAttr, floatsAttr, intAttr, stringsAttr } from './graph/attributes';
import { GraphBuilder } from './graph/graph-builder';
import { liveGraph } from './graph/prune';
import { resolveExport, type ExportInput, type RawColumn } from './export-input';
import { IR_VERSION, META, ML_OPSET, OPSET, STUDIO_ONNX_VERSION } from './metadata';
import { lowerNetwork, type Precision } from './network/lower-network';
import type { ColumnState } from './preprocess/column-state';
import { lowerTransforms, MISSING_CATEGORY } from './preprocess/lower-transforms';
import { encodeModel } from './protobuf/onnx-codec';
import { DataType, type ValueInfoProto } from './protobuf/onnx-types';

export interface ExportOptions {
  /** `int8`: per-output-channel INT8 weights and QDQ activations (needs `activationScales`). Default `fp32`. */
  precision?: 'fp32' | 'int8';
  /** INT8 only: the scale of each dense layer's input, hidden layers first and the output layer last. */
  activationScales?: readonly number[];
  /** The graph's name (default "studio_model"). */
  name?: string;
}

function tensorInfo(name: string, elemType: number): ValueInfoProto {
  return { name, type: { tensorType: { elemType, shape: { dim: [{ dimParam: 'N' }, { dimValue: 1 }] } } } };
}

function precisionOf(options: ExportOptions, layers: number): Precision {
  if ((options.precision ?? 'fp32') === 'fp32') return { precision: 'fp32' };
  const scales = options.activationScales ?? [];
  if (scales.length !== layers + 1 || !scales.every((s) => Number.isFinite(s) && s > 0))
    throw new UserError(
      'ONNX_EXPORT_BAD_SCALES',
      `INT8 export needs ${layers + 1} positive activation scales (one per dense layer input, the output layer last); got ${scales.length}. Compute them with calibrateMinMax or calibratePercentile.`,
      { expected: layers + 1, got: scales.length },
    );
  return { precision: 'int8', activationScales: scales };
}

/**
 * Builds the ONNX model: one `[N, 1]` input per raw column the model uses (float, NaN = missing; or string,
 * "" = missing: categories, and booleans as the CSV's words), the transforms, the network, and outputs `logit`
 * and `probability` (`[N, 1]` float).
 */
export function exportOnnx(input: ExportInput, options: ExportOptions = {}): Uint8Array {
  const r = resolveExport(input);
  const precision = precisionOf(options, r.model.layers.length);
  const { g, state } = startStudioGraph(r.columns, r.transforms);
  const features = r.features;
  const parts = features.map((f) => state.get(f)!.tensor);
  return finishStudioModel(g, parts, (x) => lowerNetwork(g, r.model, x, precision), {
    name: options.name,
    columns: r.columns,
    features,
    kind: r.model.kind,
    precision: precision.precision,
  });
}

/**
 * The start every Studio export shares: the raw columns as graph inputs (numbers cast to float64; names that would
 * clash with the model's outputs refused) and the fitted transforms lowered on them.
 */
export function startStudioGraph(
  columns: readonly RawColumn[],
  transforms: Parameters<typeof lowerTransforms>[1],
): { g: GraphBuilder; state: ColumnState } {
  const g = new GraphBuilder();
  for (const name of ['logit', 'probability', ...columns.map((c) => c.name)]) {
    if (g.name(name) !== name)
      throw new UserError(
        'ONNX_EXPORT_NAME_CLASH',
        `A raw column may not be named "${name}": that is an output of the model.`,
      );
  }
  const state: ColumnState = new Map();
  for (const c of columns) {
    if (c.type === 'boolean') state.set(c.name, { tensor: booleanWords(g, c.name), type: 'numeric' });
    else {
      const tensor =
        c.type === 'numeric'
          ? g.node('Cast', [c.name], `${c.name}_f64`, [intAttr('to', DataType.DOUBLE)])
          : c.name;
      state.set(c.name, { tensor, type: c.type });
    }
  }
  lowerTransforms(g, transforms, state);
  return { g, state };
}

/** The words @studio/data reads as true and false in a CSV, and "1" / "0". */
const TRUE_WORDS = ['true', 'TRUE', 'True', 'yes', 'YES', 'Yes', '1'];
const FALSE_WORDS = ['false', 'FALSE', 'False', 'no', 'NO', 'No', '0'];

/** A boolean column's text input as 1 / 0 (double), anything else ("" included) as NaN: missing. */
function booleanWords(g: GraphBuilder, column: string): string {
  const value = g.node(
    'LabelEncoder',
    [column],
    `${column}_bool`,
    [
      stringsAttr('keys_strings', [...TRUE_WORDS, ...FALSE_WORDS]),
      floatsAttr('values_floats', [...TRUE_WORDS.map(() => 1), ...FALSE_WORDS.map(() => 0)]),
      floatAttr('default_float', NaN),
    ],
    'ai.onnx.ml',
  );
  return g.node('Cast', [value], `${column}_f64`, [intAttr('to', DataType.DOUBLE)]);
}

/**
 * The end every Studio export shares: the feature tensors joined and cast to float32, the model lowered on them
 * (its logit), the `logit` and `probability` outputs, and the model encoded with Studio's metadata.
 */
export function finishStudioModel(
  g: GraphBuilder,
  parts: string[],
  lowerModel: (features: string) => string,
  meta: {
    name: string | undefined;
    columns: readonly { name: string; type: string }[];
    features: readonly string[];
    kind: string;
    precision: string;
  },
): Uint8Array {
  const joined =
    parts.length === 1 ? parts[0]! : g.node('Concat', parts, 'features_f64', [intAttr('axis', 1)]);
  const x = g.node('Cast', [joined], 'features', [intAttr('to', DataType.FLOAT)]);
  const logit = lowerModel(x);
  g.nodeTo('Identity', [logit], 'logit');
  g.nodeTo('Sigmoid', [logit], 'probability');
  // Transforms of columns the model does not read are dropped, and so are those columns as inputs.
  const live = liveGraph(g.nodes, g.initializers, ['logit', 'probability']);
  const columns = meta.columns.filter((c) => live.reads.has(c.name));
  return encodeModel({
    irVersion: IR_VERSION,
    producerName: 'DeepSeek Studio',
    producerVersion: String(STUDIO_ONNX_VERSION),
    opsetImport: [
      { domain: '', version: OPSET },
      { domain: 'ai.onnx.ml', version: ML_OPSET },
    ],
    graph: {
      name: meta.name ?? 'studio_model',
      node: live.nodes,
      initializer: live.initializers,
      input: columns.map((c) => tensorInfo(c.name, c.type === 'numeric' ? DataType.FLOAT : DataType.STRING)),
      output: [tensorInfo('logit', DataType.FLOAT), tensorInfo('probability', DataType.FLOAT)],
    },
    metadataProps: [
      { key: META.version, value: String(STUDIO_ONNX_VERSION) },
      { key: META.kind, value: meta.kind },
      { key: META.precision, value: meta.precision },
      { key: META.columns, value: JSON.stringify(columns) },
      { key: META.features, value: JSON.stringify(meta.features) },
      { key: META.missingCategory, value: MISSING_CATEGORY },
    ],
  });
}
