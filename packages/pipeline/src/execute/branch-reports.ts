import type { ScorecardTable, WoeVariable } from '@studio/api';
import type { FittedWoe } from '@studio/data';
import { UserError } from '@studio/ir';
import { buildScorecard, type Scorecard } from '@studio/scoring';
import type { ScorecardStep } from '../plan/plan-types';
import type { LogisticWeights } from './logistic-weights';

/** The WOE table of every binned characteristic, with whether the model uses it. */
export function woeReport(woe: FittedWoe, features: readonly string[]): WoeVariable[] {
  const used = new Set(features);
  return woe.columns
    .map((c) => ({
      name: c.name,
      iv: c.iv,
      selected: used.has(c.name),
      bins: c.bins.map((b) => ({
        label: b.label,
        count: b.count,
        bads: b.bads,
        badRate: b.badRate,
        woe: b.woe,
      })),
    }))
    .sort((a, b) => b.iv - a.iv);
}

/** Scorecard points from a logistic model whose every input is a WOE characteristic. */
export function branchScorecard(
  step: ScorecardStep,
  woe: FittedWoe,
  features: readonly string[],
  weights: LogisticWeights,
): Scorecard {
  const byName = new Map(woe.columns.map((c) => [c.name, c]));
  const characteristics = features.map((name, j) => {
    const col = byName.get(name);
    if (!col)
      throw new UserError(
        'SCORECARD_INPUT_NOT_WOE',
        `The model also reads "${name}", which is not WOE-binned, so it has no points. Bin every model input (leave WOE Binning's columns empty) or drop that column.`,
        { column: name, nodeId: step.nodeId },
      );
    return {
      name,
      coefficient: weights.coefficients[j]!,
      bins: col.bins.map((b) => ({ label: b.label, woe: b.woe })),
    };
  });
  return buildScorecard(
    { intercept: weights.intercept, characteristics },
    { pdo: step.pdo, baseScore: step.baseScore, baseOdds: step.baseOdds },
    step.rounding === 'integer',
  );
}

/** The scorecard as the run screen's table: one row per characteristic and bin. */
export function scorecardTable(card: Scorecard): ScorecardTable {
  return {
    pdo: card.scaling.pdo,
    baseScore: card.scaling.baseScore,
    baseOdds: card.scaling.baseOdds,
    rows: card.characteristics.flatMap((c) =>
      c.bins.map((b) => ({ characteristic: c.name, bin: b.label, woe: b.woe, points: b.points })),
    ),
  };
}
