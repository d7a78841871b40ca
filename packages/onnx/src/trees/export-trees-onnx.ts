/** ONNX export of a gradient-boosted model (a tree dump) together with its preprocessing. */
import { UserError } from '@studio/ir';
import { floatAttr, floatsAttr, intAttr } from '../graph/attributes';
import { GraphBuilder } from '../graph/graph-builder';
import { resolvePreprocessing, type ExportInput } from '../export-input';
import { IR_VERSION, META, ML_OPSET, OPSET, STUDIO_ONNX_VERSION } from '../metadata';
import type { ColumnState } from '../preprocess/column-state';
import { lowerTransforms, MISSING_CATEGORY } from '../preprocess/lower-transforms';
import { encodeModel } from '../protobuf/onnx-codec';
import { DataType, type ValueInfoProto } from '../protobuf/onnx-types';
import { lowerTrees } from './lower-trees';
import { parseTreesDump, type TreesDump } from './tree-dump';

/** What a tree export reads: the raw columns, fitted transforms, feature order and the engine's tree dump. */
export interface TreesExportInput extends Omit<ExportInput, 'model'> {
  /** `GbmModel.dump()`. */
  trees: TreesDump;
}

function tensorInfo(name: string, elemType: number): ValueInfoProto {
  return { name, type: { tensorType: { elemType, shape: { dim: [{ dimParam: 'N' }, { dimValue: 1 }] } } } };
}

/** A categorical feature's code replaced by its rank; codes the trees never saw (or ranked −1) become NaN. */
function rankOf(g: GraphBuilder, x: string, rank: readonly number[], hint: string): string {
  const asFloat = g.node('Cast', [x], `${hint}_code`, [intAttr('to', DataType.FLOAT)]);
  const ranked = g.node(
    'LabelEncoder',
    [asFloat],
    `${hint}_rank`,
    [
      floatsAttr(
        'keys_floats',
        rank.map((_, code) => code),
      ),
      floatsAttr(
        'values_floats',
        rank.map((r) => (r < 0 ? NaN : r)),
      ),
      floatAttr('default_float', NaN),
    ],
    'ai.onnx.ml',
  );
  return g.node('Cast', [ranked], `${hint}_rank_f64`, [intAttr('to', DataType.DOUBLE)]);
}

/**
 * Builds the ONNX model of a boosted-tree branch: one `[N, 1]` input per raw column (float, NaN = missing; or
 * string, "" = missing), the transforms, one TreeEnsembleRegressor, and outputs `logit` and `probability`
 * (`[N, 1]` float), the same interface as the other exports.
 */
export function exportTreesOnnx(input: TreesExportInput, options: { name?: string } = {}): Uint8Array {
  const r = resolvePreprocessing(input);
  const dump = parseTreesDump(input.trees);
  if (r.features.length !== dump.cols)
    throw new UserError(
      'ONNX_EXPORT_FEATURE_COUNT',
      `The trees read ${dump.cols} features but the transforms give ${r.features.length} (${r.features.slice(0, 10).join(', ')}…). Pass the model's feature list.`,
      { expected: dump.cols, got: r.features.length },
    );
  const g = new GraphBuilder();
  for (const name of ['logit', 'probability', ...r.columns.map((c) => c.name)]) {
    if (g.name(name) !== name)
      throw new UserError(
        'ONNX_EXPORT_NAME_CLASH',
        `A raw column may not be named "${name}": that is an output of the model.`,
      );
  }
  const state: ColumnState = new Map();
  for (const c of r.columns) {
    const tensor =
      c.type === 'numeric'
        ? g.node('Cast', [c.name], `${c.name}_f64`, [intAttr('to', DataType.DOUBLE)])
        : c.name;
    state.set(c.name, { tensor, type: c.type });
  }
  lowerTransforms(g, r.transforms, state);
  const parts = r.features.map((f, j) => {
    const tensor = state.get(f)!.tensor;
    const kind = dump.features[j]!;
    return kind.kind === 'categorical' ? rankOf(g, tensor, kind.rank, f) : tensor;
  });
  const joined =
    parts.length === 1 ? parts[0]! : g.node('Concat', parts, 'features_f64', [intAttr('axis', 1)]);
  const x = g.node('Cast', [joined], 'features', [intAttr('to', DataType.FLOAT)]);
  const logit = lowerTrees(g, dump, x);
  g.nodeTo('Identity', [logit], 'logit');
  g.nodeTo('Sigmoid', [logit], 'probability');
  return encodeModel({
    irVersion: IR_VERSION,
    producerName: 'DeepSeek Studio',
    producerVersion: String(STUDIO_ONNX_VERSION),
    opsetImport: [
      { domain: '', version: OPSET },
      { domain: 'ai.onnx.ml', version: ML_OPSET },
    ],
    graph: {
      name: options.name ?? 'studio_model',
      node: g.nodes,
      initializer: g.initializers,
      input: r.columns.map((c) =>
        tensorInfo(c.name, c.type === 'numeric' ? DataType.FLOAT : DataType.STRING),
      ),
      output: [tensorInfo('logit', DataType.FLOAT), tensorInfo('probability', DataType.FLOAT)],
    },
    metadataProps: [
      { key: META.version, value: String(STUDIO_ONNX_VERSION) },
      { key: META.kind, value: 'gbm' },
      { key: META.precision, value: 'fp32' },
      { key: META.columns, value: JSON.stringify(r.columns) },
      { key: META.features, value: JSON.stringify(r.features) },
      { key: META.missingCategory, value: MISSING_CATEGORY },
    ],
  });
}
