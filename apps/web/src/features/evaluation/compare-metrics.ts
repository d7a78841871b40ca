import type { Run } from '@studio/api';

/** One row of the side-by-side comparison: a metric's value per run and its change from the first run. */
export interface MetricRow {
  key: 'auc' | 'gini' | 'ks' | 'brier';
  label: string;
  /** Whether a larger value is better (Brier is an error, so smaller is better). */
  higherIsBetter: boolean;
  values: (number | null)[];
  deltas: (number | null)[];
}

const METRICS: Omit<MetricRow, 'values' | 'deltas'>[] = [
  { key: 'auc', label: 'AUC', higherIsBetter: true },
  { key: 'gini', label: 'Gini', higherIsBetter: true },
  { key: 'ks', label: 'KS', higherIsBetter: true },
  { key: 'brier', label: 'Brier score', higherIsBetter: false },
];

/** The comparison table of the runs in order; the first run is the baseline (its deltas are null). */
export function compareMetrics(runs: readonly Pick<Run, 'evaluation'>[]): MetricRow[] {
  return METRICS.map((m) => {
    const values = runs.map((r) => (r.evaluation ? r.evaluation[m.key] : null));
    const base = values[0] ?? null;
    const deltas = values.map((v, i) => (i === 0 || v === null || base === null ? null : v - base));
    return { ...m, values, deltas };
  });
}

/** Whether a delta is an improvement, a regression, or no change, for colouring. */
export function deltaTone(delta: number | null, higherIsBetter: boolean): 'better' | 'worse' | 'same' {
  if (delta === null || Math.abs(delta) < 1e-9) return 'same';
  return delta > 0 === higherIsBetter ? 'better' : 'worse';
}
