/**
 * Quantiles with linear interpolation between order statistics (numpy's default, pandas' `describe`):
 * q(p) = x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]), h = (n − 1)p. Uses nested quickselect on `values`, which it
 * reorders, so a few quantiles cost O(n) rather than a full sort; x[⌊h⌋+1] is then a minimum over the segment
 * up to the next selected rank. `values` must hold no NaN.
 */
export function quantilesInPlace(values: Float64Array, ps: readonly number[]): number[] {
  const n = values.length;
  if (n === 0) return ps.map(() => NaN);
  const ranks = [...new Set(ps.map((p) => Math.floor((n - 1) * p)))].sort((a, b) => a - b);
  selectRanks(values, ranks, 0, n - 1);
  return ps.map((p) => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    const a = values[lo]!;
    if (h === lo) return a;
    // The next order statistic is the smallest value between lo and the next selected rank.
    const stop = ranks.find((r) => r > lo) ?? n - 1;
    let next = Infinity;
    for (let i = lo + 1; i <= stop; i++) if (values[i]! < next) next = values[i]!;
    return a + (h - lo) * (next - a);
  });
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
