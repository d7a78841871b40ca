// CUDA twin of the CPU dense op (forward writes out, backward accumulates into din).
#pragma once
#include "../ops/op.h"

namespace studio::cuda {

void dense_fwd(OpCtx& c);
void dense_bwd(OpCtx& c);

}  // namespace studio::cuda
