const BUCKETS = 4096;
const SMALL = 65_536;

/** Smallest and largest value, when the caller already knows them (saves a pass over large inputs). */
export interface ValueRange {
  min: number;
  max: number;
}

/**
 * Quantiles with linear interpolation between order statistics (numpy's default, pandas' `describe`):
 * q(p) = x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]), h = (n − 1)p. Exact, without a full sort (see
 * `orderStatistics`); `values` (no NaN) is left untouched. With `map` (monotone non-decreasing), the quantiles
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
  const at = orderStatistics(values, ranks, range, scratch);
  if (map) for (const [r, v] of at) at.set(r, map(v));
  return ps.map((p) => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    const a = at.get(lo)!;
    return h === lo ? a : a + (h - lo) * (at.get(lo + 1)! - a);
  });
}

/**
 * The values at the given 0-based ranks of `values` in ascending order (no NaN; `values` is left untouched),
 * without a full sort: small inputs are copied and quickselected; large ones are counted into equal-width
 * buckets and only the buckets holding the wanted ranks are gathered and quickselected.
 */
export function orderStatistics(
  values: Float64Array,
  ranks: readonly number[],
  range?: ValueRange,
  scratch?: () => Float64Array,
): Map<number, number> {
  return values.length < SMALL
    ? orderStatsBySelection(copyOf(values, scratch), ranks)
    : orderStatsByBuckets(values, ranks, range ?? valueRange(values), scratch);
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

function orderStatsBySelection(scratch: Float64Array, ranks: readonly number[]): Map<number, number> {
  const sorted = [...ranks].sort((a, b) => a - b);
  selectRanks(scratch, sorted, 0, scratch.length - 1);
  return new Map(sorted.map((r) => [r, scratch[r]!]));
}

function orderStatsByBuckets(
  values: Float64Array,
  ranks: readonly number[],
  range: ValueRange,
  scratch?: () => Float64Array,
): Map<number, number> {
  const min = range.min;
  const scale = BUCKETS / (range.max - min);
  if (!Number.isFinite(scale)) return orderStatsBySelection(copyOf(values, scratch), ranks);
  const top = BUCKETS - 1;
  const counts = new Int32Array(BUCKETS);
  for (let i = 0; i < values.length; i++) {
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
  // Smallest and largest value gathered per wanted bucket: a bucket of one distinct value (discrete and
  // indicator columns put half the rows in one) answers its ranks without a selection.
  const lo = new Float64Array(wanted.length).fill(Infinity);
  const hi = new Float64Array(wanted.length).fill(-Infinity);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const b = ((v - min) * scale) | 0;
    const k = slot[b > top ? top : b]!;
    if (k >= 0) {
      gathered[fill[k]!++] = v;
      if (v < lo[k]!) lo[k] = v;
      if (v > hi[k]!) hi[k] = v;
    }
  }
  const out = new Map<number, number>();
  wanted.forEach((b, k) => {
    const inBucket = ranks.filter((r) => bucketOfRank(r) === b).sort((x, y) => x - y);
    if (lo[k] === hi[k]) {
      for (const r of inBucket) out.set(r, lo[k]!);
      return;
    }
    const offset = start[k]! - before[b]!;
    const local = inBucket.map((r) => r + offset);
    selectRanks(gathered, local, start[k]!, start[k]! + counts[b]! - 1);
    inBucket.forEach((r, j) => out.set(r, gathered[local[j]!]!));
  });
  return out;
}

function selectRanks(a: Float64Array, ranks: number[], left: number, right: number): void {
  if (ranks.length === 0 || left >= right) return;
  const mid = ranks[ranks.length >> 1]!;
  select(a, mid, left, right);
  selectRanks(
    a,
    ranks.filter((r) => r < mid),
    left,
    mid - 1,
  );
  selectRanks(
    a,
    ranks.filter((r) => r > mid),
    mid + 1,
    right,
  );
}

/** Reorders a[left..right] so a[k] is the value it would have sorted, smaller left, larger right. */
function select(a: Float64Array, k: number, left: number, right: number): void {
  while (right > left) {
    const m = (left + right) >> 1;
    // Median of three as pivot keeps sorted and all-equal inputs linear.
    if (a[m]! < a[left]!) swap(a, m, left);
    if (a[right]! < a[left]!) swap(a, right, left);
    if (a[right]! < a[m]!) swap(a, right, m);
    const pivot = a[m]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}
