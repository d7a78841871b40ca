/**
 * Order statistics without a full sort, for every package that needs a few ranks of a large column: the data
 * profile's quantiles and WOE binning's fine cuts (@studio/data), PSI cuts and cut-off deciles
 * (@studio/scoring). One contract: the value at each rank is the value `Float64Array#sort` places there (−0
 * before +0), so callers that differ only in who owns the buffer give the same doubles.
 */

/** Below this many values a range is finished by insertion sort. */
const INSERTION = 24;
/** From this many values on, an input that must stay untouched is bucketed instead of copied whole. */
const BUCKETED = 65_536;
const BUCKETS = 4096;

/** Smallest and largest value, when the caller already knows them (saves a pass over large inputs). */
export interface ValueRange {
  min: number;
  max: number;
}

export interface OrderStatisticsOptions {
  /**
   * `values` may be reordered (the caller passes a copy it owns): selection runs in it, with no copy. Without
   * it `values` is left untouched: small inputs are copied (into `scratch` when given) and selected, large ones
   * counted into equal-width buckets of which only those holding wanted ranks are gathered and selected.
   */
  reorder?: boolean;
  /** The values' smallest and largest, when known (the bucketed path otherwise finds them). */
  range?: ValueRange;
  /** A buffer at least as long as `values` to copy into instead of a new array. */
  scratch?: () => Float64Array;
}

/**
 * The values at `ranks` (0-based positions, each < values.length, any order, repeats allowed) of `values`
 * sorted ascending, in the order of `ranks`, exactly as `values.sort()` places them (−0 before +0). No NaN.
 * O(n) on average (quickselect with three-way partitions, ties being common in credit data, falling back to
 * the native sort of a range when its depth runs out, so the worst case stays O(n log n)).
 */
export function orderStatistics(
  values: Float64Array,
  ranks: readonly number[],
  { reorder = false, range, scratch }: OrderStatisticsOptions = {},
): Float64Array {
  const n = values.length;
  let out: Float64Array;
  if (reorder || n < BUCKETED) out = bySelection(reorder ? values : copyOf(values, scratch), ranks);
  else out = byBuckets(values, ranks, range ?? valueRange(values), scratch);
  if (out.includes(0)) {
    // Selection sees −0 and +0 as equal; the sort puts the −0s right after the negatives.
    let negatives = 0;
    let negativeZeros = 0;
    for (let i = 0; i < n; i++) {
      const v = values[i]!;
      if (v < 0) negatives++;
      else if (v === 0 && 1 / v < 0) negativeZeros++;
    }
    ranks.forEach((r, k) => {
      if (out[k] === 0) out[k] = r >= negatives && r < negatives + negativeZeros ? -0 : 0;
    });
  }
  return out;
}

/** Selection in `a` (reordered), the values in the order of `ranks`. */
function bySelection(a: Float64Array, ranks: readonly number[]): Float64Array {
  const wanted = Int32Array.from(new Set(ranks)).sort();
  select(a, 0, a.length, wanted, 0, wanted.length, depthOf(a.length));
  return Float64Array.from(ranks, (r) => a[r]!);
}

function depthOf(n: number): number {
  return 2 * Math.ceil(Math.log2(n + 1));
}

/** `values` copied into the scratch buffer (a view of its first values.length) or, without one, a new array. */
function copyOf(values: Float64Array, scratch?: () => Float64Array): Float64Array {
  if (!scratch) return values.slice();
  const out = scratch().subarray(0, values.length);
  out.set(values);
  return out;
}

