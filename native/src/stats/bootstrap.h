// Stratified bootstrap of AUC and KS over tie groups of scores (the validation pack's intervals,
// packages/scoring/src/validation/bootstrap.ts): the same mulberry32 stream and the same sums in the same
// order as the TypeScript reference, so the resampled statistics are bit-identical to it.
#pragma once
#include <cstdint>

namespace studio {

class ThreadPool;

/**
 * Resample r draws nb indices into `bad_group` then ng into `good_group` from the mulberry32 stream
 * seeded with `seed`, continued across resamples (resample r starts at draw r·(nb+ng); mulberry32's
 * state advances by a constant, so each resample's start is computed directly and resamples run in
 * parallel). Each draw counts one row in its tie group (group ids < groups, ascending score); the
 * weighted AUC and KS of the counts go to auc[r] and ks[r] for r < resamples.
 */
void bootstrap_auc_ks(const uint32_t* bad_group, int64_t nb, const uint32_t* good_group, int64_t ng,
                      int64_t groups, int32_t seed, int64_t resamples, double* auc, double* ks,
                      ThreadPool* pool);

}  // namespace studio
