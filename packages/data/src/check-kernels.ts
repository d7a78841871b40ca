/**
 * Native twins of the dataset checks' column passes (checks/column-scan.ts, checks/value-tally.ts) and of
 * `takeRows`' gather, registered by a package that has the engine (`@studio/pipeline` registers
 * `@studio/engine`'s): this package does not depend on the engine. Each gives exactly what its TypeScript loop
 * gives (checks/column-kernels.test.ts and packages/engine/src/checks.test.ts prove it); without them the
 * TypeScript loops run. They matter where a run meets these loops once, cold: native code needs no warm-up.
 */
export interface CheckKernels {
  /** `scanBlock` over the whole column: `state` (14 doubles, the order of column-scan.ts) updated in place. */
  scanValues(values: Float64Array, y: Uint8Array | undefined, state: Float64Array): void;
  /** `scanCategories`' counts: goods/bads[code + 1] += 1 per row (without outcomes every row a good). */
  scanCategories(codes: Int32Array, y: Uint8Array | undefined, goods: Float64Array, bads: Float64Array): void;
  /**
   * `scanAucBounds` after its early returns: the rows counted into `buckets` buckets of width 1/scale from
   * `min`, then `aucBoundsOfBuckets`; out = [lower, upper].
   */
  aucBounds(
    values: Float64Array,
    y: Uint8Array,
    min: number,
    scale: number,
    buckets: number,
    missingGoods: number,
    missingBads: number,
    goods: number,
    bads: number,
    out: Float64Array,
  ): void;
  /** `tallyAuc(tallyValues(values, y))`. */
  tallyAuc(values: Float64Array, y: Uint8Array): number;
  /** `tallyValues(values).topCount`. */
  topCount(values: Float64Array): number;
  /** Whether a filled value occurs twice (±0 one value). */
  anyRepeat(values: Float64Array): boolean;
  /** Rows whose value === c. */
  countEqual(values: Float64Array, c: number): number;
  /**
   * `shuffleInPlace(order, mulberry32(seed))` continued from the stream state `state[0]` (prng.ts's `a`, starting
   * at seed | 0), which it advances past its draws.
   */
  shuffleMulberry32(order: Int32Array, state: Int32Array): void;
  /**
   * `binaryTarget`'s pass over a numeric target: its first `first.length` distinct filled values in order of
   * appearance (±0 one value, written +0) into `first`; out = [how many, NaN rows].
   */
  firstDistinct(values: Float64Array, first: Float64Array, out: Float64Array): void;
  /** y[i] = values[i] === bad ? 1 : 0. */
  equalMask(values: Float64Array, bad: number, y: Uint8Array): void;
  /** out = [rows whose outcome is 0, rows whose outcome is 1]. */
  classCounts(y: Uint8Array, out: Float64Array): void;
  /**
   * `stratifiedSplit`'s sides after its checks: each class's rows (0 then 1) shuffled by one mulberry32(seed)
   * stream, the first k0 (k1) to the test side; `test` (k0 + k1 rows) and `train` (the others) filled ascending.
   */
  stratifiedSides(
    y: Uint8Array,
    k0: number,
    k1: number,
    seed: number,
    train: Int32Array,
    test: Int32Array,
  ): void;
  /**
   * Every column gathered at `index` into one new buffer (memory the engine allocates in huge pages where it
   * can): column k starts at the sum of the spans of the columns before it, a span being n × 8 (Float64Array)
   * or n × 4 (Int32Array) bytes rounded up to a multiple of 64. Every index must lie inside every column.
   */
  gatherColumns(columns: (Float64Array | Int32Array)[], index: Int32Array): ArrayBuffer;
  /** out[i] = from[index[i]]; every index must lie inside `from` (else it throws). */
  gatherRows<T extends Float64Array | Int32Array | Uint8Array>(from: T, index: Int32Array, out: T): void;
}

let registered: CheckKernels | null = null;

/** Registers native column kernels for this process (null goes back to the TypeScript loops). */
export function useCheckKernels(kernels: CheckKernels | null): void {
  registered = kernels;
}

/** The registered kernels, if any. */
export function checkKernels(): CheckKernels | null {
  return registered;
}