function valueRange(values: Float64Array): ValueRange {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

/**
 * Counts the values into equal-width buckets over the range, gathers only the buckets that hold wanted ranks
 * and selects within each; a bucket of one distinct value (discrete and indicator columns put half the rows in
 * one) answers its ranks without a selection. −0 and +0 share a bucket: the caller fixes their signs.
 */
function byBuckets(
  values: Float64Array,
  ranks: readonly number[],
  range: ValueRange,
  scratch?: () => Float64Array,
): Float64Array {
  const n = values.length;
  const min = range.min;
  const scale = BUCKETS / (range.max - min);
  if (!Number.isFinite(scale)) return bySelection(copyOf(values, scratch), ranks);
  const top = BUCKETS - 1;
  const counts = new Int32Array(BUCKETS);
  for (let i = 0; i < n; i++) {
    const b = ((values[i]! - min) * scale) | 0;
    counts[b > top ? top : b]!++;
  }
  const before = new Float64Array(BUCKETS + 1);
  for (let b = 0; b < BUCKETS; b++) before[b + 1] = before[b]! + counts[b]!;
  const bucketOfRank = (r: number) => {
    let lo = 0;
    let hi = top;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before[mid + 1]! > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const slot = new Int32Array(BUCKETS).fill(-1);
  const wanted = [...new Set(ranks.map(bucketOfRank))].sort((a, b) => a - b);
  let size = 0;
  const start: number[] = [];
  wanted.forEach((b, k) => {
    slot[b] = k;
    start.push(size);
    size += counts[b]!;
  });
  const gathered = new Float64Array(size);
  const fill = Int32Array.from(start);
  const lo = new Float64Array(wanted.length).fill(Infinity);
  const hi = new Float64Array(wanted.length).fill(-Infinity);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    const b = ((v - min) * scale) | 0;
    const k = slot[b > top ? top : b]!;
    if (k >= 0) {
      gathered[fill[k]!++] = v;
      if (v < lo[k]!) lo[k] = v;
      if (v > hi[k]!) hi[k] = v;
    }
  }
  // Rank r of the whole lies at r − before[b] + start[k] of the gathered values of its bucket b (slot k).
  const local = Int32Array.from(ranks, (r) => {
    const b = bucketOfRank(r);
    return r - before[b]! + start[slot[b]!]!;
  });
  wanted.forEach((b, k) => {
    if (lo[k] === hi[k]) return;
    const from = start[k]!;
    const to = from + counts[b]!;
    const inBucket = Int32Array.from(new Set(local.filter((p) => p >= from && p < to))).sort();
    select(gathered, from, to, inBucket, 0, inBucket.length, depthOf(to - from));
  });
  return Float64Array.from(local, (p, j) => {
    const k = slot[bucketOfRank(ranks[j]!)]!;
    return lo[k] === hi[k] ? lo[k]! : gathered[p]!;
  });
}

/**
 * Places the values of ranks wanted[rlo..rhi) (ascending, all within [lo, hi)) where a sort would: a quickselect
 * with three-way partitions, falling back to the native sort of the range when `depth` runs out.
 */
function select(
  a: Float64Array,
  lo: number,
  hi: number,
  wanted: Int32Array,
  rlo: number,
  rhi: number,
  depth: number,
): void {
  while (rlo < rhi) {
    if (hi - lo <= INSERTION) {
      for (let i = lo + 1; i < hi; i++) {
        const v = a[i]!;
        let j = i - 1;
        while (j >= lo && a[j]! > v) {
          a[j + 1] = a[j]!;
          j--;
        }
        a[j + 1] = v;
      }
      return;
    }
    if (depth-- === 0) {
      a.subarray(lo, hi).sort();
      return;
    }
    const x = a[lo]!;
    const y = a[(lo + hi) >>> 1]!;
    const z = a[hi - 1]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    // a[lo..lt) < pivot, a[lt..i) == pivot, a[gt..hi) > pivot.
    let lt = lo;
    let i = lo;
    let gt = hi;
    while (i < gt) {
      const v = a[i]!;
      if (v < pivot) {
        a[i++] = a[lt]!;
        a[lt++] = v;
      } else if (v > pivot) {
        a[i] = a[--gt]!;
        a[gt] = v;
      } else i++;
    }
    let left = rlo;
    while (left < rhi && wanted[left]! < lt) left++;
    let right = left;
    while (right < rhi && wanted[right]! < gt) right++;
    // Ranks in [lt, gt) hold the pivot already; recurse into the smaller side, loop on the larger.
    if (left - rlo < rhi - right) {
      select(a, lo, lt, wanted, rlo, left, depth);
      lo = gt;
      rlo = right;
    } else {
      select(a, gt, hi, wanted, right, rhi, depth);
      hi = lt;
      rhi = left;
    }
  }
}
