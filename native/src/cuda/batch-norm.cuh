// CUDA twin of the CPU batch_norm op (forward writes out, backward accumulates into din).
#pragma once
#include "../ops/op.h"

namespace studio::cuda {

void batch_norm_fwd(OpCtx& c);
void batch_norm_bwd(OpCtx& c);

}  // namespace studio::cuda
