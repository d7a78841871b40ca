import { UserError } from '@studio/ir';
import { assertLabelsAndScores } from './inputs';
import { rankGroups } from './rank-groups';

/** Mean squared error of predicted probabilities against 0/1 outcomes (lower is better). */
export function brierScore(y: ArrayLike<number>, prob: ArrayLike<number>): number {
  assertLabelsAndScores(y, prob, false);
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (prob[i]! - y[i]!) ** 2;
  return s / y.length;
}

/** One point of a calibration (reliability) curve. */
export interface CalibrationBin {
  count: number;
  meanPredicted: number;
  observedRate: number;
}

/**
 * Calibration curve: rows grouped by predicted probability, either into equal-width bins on [0, 1]
 * (`uniform`, empty bins omitted) or into equal-count bins (`quantile`); each bin compares the mean predicted
 * probability with the observed bad rate.
 */
export function calibrationCurve(
  y: ArrayLike<number>,
  prob: ArrayLike<number>,
  bins = 10,
  strategy: 'uniform' | 'quantile' = 'uniform',
): CalibrationBin[] {
  assertLabelsAndScores(y, prob, false);
  const sums = (idx: ArrayLike<number>, from: number, to: number): CalibrationBin => {
    let p = 0;
    let b = 0;
    for (let k = from; k < to; k++) {
      p += prob[idx[k]!]!;
      b += y[idx[k]!]!;
    }
    return { count: to - from, meanPredicted: p / (to - from), observedRate: b / (to - from) };
  };
  if (strategy === 'quantile') {
    const { order, groups } = rankGroups(prob, bins);
    return groups.map((g) => sums(order, g.start, g.end)).reverse();
  }
  const members: number[][] = Array.from({ length: bins }, () => []);
  for (let i = 0; i < y.length; i++) {
    const p = prob[i]!;
    if (p < 0 || p > 1) {
      throw new UserError('METRIC_NOT_PROBABILITY', `Row ${i} has probability ${p}, outside [0, 1].`, {
        row: i,
      });
    }
    members[Math.min(bins - 1, Math.floor(p * bins))]!.push(i);
  }
  return members.filter((m) => m.length > 0).map((m) => sums(m, 0, m.length));
}
