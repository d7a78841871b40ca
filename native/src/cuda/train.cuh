// The training-loop kernels on the device: optimizer update, mini-batch gather, sign projection, zero fill.
#pragma once
#include <cstddef>
#include <cstdint>

#include "../ops/train-kernels.h"

namespace studio::cuda {

void optim_step(const OptimStepArgs& a);
void gather_rows(const GatherArgs& a);
void project_signs(float* w, const float* sign, int64_t n);
void zero(void* ptr, size_t bytes);

}  // namespace studio::cuda
