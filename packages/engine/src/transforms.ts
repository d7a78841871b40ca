/**
 * The column passes of `@studio/data`'s transforms (a median fill, a standardisation's mean and scale) and the
 * pipeline's fused pack into the engine's matrix, run natively (native/src/transforms/column-transforms.h):
 * the same doubles and the same float32 matrix as the TypeScript passes, bit for bit (transforms.test.ts).
 */
import type { ColumnKernels } from '@studio/data';
import { native } from './binding';

/** Whether the loaded addon has these kernels (an older build lacks them: the TypeScript passes then run). */
export const hasTransformKernels =
  typeof native.columnMedian === 'function' &&
  typeof native.columnMeanStd === 'function' &&
  typeof native.packColumns === 'function' &&
  typeof native.countNaN === 'function' &&
  typeof native.codeCounts === 'function' &&
  typeof native.fillGaps === 'function' &&
  typeof native.hugeBuffer === 'function';

/**
 * The median of the non-NaN values of `values`, as `quantiles(present, [0.5])` picks and interpolates it,
 * with `map` the order statistics mapped by (v − mean) / scale first; `present` counts the non-NaN values (the
 * median is NaN when there is none).
 */
export function columnMedian(
  values: Float64Array,
  map?: { mean: number; scale: number },
): { present: number; median: number } {
  const [present, median] = native.columnMedian(values, map !== undefined, map?.mean ?? 0, map?.scale ?? 1);
  return { present, median };
}

/** Mean and population standard deviation of the non-NaN values (standardisation's one shifted pass). */
export function columnMeanStd(values: Float64Array): { mean: number; std: number } {
  const [mean, std] = native.columnMeanStd(values);
  return { mean, std };
}

/** One feature of a fused pack: numbers through fill, (v − mean) / scale, fill; or a value per category code. */
export type PackSource =
  | { values: Float64Array; fillA: number; mean: number; scale: number; fillB: number }
  | { codes: Int32Array; byCode: Float64Array };

/**
 * Writes `rows` × `columns.length` float32 values into `X`, row-major, in blocks of `blockRows` rows: a numeric
 * feature's cell v becomes fillA where v is NaN, then (v − mean) / scale, then fillB where that is NaN (a NaN
 * fill leaves the gap); a coded feature's cell is byCode[code + 1]. True when a NaN is left in `X`.
 */
export function packColumns(
  X: Float32Array,
  rows: number,
  columns: readonly PackSource[],
  blockRows: number,
): boolean {
  const width = columns.length;
  const arrays: (Float64Array | Int32Array | undefined)[] = new Array(2 * width);
  const params = new Float64Array(4 * width);
  for (let j = 0; j < width; j++) {
    const c = columns[j]!;
    if ('codes' in c) {
      arrays[j] = c.codes;
      arrays[width + j] = c.byCode;
    } else {
      arrays[j] = c.values;
      params[4 * j] = c.fillA;
      params[4 * j + 1] = c.mean;
      params[4 * j + 2] = c.scale;
      params[4 * j + 3] = c.fillB;
    }
  }
  return native.packColumns(X, rows, arrays, params, blockRows) === 1;
}

/** How many values are NaN. */
export function countNaN(values: Float64Array): number {
  return native.countNaN(values);
}

/**
 * Rows per category code into `counts` (levels + 1 entries): counts[code + 1], a gap's code −1 first; a code
 * outside [−1, levels) is not counted.
 */
export function codeCounts(codes: Int32Array, counts: Float64Array): void {
  native.codeCounts(codes, counts);
}

/** `out` = `values` with each NaN replaced by `fill`; `flag[i]` set to 1 at each gap (when given). */
export function fillGaps(
  values: Float64Array,
  fill: number,
  out: Float64Array,
  flag: Float64Array | null,
): void {
  native.fillGaps(values, fill, out, flag);
}

/** Below this many bytes an array is an ordinary typed array (its few pages fault cheaply). */
const HUGE_PAGES_FROM = 1 << 19;

/**
 * Zero-filled memory of `bytes` for a large array (a model's input matrix, a filled column). A large one lives
 * on memory advised as transparent huge pages (native/src/transforms/matrix-memory.h): first writes into fresh
 * memory fault once per 2 MiB instead of once per 4 KiB, which on a virtual machine is most of the cost of
 * filling it. Null when small or when the mapping failed: the caller allocates as usual.
 */
function hugeBuffer(bytes: number): ArrayBuffer | null {
  return bytes >= HUGE_PAGES_FROM ? native.hugeBuffer(bytes) : null;
}

/** A zero-filled Float32Array of `length` values (see `hugeBuffer`). */
export function newMatrix(length: number): Float32Array {
  const b = hugeBuffer(length * 4);
  return b ? new Float32Array(b) : new Float32Array(length);
}

/** A zero-filled Float64Array of `length` values (see `hugeBuffer`). */
export function newColumn(length: number): Float64Array {
  const b = hugeBuffer(length * 8);
  return b ? new Float64Array(b) : new Float64Array(length);
}

/** The column kernels as `@studio/data`'s `useColumnKernels` takes them; null when the addon lacks them. */
export const columnKernels: ColumnKernels | null = hasTransformKernels
  ? { median: columnMedian, meanStd: columnMeanStd, countNaN, codeCounts, fillGaps, newColumn }
  : null;
