// CUDA twin of the CPU penalty op (forward writes out, backward accumulates into din).
#pragma once
#include "../ops/op.h"

namespace studio::cuda {

void penalty_fwd(OpCtx& c);
void penalty_bwd(OpCtx& c);

}  // namespace studio::cuda
