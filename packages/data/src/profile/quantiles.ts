import { orderStatistics, type ValueRange } from '@studio/ir';

export type { ValueRange } from '@studio/ir';

/**
 * Quantiles with linear interpolation between order statistics (numpy's default, pandas' `describe`):
 * q(p) = x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]), h = (n − 1)p. Exact, without a full sort (see
 * @studio/ir's `orderStatistics`); `values` (no NaN) is left untouched. With `map` (monotone non-decreasing), the quantiles
 * of the mapped values: a monotone map keeps the order, so the order statistics are mapped, then interpolated.
 * `scratch` gives a buffer (at least as long as `values`) to select in instead of a new copy.
 */
export function quantiles(
  values: Float64Array,
  ps: readonly number[],
  range?: ValueRange,
  { map, scratch }: { map?: (v: number) => number; scratch?: () => Float64Array } = {},
): number[] {
  const n = values.length;
  if (n === 0) return ps.map(() => NaN);
  const ranks = [
    ...new Set(ps.flatMap((p) => [Math.floor((n - 1) * p), Math.min(n - 1, Math.floor((n - 1) * p) + 1)])),
  ];
  const stats = orderStatistics(values, ranks, { range, scratch });
  const at = new Map(ranks.map((r, k) => [r, map ? map(stats[k]!) : stats[k]!]));
  return ps.map((p) => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    const a = at.get(lo)!;
    return h === lo ? a : a + (h - lo) * (at.get(lo + 1)! - a);
  });
}
