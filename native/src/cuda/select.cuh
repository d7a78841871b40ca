// CUDA twin of the CPU select op (forward writes out, backward accumulates into din).
#pragma once
#include "../ops/op.h"

namespace studio::cuda {

void select_fwd(OpCtx& c);
void select_bwd(OpCtx& c);

}  // namespace studio::cuda
