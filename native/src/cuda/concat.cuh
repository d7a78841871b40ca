// CUDA twin of the CPU concat op (forward writes out, backward accumulates into din).
#pragma once
#include "../ops/op.h"

namespace studio::cuda {

void concat_fwd(OpCtx& c);
void concat_bwd(OpCtx& c);

}  // namespace studio::cuda
