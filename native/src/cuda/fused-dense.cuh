// CUDA twin of the CPU fused_dense op (forward writes out, backward accumulates into din).
#pragma once
#include "../ops/op.h"

namespace studio::cuda {

void fused_dense_fwd(OpCtx& c);
void fused_dense_bwd(OpCtx& c);

}  // namespace studio::cuda
