// CUDA twin of the CPU embedding op (forward writes out, backward accumulates into din).
#pragma once
#include "../ops/op.h"

namespace studio::cuda {

void embedding_fwd(OpCtx& c);
void embedding_bwd(OpCtx& c);

}  // namespace studio::cuda
