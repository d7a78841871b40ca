import { checkKernels } from '../check-kernels';
import type { CategoricalColumn, Column } from '../table';
import { aucBoundsOfBuckets, tallyValues } from './value-tally';

/**
 * What the dataset checks need from a numeric column, from one pass over it without hashing, sorting or copying:
 * filled rows and the missing rows' outcomes, range and order, integrality, each outcome's range (the perfect
 * separation check) and a Boyer–Moore majority vote, which bounds the most frequent value's count. The exact
 * distinct values are tallied (`tallyValues`) only where these bounds leave a check undecided.
 */
export interface NumericScan {
  kind: 'numeric';
  filled: number;
  filledBads: number;
  missingGoods: number;
  missingBads: number;
  min: number;
  max: number;
  integers: boolean;
  /** Filled values strictly increasing or strictly decreasing in file order, with no missing value. */
  monotone: boolean;
  minGood: number;
  maxGood: number;
  minBad: number;
  maxBad: number;
  /**
   * The majority vote's candidate and its lead: every (filled − lead) other vote cancels one vote of a different
   * value, so no value fills more than (filled + lead) / 2 rows, and only the candidate can fill more than half.
   */
  candidate: number;
  lead: number;
}

/** Goods and bads per category of a text column (index code + 1; 0 = missing), from one pass. */
export interface CategoricalScan {
  kind: 'categorical';
  goods: Float64Array;
  bads: Float64Array;
}

export type ColumnScan = NumericScan | CategoricalScan;

/** Rows per call of `scanBlock`. */
const BLOCK = 4096;

/**
 * The scan of a numeric column (without outcomes every row counts as a good), in blocks of rows whose running
 * state lives in one small array. A run meets this loop cold: the first block runs through every path in the
 * interpreter, so V8 then optimises the whole function with complete type feedback, where one long loop is
 * replaced on the stack and deoptimised again at the first statement it had never seen run.
 */
export function scanValues(values: Float64Array, y?: Uint8Array): NumericScan {
  // filled, filledBads, missingGoods, missingBads, integers, up, down, prev, minGood, maxGood, minBad, maxBad,
  // candidate, lead
  const st = Float64Array.of(0, 0, 0, 0, 1, 1, 1, NaN, Infinity, -Infinity, Infinity, -Infinity, NaN, 0);
  const kernels = checkKernels();
  if (kernels) kernels.scanValues(values, y, st);
  else
    for (let from = 0; from < values.length; from += BLOCK)
      scanBlock(values, y, from, Math.min(values.length, from + BLOCK), st);
  const filled = st[0]!;
  return {
    kind: 'numeric',
    filled,
    filledBads: st[1]!,
    missingGoods: st[2]!,
    missingBads: st[3]!,
    min: Math.min(st[8]!, st[10]!),
    max: Math.max(st[9]!, st[11]!),
    integers: st[4] === 1,
    monotone: filled > 1 && (st[5] === 1 || st[6] === 1),
    minGood: st[8]!,
    maxGood: st[9]!,
    minBad: st[10]!,
    maxBad: st[11]!,
    candidate: st[12]!,
    lead: st[13]!,
  };
}

function scanBlock(
  values: Float64Array,
  y: Uint8Array | undefined,
  from: number,
  to: number,
  st: Float64Array,
): void {
  let filled = st[0]!;
  let filledBads = st[1]!;
  let missingGoods = st[2]!;
  let missingBads = st[3]!;
  let integers = st[4] === 1;
  let up = st[5] === 1;
  let down = st[6] === 1;
  let prev = st[7]!;
  let minGood = st[8]!;
  let maxGood = st[9]!;
  let minBad = st[10]!;
  let maxBad = st[11]!;
  let candidate = st[12]!;
  let lead = st[13]!;
  for (let i = from; i < to; i++) {
    const v = values[i]!;
    const bad = y !== undefined && y[i] === 1;
    if (v !== v) {
      up = down = false;
      if (bad) missingBads++;
      else missingGoods++;
      continue;
    }
    if (integers && !Number.isInteger(v)) integers = false;
    if (filled > 0) {
      if (!(v > prev)) up = false;
      if (!(v < prev)) down = false;
    }
    prev = v;
    filled++;
    if (bad) {
      filledBads++;
      if (v > maxBad) maxBad = v;
      if (v < minBad) minBad = v;
    } else {
      if (v > maxGood) maxGood = v;
      if (v < minGood) minGood = v;
    }
    if (lead === 0) {
      candidate = v;
      lead = 1;
    } else if (v === candidate) lead++;
    else lead--;
  }
  st[0] = filled;
  st[1] = filledBads;
  st[2] = missingGoods;
  st[3] = missingBads;
  st[4] = integers ? 1 : 0;
  st[5] = up ? 1 : 0;
  st[6] = down ? 1 : 0;
  st[7] = prev;
  st[8] = minGood;
  st[9] = maxGood;
  st[10] = minBad;
  st[11] = maxBad;
  st[12] = candidate;
  st[13] = lead;
}

/** The scan of any column: numbers as `scanValues`, text as `scanCategories`. */
export function scanColumn(c: Column, y?: Uint8Array): ColumnScan {
  return c.type === 'categorical' ? scanCategories(c, y) : scanValues(c.values, y);
}

