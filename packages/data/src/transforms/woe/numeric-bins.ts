import { orderStatistics, type ValueRange } from '@studio/ir';
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
export function fineCuts(values: Float64Array, fineBins: number, range?: ValueRange): number[] {
  const n = values.length;
  const ranks = Array.from({ length: fineBins - 1 }, (_, k) => Math.ceil(((k + 1) * n) / fineBins) - 1);
  const at = orderStatistics(values, [...ranks, n - 1], { range });
  const max = at[ranks.length]!;
  const cuts: number[] = [];
  for (let k = 0; k < ranks.length; k++) {
    const v = at[k]!;
    if (v < max && (cuts.length === 0 || v > cuts[cuts.length - 1]!)) cuts.push(v);
  }
  return cuts;
}

/** Index of the range bin of `v` for ascending upper edges `cuts`: the first j with v ≤ cuts[j], else cuts.length. */
export function rangeIndex(cuts: ArrayLike<number>, v: number): number {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v > cuts[mid]!) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const TABLE_BUCKETS = 4096;

/**
 * A lookup table for `rangeIndex` over ascending `cuts`: the span [c₀ − w, cₘ₋₁ + w] (w = cₘ₋₁ − c₀) in equal
 * buckets, values outside it clamped into the end buckets. The bucket map is monotone, so a value in bucket b
 * exceeds every cut of a lower bucket and no cut of a higher one: its range bin is `below[b]` (the cuts in
 * lower buckets) plus the cuts of its own bucket (`inside[b]`, usually none) that it exceeds. Exactly
 * `rangeIndex`, with one table load instead of a branchy search. Null when the span is not finite.
 */
interface RangeTable {
  lo: number;
  scale: number;
  below: Int32Array;
  inside: Int32Array;
}

function rangeTable(cuts: Float64Array): RangeTable | null {
  const m = cuts.length;
  if (m < 2) return null;
  const w = cuts[m - 1]! - cuts[0]!;
  const lo = cuts[0]! - w;
  const scale = TABLE_BUCKETS / (3 * w);
  if (!Number.isFinite(lo) || !Number.isFinite(scale) || !(scale > 0)) return null;
  const below = new Int32Array(TABLE_BUCKETS);
  const inside = new Int32Array(TABLE_BUCKETS);
  for (let j = 0; j < m; j++) inside[bucketOf(cuts[j]!, lo, scale)]!++;
  for (let b = 1; b < TABLE_BUCKETS; b++) below[b] = below[b - 1]! + inside[b - 1]!;
  return { lo, scale, below, inside };
}

/** The table's bucket of a value (not NaN): monotone in the value. */
function bucketOf(v: number, lo: number, scale: number): number {
  const t = (v - lo) * scale;
  return t < 0 ? 0 : t >= TABLE_BUCKETS - 1 ? TABLE_BUCKETS - 1 : t | 0;
}

/**
 * The WOE of every value into `out`: `woe[rangeIndex(cuts, v)]`, a gap (NaN) taking the last entry of `woe`
 * (the missing bin, right after the `cuts.length + 1` range bins, for columns without special values).
 */
export function woeByRange(
  values: Float64Array,
  cuts: Float64Array,
  woe: Float64Array,
  out: Float64Array,
): void {
  const missing = woe[woe.length - 1]!;
  const table = rangeTable(cuts);
  if (!table) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      out[i] = v !== v ? missing : woe[rangeIndex(cuts, v)]!;
    }
    return;
  }
  const { lo, scale, below, inside } = table;
  const top = TABLE_BUCKETS - 1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== v) {
      out[i] = missing;
      continue;
    }
    const t = (v - lo) * scale;
    const b = t < 0 ? 0 : t >= top ? top : t | 0;
    let k = below[b]!;
    for (const e = k + inside[b]!; k < e && v > cuts[k]!;) k++;
    out[i] = woe[k]!;
  }
}

/**
 * Goods and bads per range bin of `values` (no NaN) for ascending upper edges `cuts` (`cuts.length + 1` bins),
 * in one pass without an index array: the bin from the lookup table (exactly `rangeIndex`), the count at
 * 2·bin + outcome (no branch on the outcome).
 */
export function countByRange(
  values: Float64Array,
  y: Uint8Array,
  cuts: Float64Array,
): { goods: Float64Array; bads: Float64Array } {
  const m = cuts.length;
  const counts = new Float64Array(2 * (m + 1));
  const table = rangeTable(cuts);
  if (!table) {
    for (let i = 0; i < values.length; i++) counts[2 * rangeIndex(cuts, values[i]!) + y[i]!]!++;
  } else {
    const { lo, scale, below, inside } = table;
    const top = TABLE_BUCKETS - 1;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      const t = (v - lo) * scale;
      const b = t < 0 ? 0 : t >= top ? top : t | 0;
      let k = below[b]!;
      for (const e = k + inside[b]!; k < e && v > cuts[k]!;) k++;
      counts[2 * k + y[i]!]!++;
    }
  }
  const goods = new Float64Array(m + 1);
  const bads = new Float64Array(m + 1);
  for (let j = 0; j <= m; j++) {
    goods[j] = counts[2 * j]!;
    bads[j] = counts[2 * j + 1]!;
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

/**
 * Optimal-ish monotonic bins for numeric `values` with outcomes `y` (no NaN, no special values in them):
 * the coarse range bins, each a run of fine bins with its counts, and their upper edges `cuts` (the last bin
 * open above). The coarse bins' counts are those of the rows in them, since their edges are fine edges.
 */
export function numericBins(
  values: Float64Array,
  y: Uint8Array,
  s: MergeSettings,
  range?: ValueRange,
): { cuts: number[]; bins: BinRange[] } {
  if (values.length === 0) return { cuts: [], bins: [{ from: 0, to: 0, goods: 0, bads: 0 }] };
  const cuts = fineCuts(values, s.fineBins, range);
  const counts = countByRange(values, y, Float64Array.from(cuts));
  return coarseBins(cuts, counts.goods, counts.bads, s);
}

/** The coarse bins and their upper edges from fine edges `cuts` and the goods and bads per fine bin. */
export function coarseBins(
  cuts: readonly number[],
  goods: ArrayLike<number>,
  bads: ArrayLike<number>,
  s: MergeSettings,
): { cuts: number[]; bins: BinRange[] } {
  const fine: BinRange[] = Array.from({ length: cuts.length + 1 }, (_, j) => ({
    from: j,
    to: j,
    goods: goods[j]!,
    bads: bads[j]!,
  }));
  const nonEmpty = fine.filter((b) => b.goods + b.bads > 0);
  const bins = coarsen(nonEmpty, s);
  return { cuts: bins.slice(0, -1).map((b) => cuts[b.to]!), bins };
}

/** Optimal-ish monotonic cuts for numeric `values` with outcomes `y` (no NaN, no special values in them). */
export function numericCuts(values: Float64Array, y: Uint8Array, s: MergeSettings): number[] {
  return numericBins(values, y, s).cuts;
}
