/**
 * Goods and bads per distinct value of a numeric column: what the column checks need (filled rows, distinct
 * values, the most frequent value's count, order and integrality) and what the single-column AUC of the
 * leakage check needs. One pass finds the range, order and missing counts of an integer column; integers in a
 * range no wider than a few times the row count (codes, ages, months, counts) are then counted straight into
 * arrays indexed by value (no hashing; keys come out ascending, so the AUC needs no sort). Decimals and wide
 * integers (amounts) go to the hash tally of value-tally-hash.ts. Without outcomes every row counts as a good.
 */
export interface ValueTally {
  filled: number;
  distinct: number;
  /** Rows holding the most frequent value. */
  topCount: number;
  integers: boolean;
  /** Filled values strictly increasing or strictly decreasing in file order, with no missing value. */
  monotone: boolean;
  missingGoods: number;
  missingBads: number;
  /** True when `keys` are in ascending order (else in first-seen order). */
  ascending: boolean;
  /** The distinct values (−0 counted as +0) and their goods and bads. */
  keys: Float64Array;
  goods: Int32Array;
  bads: Int32Array;
  /** The index of a distinct value in `keys` (−1 when absent). */
  indexOf(v: number): number;
}

/** Integer columns whose range is below this many times their rows (or this floor) are counted by value. */
const RANGE_PER_ROW = 4;
const RANGE_FLOOR = 4096;

import { tallyValues as hashTally } from './value-tally-hash';

export function tallyValues(values: Float64Array, y?: Uint8Array): ValueTally {
  const n = values.length;
  const limit = Math.max(RANGE_FLOOR, RANGE_PER_ROW * n);
  let filled = 0;
  let missingGoods = 0;
  let missingBads = 0;
  const integers = true;
  let up = true;
  let down = true;
  let prev = NaN;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    const bad = y !== undefined && y[i] === 1;
    if (v !== v) {
      up = down = false;
      if (bad) missingBads++;
      else missingGoods++;
      continue;
    }
    // Decimals: the hash tally (its keys in first-seen order).
    if (!Number.isInteger(v)) return hashTally(values, y);
    if (filled > 0) {
      if (!(v > prev)) up = false;
      if (!(v < prev)) down = false;
    }
    if (v < min) min = v;
    if (v > max) max = v;
    // Wide integers (amounts): the hash tally, as soon as the range shows it.
    if (max - min >= limit) return hashTally(values, y);
    prev = v;
    filled++;
  }
  const { keys, goods, bads } =
    filled > 0 ? countByValue(values, y, min, max - min + 1) : { keys: EMPTY, goods: NONE, bads: NONE };
  const distinct = keys.length;
  let topCount = 0;
  for (let k = 0; k < distinct; k++) {
    const c = goods[k]! + bads[k]!;
    if (c > topCount) topCount = c;
  }
  return {
    filled,
    distinct,
    topCount,
    integers,
    monotone: filled > 1 && (up || down),
    missingGoods,
    missingBads,
    ascending: true,
    keys,
    goods,
    bads,
    indexOf(v: number): number {
      let lo = 0;
      let hi = distinct - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const k = keys[mid]!;
        if (k === v) return mid;
        if (k < v) lo = mid + 1;
        else hi = mid - 1;
      }
      return -1;
    },
  };
}

const EMPTY = new Float64Array(0);
const NONE = new Int32Array(0);

interface Counted {
  keys: Float64Array;
  goods: Int32Array;
  bads: Int32Array;
}

/** Integers in [min, min + range): counts per value in arrays indexed by value − min, then compacted. */
function countByValue(values: Float64Array, y: Uint8Array | undefined, min: number, range: number): Counted {
  const g = new Int32Array(range);
  const b = y === undefined ? undefined : new Int32Array(range);
  const n = values.length;
  if (b === undefined) {
    for (let i = 0; i < n; i++) {
      const v = values[i]!;
      if (v === v) g[v - min]!++;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const v = values[i]!;
      if (v !== v) continue;
      if (y![i] === 1) b[v - min]!++;
      else g[v - min]!++;
    }
  }
  let distinct = 0;
  for (let j = 0; j < range; j++) if (g[j]! + (b === undefined ? 0 : b[j]!) > 0) distinct++;
  const keys = new Float64Array(distinct);
  const goods = new Int32Array(distinct);
  const bads = new Int32Array(distinct);
  let k = 0;
  for (let j = 0; j < range; j++) {
    const gj = g[j]!;
    const bj = b === undefined ? 0 : b[j]!;
    if (gj + bj === 0) continue;
    // min + j is +0 for the zero value, whether min is −0 or negative.
    keys[k] = min + j;
    goods[k] = gj;
    bads[k] = bj;
    k++;
  }
  return { keys, goods, bads };
}

/**
 * AUC of the values as scores from a tally (missing values rank below every number, ties count one half):
 * the same pair counts as comparing every bad with every good, summed per distinct value in ascending order.
 */
export function tallyAuc(t: ValueTally): number {
  let ng = 0;
  let nb = 0;
  for (let k = 0; k < t.distinct; k++) {
    ng += t.goods[k]!;
    nb += t.bads[k]!;
  }
  const goods = ng + t.missingGoods;
  const bads = nb + t.missingBads;
  if (goods === 0 || bads === 0) return 0.5;
  // The distinct values in ascending order: as they are, or a native sort of the keys alone, each found again.
  const sorted = t.ascending ? undefined : t.keys.slice().sort();
  let pairs = 0.5 * t.missingBads * t.missingGoods;
  let below = t.missingGoods;
  for (let j = 0; j < t.distinct; j++) {
    const k = sorted === undefined ? j : t.indexOf(sorted[j]!);
    const b = t.bads[k]!;
    const g = t.goods[k]!;
    pairs += b * below + 0.5 * b * g;
    below += g;
  }
  return pairs / (goods * bads);
}

/**
 * Bounds on `tallyAuc` without sorting: the distinct values counted into `buckets` equal-width buckets give
 * the pairs between buckets exactly (and the gaps' pairs), while the pairs inside a bucket lie between none
 * and all of them. Returns [lower, upper] with lower ≤ tallyAuc(t) ≤ upper.
 */
export function tallyAucBounds(t: ValueTally, buckets = 1024): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  let ng = 0;
  let nb = 0;
  for (let k = 0; k < t.distinct; k++) {
    const v = t.keys[k]!;
    if (v < min) min = v;
    if (v > max) max = v;
    ng += t.goods[k]!;
    nb += t.bads[k]!;
  }
  const goods = ng + t.missingGoods;
  const bads = nb + t.missingBads;
  if (goods === 0 || bads === 0) return [0.5, 0.5];
  const scale = buckets / (max - min);
  if (!Number.isFinite(scale)) {
    const auc = tallyAuc(t);
    return [auc, auc];
  }
  const g = new Float64Array(buckets);
  const b = new Float64Array(buckets);
  const top = buckets - 1;
  for (let k = 0; k < t.distinct; k++) {
    const at = ((t.keys[k]! - min) * scale) | 0;
    const j = at > top ? top : at;
    g[j]! += t.goods[k]!;
    b[j]! += t.bads[k]!;
  }
  let pairs = 0.5 * t.missingBads * t.missingGoods;
  let inside = 0;
  let below = t.missingGoods;
  for (let j = 0; j < buckets; j++) {
    pairs += b[j]! * below;
    inside += b[j]! * g[j]!;
    below += g[j]!;
  }
  return [pairs / (goods * bads), (pairs + inside) / (goods * bads)];
}
