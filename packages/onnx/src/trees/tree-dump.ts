/**
 * The engine's tree dump (`GbmModel.dump()`, format `studio-gbm-trees` v1), checked on read, and a plain
 * evaluator of it: the reference every exported form (ONNX, generated TypeScript) is tested against.
 */
import { UserError } from '@studio/ir';
import { z } from 'zod';

const treeSchema = z
  .object({
    feature: z.array(z.number().int()),
    threshold: z.array(z.number()),
    defaultLeft: z.array(z.boolean()),
    left: z.array(z.number().int()),
    right: z.array(z.number().int()),
    value: z.array(z.number()),
    cover: z.array(z.number()),
  })
  .refine(
    (t) =>
      t.feature.length > 0 &&
      [t.threshold, t.defaultLeft, t.left, t.right, t.value, t.cover].every(
        (a) => a.length === t.feature.length,
      ),
    'every per-node array of a tree must have one entry per node',
  );

/** The trees of a gradient-boosted model as data: node arrays per tree, leaf values include the learning rate. */
export const treesDumpSchema = z.object({
  format: z.literal('studio-gbm-trees'),
  version: z.literal(1),
  cols: z.number().int().min(1),
  baseScore: z.number(),
  features: z.array(
    z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('numeric') }),
      z.object({ kind: z.literal('categorical'), rank: z.array(z.number()) }),
    ]),
  ),
  trees: z.array(treeSchema),
});

export type TreesDump = z.infer<typeof treesDumpSchema>;
export type TreeNodes = TreesDump['trees'][number];

/** Checks a dump's shape and that every child index and feature stays in range; throws UserError otherwise. */
export function parseTreesDump(input: unknown): TreesDump {
  const parsed = treesDumpSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserError(
      'TREES_DUMP_INVALID',
      `The tree dump is invalid at ${issue.path.join('.') || 'the top'}: ${issue.message}. Export it again from a trained Gradient Boosting model.`,
      { path: issue.path.map(String) },
    );
  }
  const dump = parsed.data;
  if (dump.features.length !== dump.cols)
    throw new UserError(
      'TREES_DUMP_INVALID',
      `The tree dump declares ${dump.cols} features but describes ${dump.features.length}. Export it again.`,
    );
  dump.trees.forEach((t, k) => {
    const n = t.feature.length;
    for (let i = 0; i < n; i++) {
      if (t.left[i] === -1) continue;
      const bad =
        t.feature[i]! < 0 ||
        t.feature[i]! >= dump.cols ||
        t.left[i]! <= i ||
        t.left[i]! >= n ||
        t.right[i]! <= i ||
        t.right[i]! >= n;
      if (bad)
        throw new UserError(
          'TREES_DUMP_INVALID',
          `Tree ${k} node ${i} points outside the tree or at an unknown feature. Export it again.`,
          { tree: k, node: i },
        );
    }
  });
  return dump;
}

/**
 * The value a tree compares: the raw number, or for a categorical feature the rank of its code; a code outside
 * the rank table or ranked −1 (not seen in training) is missing (NaN).
 */
export function splitValue(feature: TreesDump['features'][number], x: number): number {
  if (feature.kind === 'numeric') return x;
  if (!Number.isInteger(x) || x < 0 || x >= feature.rank.length) return NaN;
  const rank = feature.rank[x]!;
  return rank < 0 ? NaN : rank;
}

/** The raw score (log-odds) of one row: base score plus the leaf value reached in every tree. */
export function treesRaw(dump: TreesDump, row: ArrayLike<number>): number {
  const values = Array.from({ length: dump.cols }, (_, j) => splitValue(dump.features[j]!, row[j]!));
  let sum = dump.baseScore;
  for (const t of dump.trees) {
    let i = 0;
    while (t.left[i] !== -1) {
      const v = values[t.feature[i]!]!;
      const goLeft = Number.isNaN(v) ? t.defaultLeft[i]! : v <= t.threshold[i]!;
      i = goLeft ? t.left[i]! : t.right[i]!;
    }
    sum += t.value[i]!;
  }
  return sum;
}
