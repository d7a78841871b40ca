/**
 * Native twins of the dataset checks' column passes (checks/column-scan.ts, checks/value-tally.ts) and of
 * `takeRows`' gather, registered by a package that has the engine (`@studio/pipeline` registers
 * `@studio/engine`'s): this package does not depend on the engine. Each gives exactly what its TypeScript loop
 * gives (checks/column-kernels.test.ts and packages/engine/src/checks.test.ts prove it); without them the
 * TypeScript loops run. They matter where a run meets these loops once, cold: native code needs no warm-up.
 */
export interface ColumnKernels {
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
  /** out[i] = from[index[i]]; every index must lie inside `from` (else it throws). */
  gatherRows<T extends Float64Array | Int32Array | Uint8Array>(from: T, index: Int32Array, out: T): void;
}

let registered: ColumnKernels | null = null;

/** Registers native column kernels for this process (null goes back to the TypeScript loops). */
export function useColumnKernels(kernels: ColumnKernels | null): void {
  registered = kernels;
}

/** The registered kernels, if any. */
export function columnKernels(): ColumnKernels | null {
  return registered;
}
