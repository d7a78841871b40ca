/** ONNX export of a gradient-boosted model (a tree dump) together with its preprocessing. */
import { UserError } from '@studio/ir';
import { floatAttr, floatsAttr, intAttr } from '../graph/attributes';
import type { GraphBuilder } from '../graph/graph-builder';
import { resolvePreprocessing, type ExportInput } from '../export-input';
import { finishStudioModel, startStudioGraph } from '../export-onnx';

import { DataType } from '../protobuf/onnx-types';
import { lowerTrees } from './lower-trees';
import { parseTreesDump, type TreesDump } from './tree-dump';

/** What a tree export reads: the raw columns, fitted transforms, feature order and the engine's tree dump. */
export interface TreesExportInput extends Omit<ExportInput, 'model'> {
  /** `GbmModel.dump()`. */
  trees: TreesDump;
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
 * string, "" = missing), the transforms, one TreeEnsembleClassifier (`lower-trees.ts`), and outputs `logit` and `probability`
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
  const { g, state } = startStudioGraph(r.columns, r.transforms);
  const parts = r.features.map((f, j) => {
    const tensor = state.get(f)!.tensor;
    const kind = dump.features[j]!;
    return kind.kind === 'categorical' ? rankOf(g, tensor, kind.rank, f) : tensor;
  });
  return finishStudioModel(g, parts, (x) => lowerTrees(g, dump, x), {
    name: options.name,
    columns: r.columns,
    features: r.features,
    kind: 'gbm',
    precision: 'fp32',
  });
}
