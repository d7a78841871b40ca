/**
 * A tree dump as one `ai.onnx.ml` TreeEnsembleClassifier (classes 0 and 1, every leaf voting for one class with
 * its value, no post-transform) whose positive-class score plus the base score is the log-odds. Missing values
 * follow each split's learned direction (`nodes_missing_value_tracks_true`).
 *
 * ONNX leaves the binary classifier's score layout vague; ONNX Runtime, with one voting class and no
 * `base_values`, puts the summed votes in column 1 of its `[N, 2]` scores (column 0 is their negation, or one
 * minus them when every vote is positive), so the graph reads column 1 and adds the base score itself.
 * `export-trees-onnx.test.ts` checks both cases against the engine.
 */
import { floatsAttr, intAttr, intsAttr, stringAttr, stringsAttr } from '../graph/attributes';
import type { GraphBuilder } from '../graph/graph-builder';
import { floatTensor, int64Tensor } from '../graph/tensors';
import type { TreesDump } from './tree-dump';

const f32 = new Float32Array(1);
/** The class every leaf votes for (see the header). */
const CLASS_ID = 1;

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
  const [, scores] = g.nodeN(
    'TreeEnsembleClassifier',
    [x],
    'trees',
    2,
    [
      intsAttr('classlabels_int64s', [0, 1]),
      stringAttr('post_transform', 'NONE'),
      intsAttr('nodes_treeids', treeIds),
      intsAttr('nodes_nodeids', nodeIds),
      intsAttr('nodes_featureids', featureIds),
      stringsAttr('nodes_modes', modes),
      floatsAttr('nodes_values', values),
      intsAttr('nodes_truenodeids', trueIds),
      intsAttr('nodes_falsenodeids', falseIds),
      intsAttr('nodes_missing_value_tracks_true', missingTrue),
      intsAttr('class_treeids', targetTree),
      intsAttr('class_nodeids', targetNode),
      intsAttr(
        'class_ids',
        targetTree.map(() => CLASS_ID),
      ),
      floatsAttr('class_weights', weights),
    ],
    'ai.onnx.ml',
  );
  const column = g.constant('trees_positive_column', (n) => int64Tensor(n, [1], [1]));
  const votes = g.node('Gather', [scores!, column], 'trees_votes', [intAttr('axis', 1)]);
  const base = g.constant('trees_base_score', (n) => floatTensor(n, [1], [dump.baseScore]));
  return g.node('Add', [votes, base], 'trees_logit');
}
