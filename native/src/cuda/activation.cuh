// CUDA twin of the CPU activation op (forward writes out, backward accumulates into din).
#pragma once
#include "../ops/op.h"

namespace studio::cuda {

void activation_fwd(OpCtx& c);
void activation_bwd(OpCtx& c);

}  // namespace studio::cuda
