// CUDA twin of the CPU softmax op (forward writes out, backward accumulates into din).
#pragma once
#include "../ops/op.h"

namespace studio::cuda {

void softmax_fwd(OpCtx& c);
void softmax_bwd(OpCtx& c);

}  // namespace studio::cuda
