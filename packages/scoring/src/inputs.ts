import { UserError } from '@studio/ir';

/**
 * Checks a (label, score) pair of arrays: same length, labels 0/1, scores finite, at least one of each class
 * when `needBoth`. Metric inputs come from models, so a failure names what is wrong in words an analyst can act on.
 */
export function assertLabelsAndScores(y: ArrayLike<number>, score: ArrayLike<number>, needBoth = true): void {
  if (y.length !== score.length) {
    throw new UserError(
      'METRIC_LENGTH_MISMATCH',
      `There are ${y.length} outcomes but ${score.length} scores; score every row of the evaluation set.`,
      { labels: y.length, scores: score.length },
    );
  }
  let bad = 0;
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (v !== 0 && v !== 1) {
      throw new UserError(
        'METRIC_LABEL_NOT_BINARY',
        `Outcome at row ${i} is ${v}; outcomes must be 0 or 1.`,
        {
          row: i,
        },
      );
    }
    if (!Number.isFinite(score[i]!)) {
      throw new UserError(
        'METRIC_SCORE_NOT_FINITE',
        `Score at row ${i} is ${score[i]}; every row needs a score.`,
        {
          row: i,
        },
      );
    }
    bad += v;
  }
  if (needBoth && (bad === 0 || bad === y.length)) {
    throw new UserError(
      'METRIC_ONE_CLASS',
      'The evaluation set holds only good or only bad loans, so ranking metrics are undefined. Evaluate on a set with both.',
    );
  }
}

/**
 * Row indices ordered by score descending (ties by index, so results are deterministic). Without a comparator
 * sort: the scores are sorted natively, and row i (in index order) goes to the next free place among the rows
 * of its value, which starts after the rows of larger value; the same order as sorting the indices by
 * (−score, index), for the finite scores metrics accept.
 */
export function orderByScoreDesc(score: ArrayLike<number>): Uint32Array {
  // KS, gains and calibration of one evaluation order the same scores: the last order of this array is reused
  // when one O(n) pass proves it is still the order (see `isOrderOf`), whatever happened to either array since.
  const cached = lastOrder.get(score);
  if (cached && isOrderOf(score, cached)) return cached.slice();
  const order = sortedOrder(score);
  lastOrder.set(score, order.slice());
  return order;
}

const lastOrder = new WeakMap<ArrayLike<number>, Uint32Array>();

/**
 * True when `order` is exactly what sorting the indices by (−score, index) gives: n entries below n, each pair
 * strictly increasing in that total order (so all distinct, so a permutation, and the only sorted one).
 */
function isOrderOf(score: ArrayLike<number>, order: Uint32Array): boolean {
  const n = score.length;
  if (order.length !== n) return false;
  for (let i = 0; i < n; i++) {
    const a = order[i]!;
    if (a >= n) return false;
    if (i + 1 < n) {
      const b = order[i + 1]!;
      if (b >= n) return false;
      const sa = score[a]!;
      const sb = score[b]!;
      if (!(sa > sb || (sa === sb && a < b))) return false;
    }
  }
  return true;
}

/**
 * A native ordering of scores (`@studio/engine`'s `scoreOrderDesc`, registered by the pipeline): writes the
 * order of `sortedOrder` to `order` and returns true, or returns false (a NaN score) to leave it to TypeScript.
 */
export type ScoreOrderKernel = (score: Float64Array, order: Uint32Array) => boolean;

let orderKernel: ScoreOrderKernel | null = null;

/** Registers (or, with null, removes) the native ordering `orderByScoreDesc` uses; the same order either way. */
export function useScoreOrderKernel(kernel: ScoreOrderKernel | null): void {
  orderKernel = kernel;
}

function sortedOrder(score: ArrayLike<number>): Uint32Array {
  const n = score.length;
  if (orderKernel && n > 0) {
    const order = new Uint32Array(n);
    if (orderKernel(score instanceof Float64Array ? score : Float64Array.from(score), order)) return order;
  }
  const sorted = new Float64Array(n);
  for (let i = 0; i < n; i++) sorted[i] = score[i]!;
  sorted.sort();
  const placed = new Int32Array(n + 1);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const v = score[i]!;
    // Rows of a larger value: n − (first position whose sorted value exceeds v).
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! <= v) lo = mid + 1;
      else hi = mid;
    }
    order[n - lo + placed[lo]!++] = i;
  }
  return order;
}
