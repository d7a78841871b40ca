/**
 * Native twins of WOE binning's passes over a numeric column, registered by a package that has the engine
 * (`@studio/pipeline` registers `@studio/engine`'s): this package does not depend on the engine. They give
 * the same cuts, counts and WOE values as the TypeScript passes (the engine's tests prove it); without them the
 * TypeScript passes run.
 */
export interface WoeKernels {
  /**
   * Fine bins of one column: the fine quantile cuts of its regular values (not NaN, not in `special`) and the
   * goods and bads per range bin (cuts.length + 1), then per special code, then for the gaps; `regular` rows.
   */
  fineBins(
    values: Float64Array,
    y: Uint8Array,
    special: Float64Array,
    fineBins: number,
  ): { cuts: Float64Array; goods: Float64Array; bads: Float64Array; regular: number };
  /** `woeByRange` of numeric-bins.ts. */
  woeByRange(values: Float64Array, cuts: Float64Array, woe: Float64Array, out: Float64Array): void;
}

let registered: WoeKernels | null = null;

/** Registers native WOE kernels for this process (null goes back to the TypeScript passes). */
export function useWoeKernels(kernels: WoeKernels | null): void {
  registered = kernels;
}

/** The registered kernels, if any. */
export function woeKernels(): WoeKernels | null {
  return registered;
}
