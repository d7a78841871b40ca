/**
 * Goods and bads per distinct value of a numeric column, counted in one pass through an open-addressing hash
 * table over the raw float bits (no sort, no copy of the column): the exact counts the checks fall back on
 * where the column scan's bounds leave them undecided (the most frequent value's count) and what the exact
 * single-column AUC of the leakage check needs (then only the distinct values are sorted, not every row).
 * Without outcomes every row counts as a good.
 */
export interface ValueTally {
  filled: number;
  distinct: number;
  /** Rows holding the most frequent value. */
  topCount: number;
  missingGoods: number;
  missingBads: number;
  /** The distinct values (−0 counted as +0), in table order, and their goods and bads. */
  keys: Float64Array;
  goods: Int32Array;
  bads: Int32Array;
  /** The index of a distinct value in `keys` (−1 when absent). */
  indexOf(v: number): number;
}

export function tallyValues(values: Float64Array, y?: Uint8Array): ValueTally {
  const n = values.length;
  let size = 16;
  while (size < n * 2) size <<= 1;
  const mask = size - 1;
  const slotKeys = new Float64Array(size);
  // Slot → 1 + index of its distinct value (0 = empty).
  const slotOf = new Int32Array(size);
  let cap = 64;
  let keys = new Float64Array(cap);
  let goods = new Int32Array(cap);
  let bads = new Int32Array(cap);
  const words = new Uint32Array(values.buffer, values.byteOffset, n * 2);
  let distinct = 0;
  let zero = -1;
  let filled = 0;
  let missingGoods = 0;
  let missingBads = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    const bad = y !== undefined && y[i] === 1;
    if (v !== v) {
      if (bad) missingBads++;
      else missingGoods++;
      continue;
    }
    filled++;
    let k: number;
    if (v === 0) {
      // +0 and −0 are equal but differ in bits: one entry, outside the table.
      if (zero < 0) zero = distinct++;
      k = zero;
    } else {
      let h = Math.imul(words[2 * i]! ^ Math.imul(words[2 * i + 1]!, 0x9e3779b1), 0x85ebca6b);
      h = (h ^ (h >>> 15)) & mask;
      let s = slotOf[h]!;
      while (s !== 0 && slotKeys[h] !== v) {
        h = (h + 1) & mask;
        s = slotOf[h]!;
      }
      if (s === 0) {
        k = distinct++;
        slotOf[h] = k + 1;
        slotKeys[h] = v;
      } else k = s - 1;
    }
    if (k === cap) {
      cap *= 2;
      const nk = new Float64Array(cap);
      nk.set(keys);
      keys = nk;
      const ng = new Int32Array(cap);
      ng.set(goods);
      goods = ng;
      const nb = new Int32Array(cap);
      nb.set(bads);
      bads = nb;
    }
    if (goods[k] === 0 && bads[k] === 0) keys[k] = v === 0 ? 0 : v;
    if (bad) bads[k]!++;
    else goods[k]!++;
  }
  let topCount = 0;
  for (let k = 0; k < distinct; k++) {
    const c = goods[k]! + bads[k]!;
    if (c > topCount) topCount = c;
  }
  return {
    filled,
    distinct,
    topCount,
    missingGoods,
    missingBads,
    keys: keys.subarray(0, distinct),
    goods: goods.subarray(0, distinct),
    bads: bads.subarray(0, distinct),
    indexOf(v: number): number {
      if (v === 0) return zero;
      scratch[0] = v;
      let h = Math.imul(scratchWords[0]! ^ Math.imul(scratchWords[1]!, 0x9e3779b1), 0x85ebca6b);
      h = (h ^ (h >>> 15)) & mask;
      for (let s = slotOf[h]!; s !== 0; h = (h + 1) & mask, s = slotOf[h]!)
        if (slotKeys[h] === v) return s - 1;
      return -1;
    },
  };
}

const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);

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
  // The distinct values in ascending order (a native sort of the keys alone), each found again in the table.
  const sorted = t.keys.slice().sort();
  let pairs = 0.5 * t.missingBads * t.missingGoods;
  let below = t.missingGoods;
  for (let j = 0; j < sorted.length; j++) {
    const k = t.indexOf(sorted[j]!);
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
  return aucBoundsOfBuckets(g, b, t.missingGoods, t.missingBads, goods, bads);
}

/**
 * AUC bounds from goods `g` and bads `b` per ascending bucket (missing values below every bucket; `goods` and
 * `bads` the totals): the pairs between buckets exactly, the pairs inside a bucket between none and all.
 */
export function aucBoundsOfBuckets(
  g: Float64Array,
  b: Float64Array,
  missingGoods: number,
  missingBads: number,
  goods: number,
  bads: number,
): [number, number] {
  let pairs = 0.5 * missingBads * missingGoods;
  let inside = 0;
  let below = missingGoods;
  for (let j = 0; j < g.length; j++) {
    pairs += b[j]! * below;
    inside += b[j]! * g[j]!;
    below += g[j]!;
  }
  return [pairs / (goods * bads), (pairs + inside) / (goods * bads)];
}
