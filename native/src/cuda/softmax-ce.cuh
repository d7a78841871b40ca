// CUDA twin of the CPU softmax_ce op (forward writes out, backward accumulates into din).
#pragma once
#include "../ops/op.h"

namespace studio::cuda {

void softmax_ce_fwd(OpCtx& c);
void softmax_ce_bwd(OpCtx& c);

}  // namespace studio::cuda
