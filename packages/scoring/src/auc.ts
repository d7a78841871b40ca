import { assertLabelsAndScores } from './inputs';

/**
 * Area under the ROC curve, tie-aware (tied scores count one half), in O(n log n) via the Mann–Whitney
 * rank-sum with average ranks. Higher `score` should mean higher risk (y = 1).
 */
export function auc(y: ArrayLike<number>, score: ArrayLike<number>): number {
  assertLabelsAndScores(y, score);
  const n = y.length;
  const idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  idx.sort((a, b) => score[a]! - score[b]!);
  let rankSumPos = 0;
  let nPos = 0;
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && score[idx[j + 1]!] === score[idx[i]!]) j++;
    const avgRank = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) {
      if (y[idx[k]!] === 1) {
        rankSumPos += avgRank;
        nPos++;
      }
    }
    i = j + 1;
  }
  const nNeg = n - nPos;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/** Gini coefficient (accuracy ratio) = 2·AUC − 1. */
export function gini(y: ArrayLike<number>, score: ArrayLike<number>): number {
  return 2 * auc(y, score) - 1;
}