/** Goods and bads per category of a text column, missing included (without outcomes every row is a good). */
export function scanCategories(c: CategoricalColumn, y?: Uint8Array): CategoricalScan {
  const goods = new Float64Array(c.levels.length + 1);
  const bads = new Float64Array(c.levels.length + 1);
  const codes = c.codes;
  const kernels = checkKernels();
  if (kernels) {
    kernels.scanCategories(codes, y, goods, bads);
    return { kind: 'categorical', goods, bads };
  }
  for (let i = 0; i < codes.length; i++) {
    if (y !== undefined && y[i] === 1) bads[codes[i]! + 1]!++;
    else goods[codes[i]! + 1]!++;
  }
  return { kind: 'categorical', goods, bads };
}

/** Filled rows, distinct values and the most frequent value's rows of a text column. */
export function categoryCounts(s: CategoricalScan): { filled: number; distinct: number; topCount: number } {
  let filled = 0;
  let distinct = 0;
  let topCount = 0;
  for (let k = 1; k < s.goods.length; k++) {
    const m = s.goods[k]! + s.bads[k]!;
    filled += m;
    if (m > 0) distinct++;
    if (m > topCount) topCount = m;
  }
  return { filled, distinct, topCount };
}

/** Whether every filled value of a scanned numeric column is the same one (±0 one value): min equals max. */
export function isConstant(s: NumericScan): boolean {
  return s.filled > 0 && s.min === s.max;
}

/**
 * The most frequent value's rows, or −1 when the majority vote proves its share of the filled rows below `share`
 * (then no check needs it): the candidate's rows when they are more than half, else the exact tally's.
 */
export function topCountAtLeast(values: Float64Array, s: NumericScan, share: number): number {
  if ((s.filled + s.lead) / 2 / s.filled < share) return -1;
  const c = s.candidate;
  const kernels = checkKernels();
  if (kernels) {
    const count = kernels.countEqual(values, c);
    return count * 2 > s.filled ? count : kernels.topCount(values);
  }
  let count = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === c) count++;
  return count * 2 > s.filled ? count : tallyValues(values).topCount;
}

/** Whether every filled value differs from the others (±0 one value): decided by the range, the vote, or a sort. */
export function allDistinct(values: Float64Array, s: NumericScan): boolean {
  if (s.monotone) return true;
  if (s.lead >= 2) return false;
  if (s.integers && s.max - s.min + 1 < s.filled) return false;
  const kernels = checkKernels();
  if (kernels) return !kernels.anyRepeat(values);
  // Most columns repeat a value within their first rows.
  const seen = new Set<number>();
  const early = Math.min(values.length, 1024);
  for (let i = 0; i < early; i++) {
    const v = values[i]!;
    if (v !== v) continue;
    if (seen.has(v)) return false;
    seen.add(v);
  }
  const sorted = values.slice().sort(); // NaN sorts last, −0 before +0 (equal under ===)
  for (let i = 1; i < s.filled; i++) if (sorted[i] === sorted[i - 1]) return false;
  return true;
}

/** The perfect-separation test of `separatesPerfectly` from a scan of the column with its `rows` outcomes. */
export function scanSeparates(s: ColumnScan, rows: number): boolean {
  if (s.kind === 'categorical') {
    let used = 0;
    for (let k = 0; k < s.goods.length; k++) {
      if (s.goods[k]! > 0 && s.bads[k]! > 0) return false;
      if (s.goods[k]! + s.bads[k]! > 0) used++;
    }
    return used * 20 <= rows;
  }
  if (s.missingGoods > 0 && s.missingBads > 0) return false;
  return s.maxGood < s.minBad || s.maxBad < s.minGood;
}

/**
 * Bounds on the column's AUC (`tallyAucBounds` of its tally) from the rows themselves: each row counted into the
 * same equal-width bucket its distinct value falls in, so the same buckets, counts and bounds, without a tally.
 * [0, 1] (nothing proven) when the range has no finite bucket width.
 */
export function scanAucBounds(
  values: Float64Array,
  y: Uint8Array,
  s: NumericScan,
  buckets = 1024,
): [number, number] {
  const goods = s.filled - s.filledBads + s.missingGoods;
  const bads = s.filledBads + s.missingBads;
  if (goods === 0 || bads === 0) return [0.5, 0.5];
  const min = s.min;
  const scale = buckets / (s.max - min);
  if (!Number.isFinite(scale)) return [0, 1];
  const kernels = checkKernels();
  if (kernels) {
    const out = new Float64Array(2);
    kernels.aucBounds(values, y, min, scale, buckets, s.missingGoods, s.missingBads, goods, bads, out);
    return [out[0]!, out[1]!];
  }
  const g = new Float64Array(buckets);
  const b = new Float64Array(buckets);
  const top = buckets - 1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== v) continue;
    const at = ((v - min) * scale) | 0;
    const j = at > top ? top : at;
    if (y[i] === 1) b[j]!++;
    else g[j]!++;
  }
  return aucBoundsOfBuckets(g, b, s.missingGoods, s.missingBads, goods, bads);
}
