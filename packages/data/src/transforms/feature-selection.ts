import type { Table } from '../table';
import { numericColumn } from './fitted-common';

/** Thresholds of `selectFeatures`. */
export interface SelectionParams {
  /** Drop characteristics with IV below this (default 0.02, "useless"). */
  minIv?: number;
  /** Of two characteristics correlated beyond this (absolute Pearson, default 0.7), drop the one with lower IV. */
  maxCorrelation?: number;
}

/** Why a characteristic was left out. */
export type DroppedFeature =
  | { name: string; reason: 'low-iv'; iv: number }
  | { name: string; reason: 'correlated'; iv: number; with: string; correlation: number };

/** Pearson correlation of two columns over rows where both are present (NaN when undefined). */
export function correlation(a: Float64Array, b: Float64Array): number {
  let n = 0;
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const z = b[i]!;
    if (x !== x || z !== z) continue;
    n++;
    sa += x;
    sb += z;
  }
  const ma = sa / n;
  const mb = sb / n;
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const z = b[i]!;
    if (x !== x || z !== z) continue;
    const da = x - ma;
    const db = z - mb;
    cov += da * db;
    va += da * da;
    vb += db * db;
  }
  return cov / Math.sqrt(va * vb);
}

/**
 * Greedy selection: characteristics by IV, strongest first; each is kept unless its IV is below `minIv` or it
 * correlates beyond `maxCorrelation` with one already kept. Correlations are taken on `table`'s numeric columns,
 * normally the WOE-encoded training table.
 */
export function selectFeatures(
  table: Table,
  ivs: readonly { name: string; iv: number }[],
  params: SelectionParams = {},
): { selected: string[]; dropped: DroppedFeature[] } {
  const minIv = params.minIv ?? 0.02;
  const maxCorr = params.maxCorrelation ?? 0.7;
  const selected: string[] = [];
  const dropped: DroppedFeature[] = [];
  for (const { name, iv } of [...ivs].sort((a, b) => b.iv - a.iv)) {
    if (iv < minIv) {
      dropped.push({ name, reason: 'low-iv', iv });
      continue;
    }
    const values = numericColumn(table, name, 'Correlation screening').values;
    let clash: { with: string; correlation: number } | undefined;
    for (const kept of selected) {
      const r = correlation(values, numericColumn(table, kept, 'Correlation screening').values);
      if (Math.abs(r) > maxCorr) {
        clash = { with: kept, correlation: r };
        break;
      }
    }
    if (clash) dropped.push({ name, reason: 'correlated', iv, ...clash });
    else selected.push(name);
  }
  return { selected, dropped };
}
