import { UserError } from '@studio/ir';

/** How log-odds become points: `pdo` points double the good:bad odds; `baseScore` sits at `baseOdds` (good:bad). */
export interface ScalingParams {
  pdo: number;
  baseScore: number;
  baseOdds: number;
}

/** score = offset + factor · ln(good:bad odds). */
export interface Scaling {
  factor: number;
  offset: number;
}

/** A logistic model on WOE-encoded characteristics: logit P(bad) = intercept + Σ coefficient · WOE. */
export interface WoeLogisticModel {
  intercept: number;
  characteristics: { name: string; coefficient: number; bins: { label: string; woe: number }[] }[];
}

/** Points of one bin of one characteristic. */
export interface ScorecardBin {
  label: string;
  woe: number;
  points: number;
}

/** Points per bin per characteristic; a row's score is the sum of the points of its bins. */
export interface Scorecard {
  version: 1;
  scaling: ScalingParams & Scaling;
  characteristics: { name: string; bins: ScorecardBin[] }[];
}

/** Factor and offset of the standard scaling: factor = PDO / ln 2, offset = baseScore − factor · ln(baseOdds). */
export function scalingOf(p: ScalingParams): Scaling {
  if (!(p.pdo > 0) || !(p.baseOdds > 0)) {
    throw new UserError(
      'SCORECARD_BAD_SCALING',
      `Points to double the odds (${p.pdo}) and base odds (${p.baseOdds}) must both be positive, e.g. PDO 20 at 600 points for 50:1.`,
      { ...p },
    );
  }
  const factor = p.pdo / Math.LN2;
  return { factor, offset: p.baseScore - factor * Math.log(p.baseOdds) };
}

/**
 * Scorecard points from a WOE logistic model: the points of bin j of characteristic i are
 * −(βᵢ · WOEᵢⱼ + β₀ / n) · factor + offset / n, so they sum to offset + factor · ln(odds good) for every row.
 * With `round` (default true) points are rounded to integers, as printed scorecards are.
 */
export function buildScorecard(model: WoeLogisticModel, params: ScalingParams, round = true): Scorecard {
  const s = scalingOf(params);
  const n = model.characteristics.length;
  if (n === 0) {
    throw new UserError('SCORECARD_EMPTY', 'The model has no characteristics; select at least one feature.');
  }
  return {
    version: 1,
    scaling: { ...params, ...s },
    characteristics: model.characteristics.map((c) => ({
      name: c.name,
      bins: c.bins.map((b) => {
        const raw = -(c.coefficient * b.woe + model.intercept / n) * s.factor + s.offset / n;
        return { label: b.label, woe: b.woe, points: round ? Math.round(raw) : raw };
      }),
    })),
  };
}

/** The score for a probability of default under a scaling: offset + factor · ln((1 − p) / p). */
export function scoreFromProbability(p: number, params: ScalingParams): number {
  const s = scalingOf(params);
  return s.offset + s.factor * Math.log((1 - p) / p);
}

/** Probability of default for a score: the inverse of `scoreFromProbability`. */
export function probabilityFromScore(score: number, params: ScalingParams): number {
  const s = scalingOf(params);
  return 1 / (1 + Math.exp((score - s.offset) / s.factor));
}
