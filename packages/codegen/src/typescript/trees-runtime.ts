/**
 * The tree evaluator of generated gradient-boosting scorers, appended after scorer-runtime.ts in the generated
 * file (its import line is dropped there). Features are rounded to float32 as the engine reads them, NaN goes
 * each split's learned way, and categorical codes are compared by their rank.
 */
import { applyTransform, cellNumber, type ScoreRecord, type ScorerTransform } from './scorer-runtime';

/** One tree as parallel node arrays; `left` is -1 at a leaf, `defaultLeft` is 1 where missing values go left. */
export interface ScorerTree {
  feature: number[];
  threshold: number[];
  defaultLeft: number[];
  left: number[];
  right: number[];
  value: number[];
}

/** Everything a boosted-tree scorer needs: transforms, feature order, rank tables and the trees. */
export interface TreesScorerParams {
  transforms: ScorerTransform[];
  features: string[];
  baseScore: number;
  /** Per feature: null for a number, or the rank of each categorical code (−1 and other codes are missing). */
  ranks: (number[] | null)[];
  trees: ScorerTree[];
}

/** Probability of default and its logit (the summed trees) for one raw record. */
export function scoreTreesWith(
  p: TreesScorerParams,
  record: ScoreRecord,
): { probability: number; logit: number } {
  const row = p.transforms.reduce((r, f) => applyTransform(f, r), record);
  const x = p.features.map((name, j) => {
    const v = Math.fround(cellNumber(row[name]));
    const rank = p.ranks[j];
    if (!rank) return v;
    const r = Number.isInteger(v) && v >= 0 && v < rank.length ? rank[v]! : -1;
    return r < 0 ? NaN : r;
  });
  let logit = p.baseScore;
  for (const t of p.trees) {
    let i = 0;
    while (t.left[i] !== -1) {
      const v = x[t.feature[i]!]!;
      const left = v !== v ? t.defaultLeft[i] === 1 : v <= t.threshold[i]!;
      i = left ? t.left[i]! : t.right[i]!;
    }
    logit += t.value[i]!;
  }
  return { probability: 1 / (1 + Math.exp(-logit)), logit };
}
