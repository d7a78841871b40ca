import { orderStatistics as orderStatisticsOf } from '@studio/ir';

/**
 * The values at `ranks` (0-based positions, each < values.length) of `values` sorted ascending, exactly as
 * `values.sort()` places them (−0 before +0), by selection instead of a full sort; reorders `values` (pass a
 * copy); no NaN allowed. The one implementation is @studio/ir's `orderStatistics` (shared with @studio/data's
 * quantiles and WOE cuts), selecting in the caller's copy.
 */
export function orderStatistics(values: Float64Array, ranks: readonly number[]): Float64Array {
  return orderStatisticsOf(values, ranks, { reorder: true });
}
