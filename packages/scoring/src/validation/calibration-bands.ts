import { assertLabelsAndScores } from '../inputs';
import { rankGroups } from '../rank-groups';
import { chiSquareSurvival } from './chi-square';

/** One band of predicted probability: what the model expected against what happened. */
export interface CalibrationBand {
  band: number;
  count: number;
  minPredicted: number;
  maxPredicted: number;
  meanPredicted: number;
  observedRate: number;
  expectedBads: number;
  observedBads: number;
}

/** The Hosmer–Lemeshow goodness-of-fit test over the bands. */
export interface HosmerLemeshow {
  statistic: number;
  df: number;
  pValue: number;
  groups: number;
}

/** Calibration-in-the-large: the average predicted PD against the observed default rate. */
export interface CalibrationInTheLarge {
  rows: number;
  meanPredicted: number;
  observedRate: number;
  /** observed − predicted (positive: the model underestimates risk). */
  difference: number;
  /** observed bads / expected bads. */
  ratio: number;
  /** (O − E) / √Σp(1 − p), approximately standard normal when the model is calibrated. */
  zScore: number;
  pValue: number;
}

/**
 * Calibration by band: rows grouped by predicted probability into `bands` near-equal bands (deciles by
 * default, ties never split), lowest risk first, each with expected (Σp) and observed bads.
 */
export function calibrationByBand(
  y: ArrayLike<number>,
  prob: ArrayLike<number>,
  bands = 10,
): CalibrationBand[] {
  assertLabelsAndScores(y, prob, false);
  const { order, groups } = rankGroups(prob, bands);
  return groups
    .map((g) => {
      let p = 0;
      let b = 0;
      for (let k = g.start; k < g.end; k++) {
        p += prob[order[k]!]!;
        b += y[order[k]!]!;
      }
      const count = g.end - g.start;
      return {
        band: 0,
        count,
        minPredicted: g.minScore,
        maxPredicted: g.maxScore,
        meanPredicted: p / count,
        observedRate: b / count,
        expectedBads: p,
        observedBads: b,
      };
    })
    .reverse()
    .map((b, i) => ({ ...b, band: i + 1 }));
}

/**
 * Hosmer–Lemeshow: Σ over bands of (O − E)² / (E (1 − E / n)), compared with χ² on (bands − 2) degrees of
 * freedom; a small p-value (< 0.05) says predicted and observed default rates disagree.
 */
export function hosmerLemeshow(bands: CalibrationBand[]): HosmerLemeshow {
  let statistic = 0;
  for (const b of bands) {
    const variance = b.expectedBads * (1 - b.expectedBads / b.count);
    const diff = b.observedBads - b.expectedBads;
    if (variance > 0) statistic += (diff * diff) / variance;
    else if (Math.abs(diff) > 1e-12) statistic = Infinity;
  }
  const df = Math.max(1, bands.length - 2);
  return { statistic, df, pValue: chiSquareSurvival(statistic, df), groups: bands.length };
}

export function calibrationInTheLarge(y: ArrayLike<number>, prob: ArrayLike<number>): CalibrationInTheLarge {
  assertLabelsAndScores(y, prob, false);
  let e = 0;
  let o = 0;
  let v = 0;
  for (let i = 0; i < y.length; i++) {
    const p = prob[i]!;
    e += p;
    o += y[i]!;
    v += p * (1 - p);
  }
  const n = y.length;
  const z = v > 0 ? (o - e) / Math.sqrt(v) : 0;
  return {
    rows: n,
    meanPredicted: e / n,
    observedRate: o / n,
    difference: (o - e) / n,
    ratio: e > 0 ? o / e : NaN,
    zScore: z,
    pValue: chiSquareSurvival(z * z, 1),
  };
}
