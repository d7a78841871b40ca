/**
 * The native twin of `packFeatures`' fused loops (`@studio/engine`'s `packColumns`, registered by
 * ./native-kernels.ts): the same float32 matrix, bit for bit (pack-features.test.ts runs both and compares
 * them); without it the TypeScript loops run.
 */

/** One feature: numbers through fillA (a NaN takes it), (v − mean) / scale and fillB; or a value per code. */
export type PackSource =
  | { values: Float64Array; fillA: number; mean: number; scale: number; fillB: number }
  | { codes: Int32Array; byCode: Float64Array };

/** The native pack: the fused loops, and the matrix they write into. */
export interface PackKernel {
  /** Writes rows × columns.length float32 values into X, row-major, in blocks; true when a NaN is left. */
  pack(X: Float32Array, rows: number, columns: readonly PackSource[], blockRows: number): boolean;
  /** A zero-filled Float32Array of `length` values (on memory that is cheaper to fault in). */
  matrix(length: number): Float32Array;
}

let registered: PackKernel | null = null;

/** Registers the native pack for this process (null goes back to the TypeScript loops). */
export function usePackKernel(kernel: PackKernel | null): void {
  registered = kernel;
}

/** The registered pack, if any. */
export function packKernel(): PackKernel | null {
  return registered;
}
