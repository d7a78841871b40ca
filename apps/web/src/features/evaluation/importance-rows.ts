import type { FeatureImportance } from '@studio/api';

/** One row of the importance table: the feature, and each measure with its bar width as a share of the largest. */
export interface ImportanceRow {
  feature: string;
  source: string;
  gain: number;
  gainShare: number;
  meanAbsShap: number;
  shapShare: number;
  splits: number;
}

/**
 * The `top` most important features by `by` (split gain, or mean |SHAP| on the evaluated rows), features the
 * trees never split on left out; bar shares are relative to the largest value of each measure.
 */
export function importanceRows(
  importance: readonly FeatureImportance[],
  by: 'gain' | 'shap',
  top = 20,
): ImportanceRow[] {
  const used = importance.filter((i) => i.splits > 0);
  const maxGain = Math.max(0, ...used.map((i) => i.gain));
  const maxShap = Math.max(0, ...used.map((i) => i.meanAbsShap));
  const key = (i: FeatureImportance) => (by === 'gain' ? i.gain : i.meanAbsShap);
  return [...used]
    .sort((a, b) => key(b) - key(a))
    .slice(0, top)
    .map((i) => ({
      feature: i.feature,
      source: i.source,
      gain: i.gain,
      gainShare: maxGain > 0 ? i.gain / maxGain : 0,
      meanAbsShap: i.meanAbsShap,
      shapShare: maxShap > 0 ? i.meanAbsShap / maxShap : 0,
      splits: i.splits,
    }));
}
