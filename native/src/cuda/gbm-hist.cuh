// The GBM histogram build on the device: the CUDA twin of gbm::build_hist_cpu (gbm/hist.h).
#pragma once
#include "../gbm/hist.h"

namespace studio::cuda {

/** Adds the rows' gradients to `a.out`; every pointer in `a` is device memory. Asynchronous on the default stream. */
void gbm_hist(const gbm::HistArgs& a);

}  // namespace studio::cuda
