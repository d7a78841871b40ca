import { orderStatistics } from '../../profile/quantiles';
import { enforceTrend, mergeSmall, mergeToMax, type BinRange, type Trend } from './bin-merge';

/** Settings of the merge from fine to coarse bins. */
export interface MergeSettings {
  fineBins: number;
  maxBins: number;
  minCount: number;
  trend: Trend | 'auto';
}

/**
 * Upper edges of fine quantile bins of `values` (no NaN): bin j is (cut[j−1], cut[j]], the last open above.
 * Edges are the order statistics at ranks ⌈k·n/F⌉ − 1, deduplicated, and never the maximum (no empty last bin).
 */
export function fineCuts(values: Float64Array, fineBins: number): number[] {
  const n = values.length;
  const ranks = Array.from({ length: fineBins - 1 }, (_, k) => Math.ceil(((k + 1) * n) / fineBins) - 1);
  const at = orderStatistics(values, [...ranks, n - 1]);
  const max = at.get(n - 1)!;
  const cuts: number[] = [];
  for (const r of ranks) {
    const v = at.get(r)!;
    if (v < max && (cuts.length === 0 || v > cuts[cuts.length - 1]!)) cuts.push(v);
  }
  return cuts;
}

/** Index of the range bin of `v` for ascending upper edges `cuts`: the first j with v ≤ cuts[j], else cuts.length. */
export function rangeIndex(cuts: readonly number[], v: number): number {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v > cuts[mid]!) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * `rangeIndex` of every value into `out`, a gap (NaN) taking `missingBin`: the one typed loop that fitting and
 * applying WOE share for numeric columns without special values, so it is compiled once and stays hot.
 */
export function rangeIndices(
  values: Float64Array,
  cuts: Float64Array,
  missingBin: number,
  out: Int32Array,
): void {
  const m = cuts.length;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== v) {
      out[i] = missingBin;
      continue;
    }
    let lo = 0;
    let hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (v > cuts[mid]!) lo = mid + 1;
      else hi = mid;
    }
    out[i] = lo;
  }
}

/** Goods and bads per bin index (`bins` of them) from bin indices and outcomes. */
export function countByBin(
  index: Int32Array,
  y: Uint8Array,
  bins: number,
): { goods: Float64Array; bads: Float64Array } {
  const goods = new Float64Array(bins);
  const bads = new Float64Array(bins);
  for (let i = 0; i < index.length; i++) {
    if (y[i]) bads[index[i]!]!++;
    else goods[index[i]!]!++;
  }
  return { goods, bads };
}

function score(bins: BinRange[]): number {
  const G = bins.reduce((s, b) => s + b.goods, 0);
  const B = bins.reduce((s, b) => s + b.bads, 0);
  return bins.reduce((s, b) => {
    const pg = (b.goods + 0.5) / (G + 0.5 * bins.length);
    const pb = (b.bads + 0.5) / (B + 0.5 * bins.length);
    return s + (pg - pb) * Math.log(pg / pb);
  }, 0);
}

/** Coarse bins from fine ones: monotonic trend (auto = whichever direction keeps more IV), then min size, then max count. */
export function coarsen(fine: BinRange[], s: MergeSettings): BinRange[] {
  const run = (trend: Trend) => mergeToMax(mergeSmall(enforceTrend(fine, trend), s.minCount), s.maxBins);
  if (s.trend !== 'auto') return run(s.trend);
  const up = run('ascending');
  const down = run('descending');
  return score(down) > score(up) ? down : up;
}

/** Optimal-ish monotonic cuts for numeric `values` with outcomes `y` (no NaN, no special values in them). */
export function numericCuts(values: Float64Array, y: Uint8Array, s: MergeSettings): number[] {
  if (values.length === 0) return [];
  const cuts = fineCuts(values, s.fineBins);
  const index = new Int32Array(values.length);
  rangeIndices(values, Float64Array.from(cuts), cuts.length, index);
  const counts = countByBin(index, y, cuts.length + 1);
  const fine: BinRange[] = Array.from({ length: cuts.length + 1 }, (_, j) => ({
    from: j,
    to: j,
    goods: counts.goods[j]!,
    bads: counts.bads[j]!,
  }));
  const nonEmpty = fine.filter((b) => b.goods + b.bads > 0);
  return coarsen(nonEmpty, s)
    .slice(0, -1)
    .map((b) => cuts[b.to]!);
}
