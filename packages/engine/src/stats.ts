/** Statistics kernels of the validation pack, run natively on the engine's thread pool. */
import { native } from './binding';

/**
 * Whether the loaded addon has these kernels (an addon built before them lacks them: callers then keep their
 * TypeScript paths, which give the same results; the engine's tests fail on such an addon).
 */
export const hasStatsKernels =
  typeof native.bootstrapAucKs === 'function' &&
  typeof native.woeFineBins === 'function' &&
  typeof native.woeByRange === 'function';

/**
 * The bootstrap's resampling loop (`@studio/scoring`'s `BootstrapKernel`, whose TypeScript reference is
 * `resampleAucKs`): resample r draws `badGroup.length` bads then `goodGroup.length` goods from the mulberry32
 * stream seeded with `seed` (continued across resamples), counts the draws per tie group (ids < `groups`,
 * ascending score) and writes the weighted AUC and KS to `auc[r]` and `ks[r]` (r < auc.length). The same
 * doubles as the reference, bit for bit; resamples run in parallel (each one's stream start is computed).
 */
export function bootstrapAucKs(
  badGroup: Uint32Array,
  goodGroup: Uint32Array,
  groups: number,
  seed: number,
  auc: Float64Array,
  ks: Float64Array,
): void {
  native.bootstrapAucKs(badGroup, goodGroup, groups, seed, auc, ks);
}

/**
 * WOE binning's pass over one numeric column (`@studio/data`'s `WoeKernels.fineBins`): the fine quantile cuts
 * of the regular values (not NaN, not a special code) and the goods and bads per range bin, then per special
 * code, then for the gaps. The same cuts and counts as the TypeScript pass.
 */
export function woeFineBins(
  values: Float64Array,
  y: Uint8Array,
  special: Float64Array,
  fineBins: number,
): { cuts: Float64Array; goods: Float64Array; bads: Float64Array; regular: number } {
  return native.woeFineBins(values, y, special, fineBins);
}

/** The WOE of each value of a fitted column without special codes (`@studio/data`'s `woeByRange`). */
export function woeByRange(
  values: Float64Array,
  cuts: Float64Array,
  woe: Float64Array,
  out: Float64Array,
): void {
  native.woeByRange(values, cuts, woe, out);
}
