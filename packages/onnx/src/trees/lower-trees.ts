/**
 * A tree dump as one `ai.onnx.ml` TreeEnsembleRegressor whose output is the log-odds: base score plus a leaf
 * per tree. Missing values follow each split's learned direction (`nodes_missing_value_tracks_true`).
 */
import { floatsAttr, intAttr, intsAttr, stringAttr, stringsAttr } from '../graph/attributes';
import type { GraphBuilder } from '../graph/graph-builder';
import type { TreesDump } from './tree-dump';

const f32 = new Float32Array(1);

/**
 * The largest float32 not above `t`. ONNX Runtime compares the float32 input with a float32 threshold; rounding
 * `t` to nearest could move a value lying between the two roundings to the other side.
 */
export function float32AtOrBelow(t: number): number {
  f32[0] = t;
  const r = f32[0];
  if (r <= t || !Number.isFinite(t)) return r;
  const bits = new Uint32Array(f32.buffer);
  if (r > 0) bits[0]! -= 1;
  else if (r < 0) bits[0]! += 1;
  else bits[0] = 0x80000001; // the negative number closest to 0
  return f32[0];
}

/** Adds the ensemble reading `x` (`[N, cols]` float); returns the name of its `[N, 1]` log-odds output. */
export function lowerTrees(g: GraphBuilder, dump: TreesDump, x: string): string {
  const treeIds: number[] = [];
  const nodeIds: number[] = [];
  const featureIds: number[] = [];
  const modes: string[] = [];
  const values: number[] = [];
  const trueIds: number[] = [];
  const falseIds: number[] = [];
  const missingTrue: number[] = [];
  const targetTree: number[] = [];
  const targetNode: number[] = [];
  const weights: number[] = [];
  dump.trees.forEach((t, k) => {
    for (let i = 0; i < t.feature.length; i++) {
      const leaf = t.left[i] === -1;
      treeIds.push(k);
      nodeIds.push(i);
      featureIds.push(leaf ? 0 : t.feature[i]!);
      modes.push(leaf ? 'LEAF' : 'BRANCH_LEQ');
      values.push(leaf ? 0 : float32AtOrBelow(t.threshold[i]!));
      trueIds.push(leaf ? 0 : t.left[i]!);
      falseIds.push(leaf ? 0 : t.right[i]!);
      missingTrue.push(!leaf && t.defaultLeft[i] ? 1 : 0);
      if (leaf) {
        targetTree.push(k);
        targetNode.push(i);
        weights.push(t.value[i]!);
      }
    }
  });
  return g.node(
    'TreeEnsembleRegressor',
    [x],
    'trees_logit',
    [
      intAttr('n_targets', 1),
      stringAttr('aggregate_function', 'SUM'),
      stringAttr('post_transform', 'NONE'),
      floatsAttr('base_values', [dump.baseScore]),
      intsAttr('nodes_treeids', treeIds),
      intsAttr('nodes_nodeids', nodeIds),
      intsAttr('nodes_featureids', featureIds),
      stringsAttr('nodes_modes', modes),
      floatsAttr('nodes_values', values),
      intsAttr('nodes_truenodeids', trueIds),
      intsAttr('nodes_falsenodeids', falseIds),
      intsAttr('nodes_missing_value_tracks_true', missingTrue),
      intsAttr('target_treeids', targetTree),
      intsAttr('target_nodeids', targetNode),
      intsAttr(
        'target_ids',
        targetTree.map(() => 0),
      ),
      floatsAttr('target_weights', weights),
    ],
    'ai.onnx.ml',
  );
}
