// CUDA twin of the CPU dropout op (forward writes out, backward accumulates into din).
#pragma once
#include "../ops/op.h"

namespace studio::cuda {

void dropout_fwd(OpCtx& c);
void dropout_bwd(OpCtx& c);

}  // namespace studio::cuda
