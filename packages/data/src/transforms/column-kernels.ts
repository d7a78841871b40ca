/**
 * Native twins of the transforms' column passes (impute's median fill, standardisation's mean and scale),
 * registered by a package that has the engine (`@studio/pipeline` registers `@studio/engine`'s): this package
 * does not depend on the engine. They give the same doubles as the TypeScript passes, bit for bit (the
 * engine's transforms.test.ts proves it); without them the TypeScript passes run.
 */
export interface ColumnKernels {
  /**
   * The median of the non-NaN values of `values` as `quantiles(present, [0.5], undefined, { map })` gives it
   * (`map` (v − mean) / scale when given), and the count of those values (the median is NaN when none).
   */
  median(values: Float64Array, map?: { mean: number; scale: number }): { present: number; median: number };
  /** standardize.ts's `meanAndStd`: mean and population standard deviation of the non-NaN values. */
  meanStd(values: Float64Array): { mean: number; std: number };
  /** How many values are NaN. */
  countNaN(values: Float64Array): number;
  /** Rows per code into counts (levels + 1 entries): counts[code + 1], a gap first; other codes not counted. */
  codeCounts(codes: Int32Array, counts: Float64Array): void;
  /** `out` = `values` with each NaN replaced by `fill`; flag[i] = 1 at each gap (when given). */
  fillGaps(values: Float64Array, fill: number, out: Float64Array, flag: Float64Array | null): void;
  /** A zero-filled Float64Array of `length` values (on memory that is cheaper to fault in). */
  newColumn(length: number): Float64Array;
}

let registered: ColumnKernels | null = null;

/** Registers native column kernels for this process (null goes back to the TypeScript passes). */
export function useColumnKernels(kernels: ColumnKernels | null): void {
  registered = kernels;
}

/** The registered kernels, if any. */
export function columnKernels(): ColumnKernels | null {
  return registered;
}
