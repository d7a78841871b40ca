import { assertLabelsAndScores } from '../inputs';

/** One bin of the score distribution: [lower, upper) except the last, which includes its upper edge. */
export interface DistributionBin {
  lower: number;
  upper: number;
  goods: number;
  bads: number;
}

/** Histogram of the score over `bins` equal-width bins between its smallest and largest value, goods and bads apart. */
export function scoreDistribution(
  y: ArrayLike<number>,
  score: ArrayLike<number>,
  bins = 20,
): DistributionBin[] {
  assertLabelsAndScores(y, score, false);
  if (y.length === 0) return [];
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < score.length; i++) {
    lo = Math.min(lo, score[i]!);
    hi = Math.max(hi, score[i]!);
  }
  const k = hi > lo ? bins : 1;
  const width = hi > lo ? (hi - lo) / k : 1;
  const out: DistributionBin[] = Array.from({ length: k }, (_, b) => ({
    lower: lo + b * width,
    upper: b === k - 1 ? Math.max(hi, lo + width) : lo + (b + 1) * width,
    goods: 0,
    bads: 0,
  }));
  for (let i = 0; i < score.length; i++) {
    const b = Math.min(k - 1, Math.floor((score[i]! - lo) / width));
    if (y[i] === 1) out[b]!.bads++;
    else out[b]!.goods++;
  }
  return out;
}
