/** Statistics kernels of the validation pack, run natively on the engine's thread pool. */
import { native } from './binding';

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
